import { longTermAccessKeyIds } from '../secrets/credential-evidence.js';
import { detectCredentials } from '../secrets/credentials.js';
import { LONG_TERM_KEY_ID_PREFIX } from '../secrets/key-shapes.js';
import type { ApplicationDetail, BucketObject } from '../snapshot/types.js';

/**
 * The long-term access key ids (AKIA…, AWS's example keys left out) an application holds in its
 * runtime properties: keys collection asks IAM about.
 */
export function propertyAccessKeyIds(application: ApplicationDetail): string[] {
  return longTermAccessKeyIds(
    detectCredentials(
      application.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
        ?.PropertyGroupDescriptions ?? [],
    ),
  );
}

/** The long-term access key ids (AWS's example keys left out) a scanned code artifact holds. */
export function artifactAccessKeyIds(object: BucketObject): string[] {
  return (object.CredentialScan?.Findings ?? []).flatMap((finding) =>
    finding.AccessKeyId && !finding.Example && finding.AccessKeyId.startsWith(LONG_TERM_KEY_ID_PREFIX)
      ? [finding.AccessKeyId]
      : [],
  );
}
