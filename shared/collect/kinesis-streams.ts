import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import type { StreamDescriptionSummary } from '../snapshot/types.js';
import { callAws, type ScanContext } from './collection-context.js';
import { snapshotShape } from './snapshot-shape.js';

/** A Kinesis data stream (DescribeStreamSummary by ARN); undefined when absent or unreadable. */
export async function readStream(
  context: ScanContext,
  region: string,
  streamArn: string,
): Promise<StreamDescriptionSummary | undefined> {
  const outcome = await callAws(
    context,
    {
      operation: 'kinesis:DescribeStreamSummary',
      region,
      resource: streamArn,
      absentOn: ['ResourceNotFoundException'],
    },
    () => context.clients.kinesis(region).send(new DescribeStreamSummaryCommand({ StreamARN: streamArn })),
  );
  const summary = outcome.status === 'ok' ? outcome.value.StreamDescriptionSummary : undefined;
  if (!summary?.StreamARN || !summary.StreamName) return undefined;
  return snapshotShape(summary) as StreamDescriptionSummary; // Safe: identifiers checked above.
}
