import { describe, expect, it } from 'vitest';
import { firehoseEncrypted } from '../../../shared/checks/encryption/firehose-encrypted.js';
import type { DeliveryStreamDescription } from '../../../shared/snapshot/types.js';
import {
  collectionError,
  deliveryStream,
  deliveryStreamArn,
  encryptionSnapshot,
  expectedFinding,
  findingsOf,
  keyArn,
  kinesisStream,
  kmsKey,
  streamArn,
} from '../../support/encryption-fixtures.js';
import { applicationArn } from '../../support/snapshot-builder.js';

const check = firehoseEncrypted;
const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';
const SOURCE_PREFIX =
  "Delivery stream sessions-to-lake reads from a Kinesis data stream, so Firehose SSE cannot be set and its encryption at rest is the source stream's";

/** A snapshot where the application writes to one delivery stream. */
function usingDeliveryStream(
  extra: Partial<DeliveryStreamDescription>,
  more: Parameters<typeof encryptionSnapshot>[0] = {},
) {
  return encryptionSnapshot({
    uses: [deliveryStreamArn('sessions-to-lake')],
    deliveryStreams: [deliveryStream('sessions-to-lake', extra)],
    ...more,
  });
}

/** A delivery stream fed by the Kinesis data stream `source`. */
function fedBy(source: string): Partial<DeliveryStreamDescription> {
  return {
    DeliveryStreamType: 'KinesisStreamAsSource',
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    Source: { KinesisStreamSourceDescription: { KinesisStreamARN: streamArn(source) } },
  };
}

describe('Check: firehose-encrypted', () => {
  it('returns PASS for a DirectPut delivery stream with SSE ENABLED', () => {
    // Prepare
    const snapshot = usingDeliveryStream({
      DeliveryStreamEncryptionConfiguration: { Status: 'ENABLED', KeyType: 'AWS_OWNED_CMK' },
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: 'Delivery stream sessions-to-lake encrypts records at rest with an AWS owned key.',
      }),
    ]);
  });

  it('returns PASS noting that encryption is being enabled for SSE ENABLING', () => {
    // Prepare
    const snapshot = usingDeliveryStream(
      {
        DeliveryStreamEncryptionConfiguration: {
          Status: 'ENABLING',
          KeyType: 'CUSTOMER_MANAGED_CMK',
          KeyARN: keyArn(KEY_ID),
        },
      },
      { keys: [kmsKey(KEY_ID)] },
    );

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: `Delivery stream sessions-to-lake is enabling server-side encryption with KMS key ${keyArn(KEY_ID)}; records written until it is ENABLED are not encrypted.`,
      }),
    ]);
  });

  it('returns FAIL for SSE DISABLED', () => {
    // Prepare
    const snapshot = usingDeliveryStream({});

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail:
          'Delivery stream sessions-to-lake does not encrypt records at rest: server-side encryption is DISABLED.',
      }),
    ]);
  });

  it('returns FAIL quoting the failure for SSE ENABLING_FAILED', () => {
    // Prepare
    const snapshot = usingDeliveryStream({
      DeliveryStreamEncryptionConfiguration: {
        Status: 'ENABLING_FAILED',
        FailureDescription: { Type: 'KMS_ACCESS_DENIED', Details: 'Access denied to the KMS key' },
      },
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail:
          'Delivery stream sessions-to-lake does not encrypt records at rest: server-side encryption is ENABLING_FAILED (Access denied to the KMS key).',
      }),
    ]);
  });

  it('returns FAIL when the encryption configuration is absent', () => {
    // Prepare
    const delivery = deliveryStream('sessions-to-lake');
    delete delivery.DeliveryStreamEncryptionConfiguration;
    const snapshot = encryptionSnapshot({ uses: [delivery.DeliveryStreamARN], deliveryStreams: [delivery] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail:
          'Delivery stream sessions-to-lake does not encrypt records at rest: server-side encryption is not configured.',
      }),
    ]);
  });

  it('returns PASS for a KinesisStreamAsSource delivery stream whose source stream uses KMS', () => {
    // Prepare
    const snapshot = usingDeliveryStream(fedBy('sessions'), {
      streams: [kinesisStream('sessions', { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: `${SOURCE_PREFIX}: on source stream sessions, server-side encryption is on with the AWS managed key alias/aws/kinesis.`,
      }),
    ]);
  });

  it('returns FAIL for a KinesisStreamAsSource delivery stream whose source stream is unencrypted', () => {
    // Prepare
    const snapshot = usingDeliveryStream(fedBy('sessions'), { streams: [kinesisStream('sessions')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: `${SOURCE_PREFIX}: on source stream sessions, server-side encryption is off (EncryptionType NONE).`,
      }),
    ]);
  });

  it('returns ERROR for a KinesisStreamAsSource delivery stream whose source stream is unreadable', () => {
    // Prepare
    const snapshot = usingDeliveryStream(fedBy('sessions'), {
      collectionErrors: [collectionError('kinesis:DescribeStreamSummary', streamArn('sessions'))],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: `${SOURCE_PREFIX}: Could not read ${streamArn('sessions')} (kinesis:DescribeStreamSummary failed with AccessDeniedException); allow kinesis:DescribeStreamSummary to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns ERROR for a KinesisStreamAsSource delivery stream whose source stream does not exist', () => {
    // Prepare
    const snapshot = usingDeliveryStream(fedBy('sessions'));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: `${SOURCE_PREFIX}, and source stream ${streamArn('sessions')} does not exist.`,
      }),
    ]);
  });

  it('returns ERROR for a KinesisStreamAsSource delivery stream that names no source stream', () => {
    // Prepare
    const snapshot = usingDeliveryStream({ ...fedBy('sessions'), Source: {} });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: `${SOURCE_PREFIX}, but the snapshot does not name the source stream; scan again with firehose:DescribeDeliveryStream allowed.`,
      }),
    ]);
  });

  it('returns PASS for an MSKAsSource delivery stream', () => {
    // Prepare
    const snapshot = usingDeliveryStream({ DeliveryStreamType: 'MSKAsSource' });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail:
          'Delivery stream sessions-to-lake reads from Amazon MSK: Firehose SSE cannot be set, and its records rest in the MSK cluster, which always encrypts data at rest.',
      }),
    ]);
  });

  it('returns ERROR for a delivery stream that could not be read', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [deliveryStreamArn('sessions-to-lake')],
      collectionErrors: [
        collectionError('firehose:DescribeDeliveryStream', deliveryStreamArn('sessions-to-lake')),
      ],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: deliveryStreamArn('sessions-to-lake'),
        detail: `Could not read ${deliveryStreamArn('sessions-to-lake')} (firehose:DescribeDeliveryStream failed with AccessDeniedException); allow firehose:DescribeDeliveryStream to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when the application uses no delivery stream', () => {
    // Prepare
    const snapshot = encryptionSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher depends on no Firehose delivery stream.',
      }),
    ]);
  });
});
