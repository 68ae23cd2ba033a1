import { longTermAccessKeyIds } from '../secrets/credential-evidence.js';
import { detectCredentials } from '../secrets/credentials.js';
import { LONG_TERM_KEY_ID_PREFIX } from '../secrets/key-shapes.js';
import type { ApplicationDetail, BucketDetail } from '../snapshot/types.js';

/**
 * The long-term access key ids (AKIA…, AWS's example keys left out) that applications hold in their
 * runtime properties or code artifacts: the keys collection asks IAM about.
 */
export function leakedAccessKeyIds(
  applications: readonly ApplicationDetail[],
  buckets: readonly BucketDetail[],
): string[] {
  const fromProperties = applications.flatMap((application) =>
    longTermAccessKeyIds(
      detectCredentials(
        application.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
          ?.PropertyGroupDescriptions ?? [],
      ),
    ),
  );
  const fromCode = buckets.flatMap((bucket) =>
    (bucket.Objects ?? []).flatMap((object) =>
      (object.CredentialScan?.Findings ?? []).flatMap((finding) =>
        finding.AccessKeyId && !finding.Example && finding.AccessKeyId.startsWith(LONG_TERM_KEY_ID_PREFIX)
          ? [finding.AccessKeyId]
          : [],
      ),
    ),
  );
  return [...new Set([...fromProperties, ...fromCode])].sort();
}
