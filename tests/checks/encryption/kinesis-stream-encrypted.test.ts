import { describe, expect, it } from 'vitest';
import { kinesisStreamEncrypted } from '../../../shared/checks/encryption/kinesis-stream-encrypted.js';
import {
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

const check = kinesisStreamEncrypted;
const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';

describe('Check: kinesis-stream-encrypted', () => {
  it('returns PASS naming the AWS managed key of a stream encrypted with alias/aws/kinesis', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [streamArn('orders')],
      streams: [kinesisStream('orders', { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: streamArn('orders'),
        detail:
          'Kinesis data stream orders: server-side encryption is on with the AWS managed key alias/aws/kinesis.',
      }),
    ]);
  });

  it('returns PASS naming the customer managed key of a stream', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [streamArn('orders')],
      streams: [kinesisStream('orders', { EncryptionType: 'KMS', KeyId: keyArn(KEY_ID) })],
      keys: [kmsKey(KEY_ID)],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: streamArn('orders'),
        detail: `Kinesis data stream orders: server-side encryption is on with KMS key ${keyArn(KEY_ID)}.`,
      }),
    ]);
  });

  it('returns FAIL for a stream with EncryptionType NONE', () => {
    // Prepare
    const snapshot = encryptionSnapshot({ uses: [streamArn('orders')], streams: [kinesisStream('orders')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: streamArn('orders'),
        detail: 'Kinesis data stream orders: server-side encryption is off (EncryptionType NONE).',
      }),
    ]);
  });

  it('returns FAIL for a stream whose EncryptionType is absent', () => {
    // Prepare
    const stream = kinesisStream('orders');
    delete stream.EncryptionType;
    const snapshot = encryptionSnapshot({ uses: [streamArn('orders')], streams: [stream] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: streamArn('orders'),
        detail: 'Kinesis data stream orders: server-side encryption is off (EncryptionType not set).',
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

  it('returns NOT_APPLICABLE when the application uses no stream', () => {
    // Prepare
    const snapshot = encryptionSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher depends on no Kinesis data stream.',
      }),
    ]);
  });
});
