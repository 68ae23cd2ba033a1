import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../alert/alert-message.js';
import { parseArn } from '../arn.js';
import { RatePlan } from '../aws/rate-plan.js';
import { isThrottle } from '../aws/throttling.js';
import { AdaptiveTokenBucket, systemTimer, type Timer } from '../aws/token-bucket.js';
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
  /** How publishing waits for SNS's quota; tests inject one. */
  timer?: Timer;
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

// SNS takes each alert in its own call, and each claims and records a marker in S3 (3 round
// trips): the 269 alerts of a first scan of 1,000 applications took 6.5 s one at a time and 0.9 s
// 8 at a time, at 20 ms per call. 32 at a time sends at most ~530/s there; SNS's Publish quota is
// 300/s in the smallest regions, so the publishes are also paced at 95 % of the topic region's.
const PUBLISH_CONCURRENCY = 32;

/**
 * Publishes alerts to an SNS topic, each with MessageStructure json (a variant per protocol), its
 * attributes and its idempotency key as String message attributes and, on a FIFO topic, the key as
 * MessageDeduplicationId (grouped by account). A standard topic promises no order, so up to 32 go
 * at once, paced at SNS's Publish quota in the topic's region; a FIFO topic gets them one by one,
 * in order. With a ledger, an alert an earlier attempt
 * already sent is skipped. After the first failed publish no further alert is started, and a
 * PublishError says how many were sent; the ledger itself never fails a publish.
 */
export async function publishAlerts(
  sns: SNSClient,
  topicArn: string,
  alerts: readonly AlertMessage[],
  options: PublishOptions,
): Promise<PublishResult> {
  const fifo = topicArn.endsWith('.fifo');
  const quota = new RatePlan().bucketFor('sns:Publish', parseArn(topicArn)?.region ?? '').limit;
  const pace = new AdaptiveTokenBucket(quota, options.timer ?? systemTimer);
  const outcomes: (AlertOutcome | undefined)[] = new Array(alerts.length);
  let failure: unknown;
  let failedAlert: AlertMessage | undefined;
  let next = 0;
  const worker = async () => {
    while (failedAlert === undefined && next < alerts.length) {
      const position = next++;
      const alert = alerts[position]!;
      try {
        outcomes[position] = await publishOne(sns, topicArn, alert, fifo, { ...options, pace });
      } catch (error) {
        if (failedAlert === undefined) [failure, failedAlert] = [error, alert];
      }
    }
  };
  await Promise.all(Array.from({ length: fifo ? 1 : PUBLISH_CONCURRENCY }, worker));

  const done = outcomes.filter((outcome) => outcome !== undefined);
  const result: PublishResult = {
    messageIds: done.flatMap((outcome) => (outcome.messageId === undefined ? [] : [outcome.messageId])),
    alreadySent: done.flatMap((outcome) => (outcome.alreadySent ? [outcome.idempotencyKey] : [])),
    ledgerProblems: done.flatMap((outcome) => outcome.ledgerProblems),
  };
  if (failedAlert)
    throw publishError(failure, failedAlert, topicArn, result.messageIds.length, alerts.length);
  return result;
}

/** What became of one alert. */
interface AlertOutcome {
  idempotencyKey: string;
  /** Set when this call published it. */
  messageId?: string;
  /** An earlier attempt already sent it. */
  alreadySent: boolean;
  ledgerProblems: string[];
}

async function publishOne(
  sns: SNSClient,
  topicArn: string,
  alert: AlertMessage,
  fifo: boolean,
  options: PublishOptions & { pace: AdaptiveTokenBucket },
): Promise<AlertOutcome> {
  const idempotencyKey = alertIdempotencyKey(options.scanKey, alert.attributes);
  const marker = { idempotencyKey, scanKey: options.scanKey, topicArn, attributes: alert.attributes };
  const claim = options.ledger ? await options.ledger.claim(marker) : undefined;
  if (claim?.status === 'sent') return { idempotencyKey, alreadySent: true, ledgerProblems: [] };
  const ledgerProblems = claim?.status === 'unknown' ? [claim.problem] : [];
  const response = await paced(options.pace, () =>
    sns.send(
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
    ),
  );
  const messageId = response.MessageId ?? '';
  // A ledger that could not claim will not record either: one problem per alert is enough.
  if (options.ledger && claim?.status !== 'unknown') {
    const problem = await options.ledger.recordSent({ ...marker, messageId });
    if (problem) ledgerProblems.push(problem);
  }
  return { idempotencyKey, messageId, alreadySent: false, ledgerProblems };
}

/** Runs `send` once `pace` gives a token, and tells it how it ended: a throttle slows publishing down. */
async function paced<T>(pace: AdaptiveTokenBucket, send: () => Promise<T>): Promise<T> {
  const ticket = await pace.take();
  try {
    const response = await send();
    pace.settle(ticket, 'ok');
    return response;
  } catch (error) {
    pace.settle(ticket, isThrottle(error) ? 'throttled' : 'failed');
    throw error;
  }
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
