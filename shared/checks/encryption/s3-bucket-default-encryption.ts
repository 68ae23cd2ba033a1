import { judgeDependencies, unreadableOutcome } from '../dependencies.js';
import type { Check } from '../types.js';
import { defaultEncryptionAlgorithm, SSE_KMS_REMEDIATION } from './bucket-encryption.js';

export const s3BucketDefaultEncryption: Check = {
  metadata: {
    id: 's3-bucket-default-encryption',
    title: 'S3 buckets have default encryption',
    bestPractice: 'encryption',
    severity: 'high',
    description:
      'Checks that every S3 bucket the application uses (code, reference data, Studio artifacts, buckets ' +
      'named in its properties or role, Firehose destinations) has a default server-side encryption rule.',
    logic:
      'PASS: ServerSideEncryptionConfiguration has a rule with ApplyServerSideEncryptionByDefault.SSEAlgorithm ' +
      '(the detail names it). FAIL: the configuration is null, absent or has no such rule. ERROR: ' +
      's3:GetBucketEncryption failed for the bucket, the bucket could not be read, or it belongs to another ' +
      'account; and on a delivery stream or the execution role that could not be read in full, since a ' +
      'bucket may hide behind it. NOT_APPLICABLE: the application uses no S3 bucket, as far as everything was read.',
    risk:
      'Objects uploaded without an encryption header are stored unencrypted, including application code ' +
      'and data delivered by Firehose.',
    remediation: {
      console:
        'Open the S3 console, choose the bucket, then Properties > Default encryption > Edit, and choose ' +
        'SSE-KMS with a customer managed key (or at least SSE-S3).',
      ...SSE_KMS_REMEDIATION,
      references: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html',
      ],
    },
  },
  evaluate(context) {
    return judgeDependencies(context, ['s3-bucket'], 'S3 bucket', (node) => {
      if (context.index.unreadable(node.arn, ['s3:GetBucketEncryption']).length > 0)
        return unreadableOutcome(context, node.arn, ['s3:GetBucketEncryption']);
      const bucket = context.index.bucket(node.name);
      const algorithm = bucket ? defaultEncryptionAlgorithm(bucket) : undefined;
      if (algorithm) {
        return {
          status: 'PASS',
          resourceArn: node.arn,
          detail: `Bucket ${node.name} encrypts new objects by default with ${algorithm}.`,
        };
      }
      return {
        status: 'FAIL',
        resourceArn: node.arn,
        detail: `Bucket ${node.name} has no default encryption rule.`,
      };
    });
  },
};
