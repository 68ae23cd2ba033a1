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

/** How to set SSE-KMS default encryption on a bucket, by AWS CLI and CloudFormation. */
export const SSE_KMS_REMEDIATION = {
  cli: 'aws s3api put-bucket-encryption --bucket <bucket-name> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
  cloudformation: [
    'Resources:',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketEncryption:',
    '        ServerSideEncryptionConfiguration:',
    '          - ServerSideEncryptionByDefault:',
    '              SSEAlgorithm: aws:kms',
    '              KMSMasterKeyID: <key-arn>',
    '            BucketKeyEnabled: true',
  ].join('\n'),
} as const;
