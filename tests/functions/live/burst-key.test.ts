import { describe, expect, it } from 'vitest';
import { burstKey } from '../../../functions/live/burst-key.js';
import type { CloudTrailChangeEvent } from '../../../shared/live/types.js';

const CONTEXT = { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' };

function event(id?: string): CloudTrailChangeEvent {
  return {
    ...(id ? { id } : {}),
    'detail-type': 'AWS API Call via CloudTrail',
    account: '111122223333',
    region: 'eu-west-1',
    detail: { eventSource: 'kinesis.amazonaws.com', eventName: 'StopStreamEncryption' },
  };
}

describe('Function: burstKey', () => {
  it('names a burst by its events, in whatever order SQS redelivers them', () => {
    // Act
    const keys = [
      burstKey([event('e-1'), event('e-2')], CONTEXT),
      burstKey([event('e-2'), event('e-1')], { awsRequestId: 'a-redelivery' }),
      burstKey([event('e-1'), event('e-3')], CONTEXT),
    ];

    // Assess
    expect(keys[0]).toMatch(/^events:[0-9a-f]{64}$/);
    expect([keys[1] === keys[0], keys[2] === keys[0]]).toEqual([true, false]);
  });

  it('names a burst with an event without id by the Lambda request id', () => {
    // Act
    const key = burstKey([event('e-1'), event()], CONTEXT);

    // Assess
    expect(key).toEqual('lambda:c6af9ac6-7b61-11e6-9a41-93e812345678');
  });
});
