import { describe, expect, it } from 'vitest';
import { kmsKeyEnabled } from '../../../shared/checks/encryption/kms-key-enabled.js';
import type { KeyDetail } from '../../../shared/snapshot/types.js';
import {
  bucket,
  bucketArn,
  collectionError,
  encryptionSnapshot,
  expectedFinding,
  findingsOf,
  keyArn,
  kinesisStream,
  kmsKey,
  streamArn,
} from '../../support/encryption-fixtures.js';
import { applicationArn } from '../../support/snapshot-builder.js';

const check = kmsKeyEnabled;
const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';
const KEY_ARN = keyArn(KEY_ID);

/** A snapshot where the application itself is encrypted with the given key. */
function encryptedWith(...keys: KeyDetail[]) {
  return encryptionSnapshot({ applicationKey: KEY_ARN, keys });
}

describe('Check: kms-key-enabled', () => {
  it('returns PASS for an enabled key', () => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: KEY_ARN,
        detail: `KMS key ${KEY_ID} is enabled.`,
      }),
    ]);
  });

  it('returns a critical FAIL naming the deletion date of a key pending deletion', () => {
    // Prepare
    const snapshot = encryptedWith(
      kmsKey(KEY_ID, { KeyState: 'PendingDeletion', Enabled: false, DeletionDate: '2026-12-06T00:00:00Z' }),
    );

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        severity: 'critical',
        resourceArn: KEY_ARN,
        detail: `KMS key ${KEY_ID} is pending deletion: it will be deleted on 2026-12-06T00:00:00Z, and every record, object and snapshot encrypted with it becomes unreadable; cancel the deletion now.`,
      }),
    ]);
  });

  it('returns FAIL for a disabled key', () => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID, { KeyState: 'Disabled', Enabled: false }));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: KEY_ARN,
        detail: `KMS key ${KEY_ID} is Disabled, so nothing can be encrypted or decrypted with it; enable it.`,
      }),
    ]);
  });

  it('returns a critical ERROR for a key whose KeyState is not in the snapshot: it may be pending deletion', () => {
    // Prepare
    const key = kmsKey(KEY_ID);
    delete key.KeyMetadata.KeyState;
    const snapshot = encryptedWith(key);

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        severity: 'critical',
        resourceArn: KEY_ARN,
        detail: `The state of KMS key ${KEY_ID} is not in the snapshot; scan again with kms:DescribeKey allowed.`,
      }),
    ]);
  });

  it('returns ERROR for a key that could not be described', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      applicationKey: KEY_ARN,
      collectionErrors: [collectionError('kms:DescribeKey', KEY_ARN)],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        severity: 'critical',
        resourceArn: KEY_ARN,
        detail: `Could not read ${KEY_ARN} (kms:DescribeKey failed with AccessDeniedException); allow kms:DescribeKey to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns ERROR advising only another scan when the key could not be described for a transient reason', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      applicationKey: KEY_ARN,
      collectionErrors: [collectionError('kms:DescribeKey', KEY_ARN, 'ThrottlingException')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        severity: 'critical',
        resourceArn: KEY_ARN,
        detail: `Could not read ${KEY_ARN} (kms:DescribeKey failed with ThrottlingException); scan again: the read was not denied, so no permission is missing.`,
      }),
    ]);
  });

  it('returns ERROR naming a stream that could not be read, since its key is unknown', () => {
    // Prepare
    const stream = streamArn('orders-in');
    const snapshot = encryptionSnapshot({
      uses: [stream],
      collectionErrors: [collectionError('kinesis:DescribeStreamSummary', stream, 'ServiceUnavailable')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        severity: 'critical',
        resourceArn: stream,
        detail: `Cannot tell: ${stream} could not be read (kinesis:DescribeStreamSummary failed with ServiceUnavailable), so any KMS key orders-enricher uses through it is unknown; scan again: the read was not denied, so no permission is missing.`,
      }),
    ]);
  });

  it('returns ERROR beside the keys it judged, naming a bucket whose encryption could not be read', () => {
    // Prepare
    const referenceBucket = bucketArn('orders-reference');
    const unread = bucket('orders-reference');
    delete unread.ServerSideEncryptionConfiguration;
    const snapshot = encryptionSnapshot({
      applicationKey: KEY_ARN,
      keys: [kmsKey(KEY_ID)],
      uses: [referenceBucket],
      buckets: [unread],
      collectionErrors: [collectionError('s3:GetBucketEncryption', referenceBucket, 'InternalError')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: KEY_ARN,
        detail: `KMS key ${KEY_ID} is enabled.`,
      }),
      expectedFinding(check, {
        status: 'ERROR',
        severity: 'critical',
        resourceArn: referenceBucket,
        detail: `Cannot tell: ${referenceBucket} could not be read (s3:GetBucketEncryption failed with InternalError), so any KMS key orders-enricher uses through it is unknown; scan again: the read was not denied, so no permission is missing.`,
      }),
    ]);
  });

  it('returns ERROR naming the permission to grant when reading the stream was denied', () => {
    // Prepare
    const stream = streamArn('orders-in');
    const snapshot = encryptionSnapshot({
      uses: [stream],
      collectionErrors: [collectionError('kinesis:DescribeStreamSummary', stream, 'AccessDeniedException')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        severity: 'critical',
        resourceArn: stream,
        detail: `Cannot tell: ${stream} could not be read (kinesis:DescribeStreamSummary failed with AccessDeniedException), so any KMS key orders-enricher uses through it is unknown; allow kinesis:DescribeStreamSummary to the auditor and scan again.`,
      }),
    ]);
  });

  it("returns ERROR naming the IAM action, not the API call, when reading a bucket's encryption was denied", () => {
    // Prepare
    const referenceBucket = bucketArn('orders-reference');
    const unread = bucket('orders-reference');
    delete unread.ServerSideEncryptionConfiguration;
    const snapshot = encryptionSnapshot({
      uses: [referenceBucket],
      buckets: [unread],
      collectionErrors: [collectionError('s3:GetBucketEncryption', referenceBucket, 'AccessDenied')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        severity: 'critical',
        resourceArn: referenceBucket,
        detail: `Cannot tell: ${referenceBucket} could not be read (s3:GetBucketEncryption failed with AccessDenied), so any KMS key orders-enricher uses through it is unknown; allow s3:GetEncryptionConfiguration to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when every stream was read and none uses a KMS key', () => {
    // Prepare
    const stream = streamArn('orders-in');
    const snapshot = encryptionSnapshot({ uses: [stream], streams: [kinesisStream('orders-in')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher depends on no KMS key.',
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when no KMS key is involved', () => {
    // Prepare
    const snapshot = encryptionSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher depends on no KMS key.',
      }),
    ]);
  });
});
