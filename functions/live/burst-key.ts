import { createHash } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { CloudTrailChangeEvent } from '../../shared/live/types.js';

/**
 * What names one burst of change events across its retries, for the idempotency keys of its alerts
 * (docs/alerts.md, "Idempotency"): the EventBridge ids of its events, in any order, since SQS
 * redelivers a failed batch's messages (possibly batched in another order); the Lambda request id
 * when an event has no id (a direct test invoke). A redelivery batched with other messages is
 * another burst: its alerts may repeat, with another key.
 */
export function burstKey(
  events: readonly CloudTrailChangeEvent[],
  context: Pick<Context, 'awsRequestId'>,
): string {
  const ids = events.map((event) => event.id);
  if (ids.length === 0 || !ids.every((id): id is string => typeof id === 'string' && id.length > 0)) {
    return `lambda:${context.awsRequestId}`;
  }
  const digest = createHash('sha256')
    .update(JSON.stringify([...new Set(ids)].sort()))
    .digest('hex');
  return `events:${digest}`;
}
