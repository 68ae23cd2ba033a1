import { isExampleCredential } from './example-keys.js';
import { LONG_TERM_KEY_ID_PREFIX } from './key-shapes.js';
import { maskKeyId, maskSecretValue } from './mask.js';

/**
 * What gave a credential away:
 * - `long-term-credentials-provider`: the connector is told to use keys instead of the role;
 * - `credential-property`: a setting named like a credential holds a value;
 * - `access-key-id`: a value holds an AWS access key id;
 * - `secret-access-key`: a value looks like a 40-character secret access key.
 */
export const CREDENTIAL_KINDS = [
  'long-term-credentials-provider',
  'credential-property',
  'access-key-id',
  'secret-access-key',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

interface EvidenceCommon {
  /** What may be shown: the masked credential, or the provider name (which is not a secret). */
  maskedValue: string;
  /** An example key of the AWS documentation (or one ending in EXAMPLE / EXAMPLEKEY), never valid. */
  example: boolean;
}

/** An access key id: kept in full because collection looks it up in IAM. */
export interface AccessKeyIdEvidence extends EvidenceCommon {
  kind: 'access-key-id';
  /**
   * The full access key id, so collection can ask IAM whose key it is and whether it is live. An
   * identifier, not a secret, but it must never be printed, logged or reported: show maskedValue.
   */
  accessKeyId: string;
}

/** Any other credential: only its masked form is kept. */
export interface MaskedEvidence extends EvidenceCommon {
  kind: Exclude<CredentialKind, 'access-key-id'>;
}

/** What was found and how it may be shown, wherever it was found; never holds a raw secret. */
export type CredentialEvidence = AccessKeyIdEvidence | MaskedEvidence;

/** Evidence for an access key id: masked to its first and last 4 characters. */
export function accessKeyIdEvidence(accessKeyId: string): AccessKeyIdEvidence {
  return {
    kind: 'access-key-id',
    maskedValue: maskKeyId(accessKeyId),
    example: isExampleCredential(accessKeyId),
    accessKeyId,
  };
}

/** Evidence for a secret access key or a credential setting's value: at most 4 characters shown. */
export function secretEvidence(
  kind: 'secret-access-key' | 'credential-property',
  secret: string,
): MaskedEvidence {
  return { kind, maskedValue: maskSecretValue(secret), example: isExampleCredential(secret) };
}

/** Evidence for a long-term credentials provider; its name is not a secret and is shown as found. */
export function providerEvidence(provider: string): MaskedEvidence {
  return { kind: 'long-term-credentials-provider', maskedValue: provider, example: false };
}

/** The distinct long-term (AKIA…) access key ids of some hits, examples left out, in order found. */
export function longTermAccessKeyIds(hits: readonly CredentialEvidence[]): string[] {
  const ids = new Set<string>();
  for (const hit of hits) {
    if (hit.kind === 'access-key-id' && !hit.example && hit.accessKeyId.startsWith(LONG_TERM_KEY_ID_PREFIX)) {
      ids.add(hit.accessKeyId);
    }
  }
  return [...ids];
}
