import { describe, expect, it } from 'vitest';
import { dependencyExists } from '../../../shared/checks/encryption/dependency-exists.js';
import {
  bucket,
  bucketArn,
  collectionError,
  encryptionSnapshot,
  expectedFinding,
  findingsOf,
  keyArn,
  kinesisStream,
  streamArn,
} from '../../support/encryption-fixtures.js';
import {
  allow,
  applicationArn,
  OTHER_ACCOUNT_ID,
  policyDocument,
  role,
} from '../../support/snapshot-builder.js';

const check = dependencyExists;

describe('Check: dependency-exists', () => {
  it('returns NOT_APPLICABLE when the application names no stream, bucket or key', () => {
    // Prepare
    const snapshot = encryptionSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher names no Kinesis stream, delivery stream, S3 bucket or KMS key.',
      }),
    ]);
  });

  it('returns PASS for a stream the application names that exists', () => {
    // Prepare
    const snapshot = encryptionSnapshot({ uses: [streamArn('orders')], streams: [kinesisStream('orders')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: streamArn('orders'),
        detail: 'orders-enricher depends on Kinesis data stream orders, which exists.',
      }),
    ]);
  });

  it('returns FAIL for a bucket the application names that does not exist', () => {
    // Prepare
    const snapshot = encryptionSnapshot({ uses: [bucketArn('orders-reference')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: bucketArn('orders-reference'),
        detail:
          'orders-enricher depends on S3 bucket orders-reference, which does not exist; re-create it or remove it from the application.',
      }),
    ]);
  });

  it('returns ERROR for a stream that could not be read', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [streamArn('orders')],
      collectionErrors: [collectionError('kinesis:DescribeStreamSummary', streamArn('orders'))],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: streamArn('orders'),
        detail: `Could not read ${streamArn('orders')} (kinesis:DescribeStreamSummary failed with AccessDeniedException); allow kinesis:DescribeStreamSummary to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns ERROR, not PASS, for a bucket that exists but whose encryption, naming its key, could not be read', () => {
    // Prepare
    const referenceBucket = bucketArn('orders-reference');
    const unread = bucket('orders-reference');
    delete unread.ServerSideEncryptionConfiguration;
    const snapshot = encryptionSnapshot({
      uses: [referenceBucket],
      buckets: [unread],
      collectionErrors: [collectionError('s3:GetBucketEncryption', referenceBucket, 'SlowDown')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: referenceBucket,
        detail: `Cannot tell: ${referenceBucket} could not be read (s3:GetBucketEncryption failed with SlowDown), so any stream, delivery stream, bucket or key orders-enricher uses through it is unknown; scan again: the read was not denied, so no permission is missing.`,
      }),
    ]);
  });

  it('returns ERROR for a stream of another account', () => {
    // Prepare
    const snapshot = encryptionSnapshot({ uses: [streamArn('shared-orders', OTHER_ACCOUNT_ID)] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: streamArn('shared-orders', OTHER_ACCOUNT_ID),
        detail: `orders-enricher depends on Kinesis data stream shared-orders in account ${OTHER_ACCOUNT_ID}, which this scan does not read; audit that account too.`,
      }),
    ]);
  });

  it('returns ERROR, not FAIL, for a key of another account that a stream uses', () => {
    // Prepare
    const foreignKey = keyArn('9f8e7d6c-0000-1111-2222-333344445555', OTHER_ACCOUNT_ID);
    const snapshot = encryptionSnapshot({
      uses: [streamArn('orders')],
      streams: [kinesisStream('orders', { EncryptionType: 'KMS', KeyId: foreignKey })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: streamArn('orders'),
        detail: 'orders-enricher depends on Kinesis data stream orders, which exists.',
      }),
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: foreignKey,
        detail: `orders-enricher depends on KMS key 9f8e7d6c-0000-1111-2222-333344445555 in account ${OTHER_ACCOUNT_ID}, which this scan does not read; audit that account too.`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when a missing stream is known only from the role policy', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      roles: [
        role({ inline: { access: policyDocument(allow('kinesis:GetRecords', streamArn('old-orders'))) } }),
      ],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher names no Kinesis stream, delivery stream, S3 bucket or KMS key.',
      }),
    ]);
  });
});
