import { describe, expect, it } from 'vitest';
import { invocationKey } from '../../../functions/scan/invocation-key.js';

const CONTEXT = { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' };

describe('Function: invocationKey', () => {
  it('names an EventBridge event by its id, whatever Lambda request delivers it', () => {
    // Prepare
    const event = {
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      id: '89a1b2c3-0000-4d5e-8f90-1234567890ab',
    };

    // Act
    const keys = [invocationKey(event, CONTEXT), invocationKey(event, { awsRequestId: 'a-retry' })];

    // Assess
    expect(keys).toEqual([
      'event:89a1b2c3-0000-4d5e-8f90-1234567890ab',
      'event:89a1b2c3-0000-4d5e-8f90-1234567890ab',
    ]);
  });

  it('names any other invocation by its Lambda request id', () => {
    // Act
    const keys = [
      invocationKey({ trigger: 'schedule' }, CONTEXT),
      invocationKey({ regions: 'all' }, CONTEXT),
      invocationKey({ source: 'aws.scheduler', 'detail-type': 'Scheduled Event' }, CONTEXT),
      invocationKey({ source: 'aws.events', id: '' }, CONTEXT),
    ];

    // Assess
    expect(new Set(keys)).toEqual(new Set(['lambda:c6af9ac6-7b61-11e6-9a41-93e812345678']));
  });
});
