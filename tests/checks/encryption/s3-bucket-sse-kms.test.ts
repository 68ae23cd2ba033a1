import { describe, expect, it } from 'vitest';
import { s3BucketSseKms } from '../../../shared/checks/encryption/s3-bucket-sse-kms.js';
import type { BucketDetail } from '../../../shared/snapshot/types.js';
import {
  bucket,
  bucketArn,
  collectionError,
  encryptionSnapshot,
  expectedFinding,
  findingsOf,
  keyArn,
  kmsKey,
} from '../../support/encryption-fixtures.js';
import { applicationArn } from '../../support/snapshot-builder.js';

const check = s3BucketSseKms;
const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';

/** A bucket whose default encryption uses `SSEAlgorithm` (and a key, when given). */
function encryptedBucket(algorithm: string, key?: string): BucketDetail {
  return bucket('orders-reference', {
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: algorithm,
            ...(key ? { KMSMasterKeyID: key } : {}),
          },
          BucketKeyEnabled: true,
        },
      ],
    },
  });
}

describe('Check: s3-bucket-sse-kms', () => {
  it('returns PASS naming the key of a bucket encrypted with aws:kms', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [encryptedBucket('aws:kms', keyArn(KEY_ID))],
      keys: [kmsKey(KEY_ID)],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: bucketArn('orders-reference'),
        detail: `Bucket orders-reference encrypts by default with aws:kms using KMS key ${keyArn(KEY_ID)}.`,
      }),
    ]);
  });

  it('returns PASS for dual-layer aws:kms:dsse with the AWS managed key', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [encryptedBucket('aws:kms:dsse')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: bucketArn('orders-reference'),
        detail:
          'Bucket orders-reference encrypts by default with aws:kms:dsse using the AWS managed key aws/s3.',
      }),
    ]);
  });

  it('returns FAIL with low severity for SSE-S3 (AES256)', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [encryptedBucket('AES256')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        severity: 'low',
        resourceArn: bucketArn('orders-reference'),
        detail:
          'Bucket orders-reference encrypts by default with AES256 (SSE-S3), whose key you do not control and whose decryptions CloudTrail does not record; switch to SSE-KMS.',
      }),
    ]);
  });

  it('returns NOT_APPLICABLE for a bucket without default encryption', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [bucket('orders-reference', { ServerSideEncryptionConfiguration: null })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: bucketArn('orders-reference'),
        detail: 'Bucket orders-reference has no default encryption; see s3-bucket-default-encryption.',
      }),
    ]);
  });

  it('returns ERROR when s3:GetBucketEncryption failed for the bucket', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [bucket('orders-reference', { ServerSideEncryptionConfiguration: null })],
      collectionErrors: [collectionError('s3:GetBucketEncryption', bucketArn('orders-reference'))],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: bucketArn('orders-reference'),
        detail: `Could not read ${bucketArn('orders-reference')} (s3:GetBucketEncryption failed with AccessDeniedException); allow s3:GetEncryptionConfiguration to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when the application uses no bucket', () => {
    // Prepare
    const snapshot = encryptionSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher depends on no S3 bucket.',
      }),
    ]);
  });
});
