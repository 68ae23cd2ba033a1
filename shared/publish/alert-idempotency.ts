import { createHash } from 'node:crypto';
import type { AlertAttributes } from '../alert/alert-message.js';

/** The SNS message attribute that carries an alert's idempotency key, for subscribers' dedup. */
export const IDEMPOTENCY_KEY_ATTRIBUTE = 'idempotencyKey';

/**
 * An alert's idempotency key: the same for the same alert of the same invocation, whatever attempt
 * sends it. `scanKey` names the invocation (a Lambda request id, an EventBridge event id, an
 * organisation scan id); one scan sends at most one alert per event type and subject (account,
 * region, application), so those complete the key. 64 hex digits: valid as an S3 key segment and
 * as an SNS FIFO MessageDeduplicationId (at most 128 characters).
 */
export function alertIdempotencyKey(
  scanKey: string,
  attributes: Pick<AlertAttributes, 'accountId' | 'eventType' | 'region' | 'application'>,
): string {
  const subject = [
    scanKey,
    attributes.accountId,
    attributes.eventType,
    attributes.region,
    attributes.application,
  ];
  return createHash('sha256').update(JSON.stringify(subject)).digest('hex');
}
