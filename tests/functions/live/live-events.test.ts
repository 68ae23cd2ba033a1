import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLiveEvents } from '../../../functions/live/live-events.js';
import { changeEvent } from '../../support/live-fixtures.js';
import { sqsBatch } from './sqs-batch.js';

const STOP_ENCRYPTION = changeEvent('kinesis.amazonaws.com', 'StopStreamEncryption', {
  streamARN: 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders-in',
});
const DELETE_POLICY = changeEvent('s3.amazonaws.com', 'DeleteBucketPolicy', { bucketName: 'orders-archive' });

describe('Function: readLiveEvents', () => {
  it('returns every change event of an SQS batch, in order', () => {
    // Act
    const read = readLiveEvents(sqsBatch(STOP_ENCRYPTION, DELETE_POLICY));

    // Assess
    expect(read).toEqual({
      delivery: 'sqs',
      received: 2,
      events: [STOP_ENCRYPTION, DELETE_POLICY],
      messageIds: ['msg-1', 'msg-2'],
      dropped: [],
    });
  });

  it('returns a direct EventBridge event as the only event', () => {
    // Act
    const read = readLiveEvents(STOP_ENCRYPTION);

    // Assess
    expect(read).toEqual({
      delivery: 'direct',
      received: 1,
      events: [STOP_ENCRYPTION],
      messageIds: [],
      dropped: [],
    });
  });

  it('drops a body that is not JSON, naming the message', () => {
    // Act
    const read = readLiveEvents(sqsBatch('not json', STOP_ENCRYPTION));

    // Assess
    expect(read).toEqual({
      delivery: 'sqs',
      received: 2,
      events: [STOP_ENCRYPTION],
      messageIds: ['msg-2'],
      dropped: [
        {
          messageId: 'msg-1',
          reason:
            'not an "AWS API Call via CloudTrail" event: (body) Invalid input: expected object, received string',
        },
      ],
    });
  });

  it('drops an event of another detail-type', () => {
    // Prepare
    const scheduled = { ...STOP_ENCRYPTION, 'detail-type': 'Scheduled Event' };

    // Act
    const read = readLiveEvents(sqsBatch(scheduled));

    // Assess
    expect(read).toEqual({
      delivery: 'sqs',
      received: 1,
      events: [],
      messageIds: [],
      dropped: [
        {
          messageId: 'msg-1',
          reason:
            'not an "AWS API Call via CloudTrail" event: detail-type Invalid input: expected "AWS API Call via CloudTrail"',
        },
      ],
    });
  });

  it('drops a CloudTrail event that is not a change event', () => {
    // Prepare
    const putRecords = changeEvent('kinesis.amazonaws.com', 'PutRecords', { streamName: 'orders-in' });

    // Act
    const read = readLiveEvents(sqsBatch(putRecords));

    // Assess
    expect(read).toEqual({
      delivery: 'sqs',
      received: 1,
      events: [],
      messageIds: [],
      dropped: [
        {
          messageId: 'msg-1',
          reason: 'kinesis.amazonaws.com PutRecords is not a change event live re-audit listens to',
        },
      ],
    });
  });

  it('drops a failed call: it changed nothing', () => {
    // Prepare
    const denied = { ...STOP_ENCRYPTION, detail: { ...STOP_ENCRYPTION.detail, errorCode: 'AccessDenied' } };

    // Act
    const read = readLiveEvents(denied);

    // Assess
    expect(read).toEqual({
      delivery: 'direct',
      received: 1,
      events: [],
      messageIds: [],
      dropped: [
        { reason: 'kinesis.amazonaws.com StopStreamEncryption failed (AccessDenied): nothing changed' },
      ],
    });
  });

  it('reads the sample batch for sam local invoke as three change events', () => {
    // Prepare
    const batch = JSON.parse(
      readFileSync(new URL('../../../events/live-sqs-batch.json', import.meta.url), 'utf8'),
    );

    // Act
    const read = readLiveEvents(batch);

    // Assess
    expect({
      ...read,
      events: read.events.map((event) => `${event.detail.eventSource} ${event.detail.eventName}`),
    }).toEqual({
      delivery: 'sqs',
      received: 3,
      events: [
        'kinesis.amazonaws.com StopStreamEncryption',
        's3.amazonaws.com PutBucketPolicy',
        'kms.amazonaws.com DisableKey',
      ],
      messageIds: read.messageIds,
      dropped: [],
    });
  });
});
