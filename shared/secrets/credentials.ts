import { maskSecret } from './mask.js';

/**
 * What gave a credential away:
 * - `long-term-credentials-provider`: the connector is told to use keys instead of the role;
 * - `credential-property`: a property named like a credential holds a value;
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

/** One credential found in a runtime property; never holds the raw secret. */
export interface CredentialHit {
  group: string;
  key: string;
  kind: CredentialKind;
  /** What may be shown: the masked secret, or the provider name (which is not a secret). */
  maskedValue: string;
}

/** A runtime property group as DescribeApplication returns it. */
export interface PropertyGroup {
  PropertyGroupId: string;
  PropertyMap?: Record<string, string>;
}

// Flink's AWS connectors read `aws.credentials.provider`; these values make them use stored keys
// (properties, environment, system properties, a profile file) instead of the execution role.
const LONG_TERM_PROVIDERS = ['BASIC', 'ENV_VAR', 'SYS_PROP', 'PROFILE'];
const PROVIDER_KEY = 'aws.credentials.provider';

// Key endings, after normalisation (lower case, `_` and `-` as `.`), of properties that hold keys:
// connector settings (`aws.credentials.provider.basic.secretkey`), SDK names (`aws_access_key_id`),
// Hadoop S3A (`fs.s3a.access.key`) and hand-rolled ones (`accessKey`).
const CREDENTIAL_KEY_ENDINGS = [
  'accesskeyid',
  'accesskey',
  'secretkey',
  'secretaccesskey',
  'sessiontoken',
  'access.key.id',
  'access.key',
  'secret.access.key',
  'secret.key',
  'session.token',
];

// Access key ids: AKIA (user), ASIA (temporary), ABIA (STS service bearer), ACCA (context-specific).
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g;
// A secret access key is 40 base64 characters; the look-arounds keep longer base64 runs out.
const SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** Finds AWS credentials in runtime property groups, by key name and by value shape. */
export function detectCredentials(groups: readonly PropertyGroup[]): CredentialHit[] {
  const hits: CredentialHit[] = [];
  for (const group of groups) {
    for (const [key, rawValue] of Object.entries(group.PropertyMap ?? {})) {
      const value = String(rawValue ?? '');
      const found = (kind: CredentialKind, maskedValue: string) =>
        hits.push({ group: group.PropertyGroupId, key, kind, maskedValue });
      const normalisedKey = normaliseKey(key);
      if (isProviderKey(normalisedKey) && LONG_TERM_PROVIDERS.includes(value.trim().toUpperCase())) {
        found('long-term-credentials-provider', value.trim());
        continue;
      }
      const valueHits = [
        ...[...value.matchAll(ACCESS_KEY_ID)].map((match) => ['access-key-id', match[0]] as const),
        ...[...value.matchAll(SECRET_ACCESS_KEY)]
          .filter((match) => looksLikeSecretKey(match[0]))
          .map((match) => ['secret-access-key', match[0]] as const),
      ];
      for (const [kind, secret] of valueHits) found(kind, maskSecret(secret));
      if (valueHits.length === 0 && isCredentialKey(normalisedKey) && value.trim() !== '') {
        found('credential-property', maskSecret(value));
      }
    }
  }
  return hits;
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '.');
}

function isProviderKey(normalisedKey: string): boolean {
  return normalisedKey === PROVIDER_KEY || normalisedKey.endsWith(`.${PROVIDER_KEY}`);
}

function isCredentialKey(normalisedKey: string): boolean {
  return CREDENTIAL_KEY_ENDINGS.some(
    (ending) => normalisedKey === ending || normalisedKey.endsWith(`.${ending}`),
  );
}

// Random 40-character keys mix upper case, lower case and digits; a hex digest (a Git commit, a
// SHA-1) has the same length but is not a key.
function looksLikeSecretKey(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token) && !/^[0-9a-fA-F]+$/.test(token);
}
