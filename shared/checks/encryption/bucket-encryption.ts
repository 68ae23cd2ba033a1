import type { BucketDetail } from '../../snapshot/types.js';

/** SSE-KMS algorithms: single-layer (aws:kms) and dual-layer (aws:kms:dsse). */
export const SSE_KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'] as const;

/** The SSEAlgorithm of a bucket's first default-encryption rule that sets one, if any. */
export function defaultEncryptionAlgorithm(bucket: BucketDetail): string | undefined {
  const rules = bucket.ServerSideEncryptionConfiguration?.Rules ?? [];
  return rules.map((rule) => rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).find(Boolean);
}

/** The KMS key a bucket's default-encryption rule names, if any. */
export function defaultEncryptionKey(bucket: BucketDetail): string | undefined {
  const rules = bucket.ServerSideEncryptionConfiguration?.Rules ?? [];
  return rules.map((rule) => rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID).find(Boolean);
}
