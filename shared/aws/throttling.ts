/**
 * How an attempt's failure is recognised as a throttle ("slow down"), the way the SDK's retry
 * strategy classifies it, so the governor slows down exactly where the SDK backs off.
 */

// The SDK's own list (@smithy/core retry THROTTLING_ERROR_CODES), plus SNS's query-protocol code
// "Throttled": each service names its throttle differently (sandbox/load/throttle-errors.ts).
const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'Throttled',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** The fields of an SDK service error the classification reads. */
interface ServiceErrorShape {
  name?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: { throttling?: unknown };
}

/** True when an error is the service saying "too many requests" (by name, HTTP 429 or retry trait). */
export function isThrottle(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as ServiceErrorShape;
  return (
    (typeof shape.name === 'string' && THROTTLING_ERROR_NAMES.has(shape.name)) ||
    shape.$metadata?.httpStatusCode === 429 ||
    shape.$retryable?.throttling === true
  );
}
