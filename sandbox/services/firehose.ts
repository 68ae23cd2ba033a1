import { deliveryStreamArn } from '../../shared/arn.js';
import { paginate } from '../state.js';
import { AwsServiceError, type JsonService } from '../types.js';
import { optionalString, requiredString } from './json-input.js';
import { guard, regionSection } from './lookups.js';

// Firehose's documented default page of ListDeliveryStreams.
const DEFAULT_STREAMS_PAGE = 10;
// DescribeDeliveryStream's Limit maximum; a stream has one destination in practice.
const MAX_DESTINATIONS = 10_000;

/** Amazon Data Firehose: delivery streams as DescribeDeliveryStream returns them. */
export const firehoseService: JsonService = {
  signingName: 'firehose',
  targetPrefixes: ['Firehose_20150804'],
  operations: {
    ListDeliveryStreams(input, context) {
      guard(context, 'firehose:ListDeliveryStreams', undefined);
      const type = optionalString(input, 'DeliveryStreamType');
      const after = optionalString(input, 'ExclusiveStartDeliveryStreamName');
      // Firehose pages by name, not token: names in alphabetical order, after the last one seen.
      const names = (regionSection(context).deliveryStreams ?? [])
        .filter((stream) => !type || stream.DeliveryStreamType === type)
        .map((stream) => stream.DeliveryStreamName)
        .sort()
        .filter((name) => after === undefined || name > after);
      const page = paginate(names, {
        limit: input.Limit,
        defaultLimit: DEFAULT_STREAMS_PAGE,
        state: context.state,
        invalidTokenCode: 'InvalidArgumentException',
      });
      return { DeliveryStreamNames: page.items, HasMoreDeliveryStreams: page.nextToken !== undefined };
    },
    DescribeDeliveryStream(input, context) {
      const name = requiredString(input, 'DeliveryStreamName', 'InvalidArgumentException');
      const { partition, accountId } = context.state;
      const arn = deliveryStreamArn(partition, context.region, accountId, name);
      guard(context, 'firehose:DescribeDeliveryStream', arn);
      const description = context.state.index.deliveryStream(arn);
      if (!description) {
        throw new AwsServiceError(
          'ResourceNotFoundException',
          `Firehose ${name} under account ${accountId} not found.`,
        );
      }
      // Destination ids sort like the names above: the page starts after the id given.
      const after = optionalString(input, 'ExclusiveStartDestinationId');
      const destinations = (description.Destinations ?? []).filter(
        (destination) => after === undefined || (destination.DestinationId ?? '') > after,
      );
      const page = paginate(destinations, {
        limit: input.Limit,
        defaultLimit: MAX_DESTINATIONS,
        state: context.state,
        invalidTokenCode: 'InvalidArgumentException',
      });
      return {
        DeliveryStreamDescription: {
          ...description,
          Destinations: page.items,
          HasMoreDestinations: page.nextToken !== undefined,
        },
      };
    },
  },
};
