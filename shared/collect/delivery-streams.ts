import { DescribeDeliveryStreamCommand, type DescribeDeliveryStreamOutput } from '@aws-sdk/client-firehose';
import { parseArn } from '../arn.js';
import type { DeliveryStreamDescription } from '../snapshot/types.js';
import { callAwsPages, type ScanContext } from './collection-context.js';
import { snapshotShape } from './snapshot-shape.js';

/**
 * A Firehose delivery stream (DescribeDeliveryStream) with every destination: Firehose pages
 * destinations, so the read continues from the last destination id while HasMoreDestinations.
 * Undefined when absent or unreadable; a failed later page fails the whole read, since a missing
 * destination could hide an unencrypted bucket.
 */
export async function readDeliveryStream(
  context: ScanContext,
  region: string,
  deliveryStreamArn: string,
): Promise<DeliveryStreamDescription | undefined> {
  const name = parseArn(deliveryStreamArn)?.resource.replace(/^deliverystream\//, '');
  if (!name) return undefined;
  const firehose = context.clients.firehose(region);
  const pages = await callAwsPages(
    context,
    {
      operation: 'firehose:DescribeDeliveryStream',
      region,
      resource: deliveryStreamArn,
      absentOn: ['ResourceNotFoundException'],
    },
    (lastDestinationId) =>
      firehose.send(
        new DescribeDeliveryStreamCommand({
          DeliveryStreamName: name,
          ExclusiveStartDestinationId: lastDestinationId,
        }),
      ),
    lastDestinationOfPage,
  );
  if (pages.status !== 'ok') return undefined;
  const [first] = pages.value;
  const description = first?.DeliveryStreamDescription;
  if (!description?.DeliveryStreamARN || !description.DeliveryStreamName) return undefined;
  const destinations = pages.value.flatMap((page) => page.DeliveryStreamDescription?.Destinations ?? []);
  // Safe: identifiers checked above; the rest keeps Firehose's own shape.
  return snapshotShape({
    ...description,
    Destinations: destinations,
    HasMoreDestinations: false,
  }) as DeliveryStreamDescription;
}

function lastDestinationOfPage(page: DescribeDeliveryStreamOutput): string | undefined {
  const description = page.DeliveryStreamDescription;
  if (!description?.HasMoreDestinations) return undefined;
  return description.Destinations?.at(-1)?.DestinationId;
}
