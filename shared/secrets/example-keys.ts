/**
 * The example keys the AWS documentation uses (IAM user guide, CLI configuration, Signature Version 4
 * examples). They are published and never valid; finding one means a copied sample, not a leak.
 */
export const AWS_DOCUMENTATION_EXAMPLE_KEYS = [
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
] as const;

const EXAMPLE_KEYS: ReadonlySet<string> = new Set(AWS_DOCUMENTATION_EXAMPLE_KEYS);
// AWS never issues keys ending like this; the documentation marks every sample key with them.
const EXAMPLE_ENDINGS = ['EXAMPLE', 'EXAMPLEKEY'] as const;

/** True for an access key id or secret from the AWS documentation, or any ending in EXAMPLE / EXAMPLEKEY. */
export function isExampleCredential(value: string): boolean {
  return EXAMPLE_KEYS.has(value) || EXAMPLE_ENDINGS.some((ending) => value.endsWith(ending));
}
