import { judgeDependencies, unreadableOutcome } from '../dependencies.js';
import type { Check } from '../types.js';
import {
  defaultEncryptionAlgorithm,
  defaultEncryptionKey,
  SSE_KMS_ALGORITHMS,
  SSE_KMS_REMEDIATION,
} from './bucket-encryption.js';

export const s3BucketSseKms: Check = {
  metadata: {
    id: 's3-bucket-sse-kms',
    title: 'S3 buckets encrypt by default with SSE-KMS',
    bestPractice: 'encryption',
    severity: 'low',
    description:
      'Checks that the default encryption of every S3 bucket the application uses is SSE-KMS, so that ' +
      'you control the key and every decryption is recorded by CloudTrail.',
    logic:
      'PASS: the default SSEAlgorithm is aws:kms or aws:kms:dsse. FAIL: it is AES256 (SSE-S3, which S3 ' +
      'applies to every bucket since January 2023). ERROR: s3:GetBucketEncryption failed, the bucket ' +
      'could not be read, or it belongs to another account. NOT_APPLICABLE: the bucket has no default ' +
      'encryption at all (s3-bucket-default-encryption fails it), or the application uses no bucket, as far as ' +
      'everything was read (a delivery stream or the execution role not read in full is ERROR: a bucket may ' +
      'hide behind it).',
    risk:
      'With SSE-S3 the key is owned and managed by S3: you cannot restrict who may decrypt through a key ' +
      'policy, cannot disable or rotate the key on your schedule, and CloudTrail records no kms:Decrypt ' +
      'event showing who read the objects.',
    remediation: {
      console:
        'Open the S3 console, choose the bucket, then Properties > Default encryption > Edit, and choose ' +
        'Server-side encryption with AWS KMS keys (SSE-KMS) with a customer managed key and Bucket Key enabled.',
      ...SSE_KMS_REMEDIATION,
      references: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
      ],
    },
  },
  evaluate(context) {
    return judgeDependencies(context, ['s3-bucket'], 'S3 bucket', (node) => {
      if (context.index.unreadable(node.arn, ['s3:GetBucketEncryption']).length > 0)
        return unreadableOutcome(context, node.arn, ['s3:GetBucketEncryption']);
      const bucket = context.index.bucket(node.name);
      const algorithm = bucket ? defaultEncryptionAlgorithm(bucket) : undefined;
      if (!bucket || !algorithm) {
        return {
          status: 'NOT_APPLICABLE',
          resourceArn: node.arn,
          detail: `Bucket ${node.name} has no default encryption; see s3-bucket-default-encryption.`,
        };
      }
      if ((SSE_KMS_ALGORITHMS as readonly string[]).includes(algorithm)) {
        const key = defaultEncryptionKey(bucket);
        return {
          status: 'PASS',
          resourceArn: node.arn,
          detail: `Bucket ${node.name} encrypts by default with ${algorithm} using ${key ? `KMS key ${key}` : 'the AWS managed key aws/s3'}.`,
        };
      }
      return {
        status: 'FAIL',
        resourceArn: node.arn,
        detail: `Bucket ${node.name} encrypts by default with ${algorithm} (SSE-S3), whose key you do not control and whose decryptions CloudTrail does not record; switch to SSE-KMS.`,
      };
    });
  },
};
