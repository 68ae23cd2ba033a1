import type { Context } from 'aws-lambda';

/**
 * What names one invocation of the scan function across its retries, for the idempotency keys of
 * its alerts (docs/alerts.md, "Idempotency"):
 * - an EventBridge event (a rule's Scheduled Event): its `id`, which EventBridge keeps when it
 *   retries delivery;
 * - anything else: the Lambda request id, which Lambda keeps across the two retries of an
 *   asynchronous invocation. EventBridge Scheduler invokes asynchronously, so a schedule's run is
 *   one request id; Scheduler itself retries only an invoke Lambda refused, which never started.
 * A synchronous invoke retried by its caller is a new request: the caller owns that retry.
 */
export function invocationKey(event: unknown, context: Pick<Context, 'awsRequestId'>): string {
  const id =
    typeof event === 'object' && event !== null && 'source' in event
      ? (event as { id?: unknown }).id
      : undefined;
  if (typeof id === 'string' && id.length > 0) return `event:${id}`;
  return `lambda:${context.awsRequestId}`;
}
