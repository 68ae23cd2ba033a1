import { DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { afterEach, describe, expect, it } from 'vitest';
import { readDeliveryStream } from '../../shared/collect/delivery-streams.js';
import { account, deliveryStream, deliveryStreamArn, REGION } from './support/account-builders.js';
import { fakeAws, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

describe('Function: readDeliveryStream', () => {
  afterEach(() => restoreAws());

  it('returns every destination, read page after page while HasMoreDestinations', async () => {
    // Prepare
    const fanOut = deliveryStream('fan-out', ['one', 'two', 'three']);
    const stubs = fakeAws(account({ regions: { [REGION]: { deliveryStreams: [fanOut] } } }), {
      destinations: 2,
    });

    // Act
    const read = await readDeliveryStream(scanContext(), REGION, deliveryStreamArn('fan-out'));

    // Assess
    expect(read).toEqual(fanOut);
    expect(stubs.firehose).toHaveReceivedCommandTimes(DescribeDeliveryStreamCommand, 2);
    expect(stubs.firehose).toHaveReceivedNthCommandWith(DescribeDeliveryStreamCommand, 2, {
      DeliveryStreamName: 'fan-out',
      ExclusiveStartDestinationId: 'destinationId-000000000002',
    });
  });

  it('returns undefined, with the failure recorded, when a later page fails', async () => {
    // Prepare
    const fanOut = deliveryStream('fan-out', ['one', 'two', 'three']);
    const stubs = fakeAws(account({ regions: { [REGION]: { deliveryStreams: [fanOut] } } }), {
      destinations: 2,
    });
    stubs.firehose
      .on(DescribeDeliveryStreamCommand, { ExclusiveStartDestinationId: 'destinationId-000000000002' })
      .rejects(awsError('LimitExceededException', 'Rate exceeded'));
    const context = scanContext();

    // Act
    const read = await readDeliveryStream(context, REGION, deliveryStreamArn('fan-out'));

    // Assess
    expect(read).toBeUndefined();
    expect(context.errors).toEqual([
      {
        operation: 'firehose:DescribeDeliveryStream',
        resource: deliveryStreamArn('fan-out'),
        region: REGION,
        code: 'LimitExceededException',
        message: 'Rate exceeded',
      },
    ]);
  });
});
