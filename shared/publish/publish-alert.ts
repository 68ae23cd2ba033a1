import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../alert/alert-message.js';
import { PublishError } from '../errors.js';
import { alertIdempotencyKey, IDEMPOTENCY_KEY_ATTRIBUTE } from './alert-idempotency.js';
import type { AlertLedger } from './alert-ledger.js';

/** How alerts are made idempotent. */
export interface PublishOptions {
  /**
   * Names the invocation the alerts come from (see alertIdempotencyKey): every attempt of one
   * invocation must pass the same, so that its alerts carry the same keys.
   */
  scanKey: string;
  /** Markers checked before and written after each publish, so a retry sends nothing twice. */
  ledger?: AlertLedger;
}

/** What publishAlerts did. */
export interface PublishResult {
  /** Message ids of the alerts this call published, in order. */
  messageIds: string[];
  /** Idempotency keys of the alerts an earlier attempt already sent: not sent again. */
  alreadySent: string[];
  /** Why the ledger could not be used for some alert (that alert was published all the same). */
  ledgerProblems: string[];
}

/**
 * Publishes alerts to an SNS topic in order, each with MessageStructure json (a variant per
 * protocol), its attributes and its idempotency key as String message attributes and, on a FIFO
 * topic, the key as MessageDeduplicationId (grouped by account). With a ledger, an alert an earlier
 * attempt already sent is skipped. Stops at the first failed publish with a PublishError that says
 * how many were already sent; the ledger itself never fails a publish.
 */
export async function publishAlerts(
  sns: SNSClient,
  topicArn: string,
  alerts: readonly AlertMessage[],
  options: PublishOptions,
): Promise<PublishResult> {
  const result: PublishResult = { messageIds: [], alreadySent: [], ledgerProblems: [] };
  const fifo = topicArn.endsWith('.fifo');
  for (const alert of alerts) {
    const idempotencyKey = alertIdempotencyKey(options.scanKey, alert.attributes);
    const marker = { idempotencyKey, scanKey: options.scanKey, topicArn, attributes: alert.attributes };
    const claim = options.ledger ? await options.ledger.claim(marker) : undefined;
    if (claim?.status === 'sent') {
      result.alreadySent.push(idempotencyKey);
      continue;
    }
    if (claim?.status === 'unknown') result.ledgerProblems.push(claim.problem);
    let messageId: string;
    try {
      const response = await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: alert.subject,
          Message: alert.message,
          MessageStructure: 'json',
          MessageAttributes: messageAttributes(alert, idempotencyKey),
          ...(fifo
            ? { MessageDeduplicationId: idempotencyKey, MessageGroupId: alert.attributes.accountId }
            : {}),
        }),
      );
      messageId = response.MessageId ?? '';
    } catch (error) {
      throw publishError(error, alert, topicArn, result.messageIds.length, alerts.length);
    }
    result.messageIds.push(messageId);
    // A ledger that could not claim will not record either: one problem per alert is enough.
    if (options.ledger && claim?.status !== 'unknown') {
      const problem = await options.ledger.recordSent({ ...marker, messageId });
      if (problem) result.ledgerProblems.push(problem);
    }
  }
  return result;
}

function publishError(
  error: unknown,
  alert: AlertMessage,
  topicArn: string,
  sent: number,
  total: number,
): PublishError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const before = sent > 0 ? ` ${sent} of ${total} alerts were sent before it.` : '';
  return new PublishError(
    `Could not publish the ${alert.attributes.eventType} alert to ${topicArn} (${reason}).${before} Check the ` +
      "topic ARN and grant the auditor's role sns:Publish on it (plus kms:GenerateDataKey and kms:Decrypt " +
      'on its key when the topic is encrypted), then run the scan again.',
    { cause: error },
  );
}

// String attributes let subscribers filter (e.g. only critical) with a subscription filter policy,
// and drop a repeat by its idempotency key.
function messageAttributes(alert: AlertMessage, idempotencyKey: string) {
  return Object.fromEntries(
    [...Object.entries(alert.attributes), [IDEMPOTENCY_KEY_ATTRIBUTE, idempotencyKey]].map(
      ([name, value]) => [name, { DataType: 'String', StringValue: value }],
    ),
  );
}
