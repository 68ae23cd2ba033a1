import { type CredentialEvidence, providerEvidence, secretEvidence } from './credential-evidence.js';
import { isCredentialName, isLongTermProvider, isProviderName } from './credential-names.js';
import { accessKeyIdMatches, holdsAccessKeyId, secretAccessKeyMatches } from './key-matches.js';

export { CREDENTIAL_KINDS, type CredentialKind } from './credential-evidence.js';

/** Where in the runtime properties a credential was found. */
export interface PropertyLocation {
  group: string;
  key: string;
}

/** One credential found in a runtime property; never holds the raw secret (see CredentialEvidence). */
export type CredentialHit = PropertyLocation & CredentialEvidence;

/** A runtime property group as DescribeApplication returns it. */
export interface PropertyGroup {
  PropertyGroupId: string;
  PropertyMap?: Record<string, string>;
}

/**
 * Finds AWS credentials in runtime property groups, by key name and by value shape. A 40-character
 * value passes for a secret access key on its shape alone only with a digit in it; under a key named
 * like a credential, or in a group that also holds an access key id, its entropy is enough.
 */
export function detectCredentials(groups: readonly PropertyGroup[]): CredentialHit[] {
  const hits: CredentialHit[] = [];
  for (const group of groups) {
    const properties = Object.entries(group.PropertyMap ?? {}).map(
      ([key, value]) => [key, String(value ?? '')] as const,
    );
    const groupHoldsKeyId = properties.some(([, value]) => holdsAccessKeyId(value));
    for (const [key, value] of properties) {
      const found = (evidence: CredentialEvidence) =>
        hits.push({ group: group.PropertyGroupId, key, ...evidence });
      if (isProviderName(key) && isLongTermProvider(value)) {
        found(providerEvidence(value.trim()));
        continue;
      }
      const namedLikeCredential = isCredentialName(key);
      const keys = [
        ...accessKeyIdMatches(value),
        ...secretAccessKeyMatches(
          value,
          namedLikeCredential || groupHoldsKeyId ? 'with-evidence' : 'standalone',
        ),
      ];
      for (const match of keys) found(match.evidence);
      if (keys.length === 0 && namedLikeCredential && value.trim() !== '') {
        found(secretEvidence('credential-property', value));
      }
    }
  }
  return hits;
}
