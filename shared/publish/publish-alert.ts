import { PublishCommand, type PublishCommandOutput, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../alert/alert-message.js';
import { parseArn } from '../arn.js';
import { CallGovernor } from '../aws/governor.js';
import { errorText, PublishError } from '../errors.js';
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
  /**
   * The governor every publish goes through as `sns:Publish` in the topic's region: its configured
   * rates and quota share, its adaptive bucket and its retries of a throttled call. The scan's own
   * when there is one; without it, a new one at AWS's documented quota.
   */
  governor?: CallGovernor;
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
// 300/s in the smallest regions, so the publishes also go through the governor, which paces them.
const PUBLISH_CONCURRENCY = 32;

/**
 * Publishes alerts to an SNS topic, each with MessageStructure json (a variant per protocol), its
 * attributes and its idempotency key as String message attributes and, on a FIFO topic, the key as
 * MessageDeduplicationId (grouped by account). A standard topic promises no order, so up to 32 go
 * at once; a FIFO topic gets them one by one, in order. Each publish goes through the governor as
 * `sns:Publish` in the topic's region (its pacing, and its retries of a throttled call), so the SNS
 * client must be one of createClientFactory's, whose attempts the governor gates. With a ledger,
 * an alert an earlier attempt already sent is skipped. After the first failed publish no further
 * alert is started, and a PublishError says how many were sent; the ledger never fails a publish.
 */
export async function publishAlerts(
  sns: SNSClient,
  topicArn: string,
  alerts: readonly AlertMessage[],
  options: PublishOptions,
): Promise<PublishResult> {
  const fifo = topicArn.endsWith('.fifo');
  const governor = options.governor ?? new CallGovernor();
  const region = parseArn(topicArn)?.region ?? '';
  const send: SendPublish = (command) => governor.run('sns:Publish', region, () => sns.send(command));
  const outcomes: (AlertOutcome | undefined)[] = new Array(alerts.length);
  let failure: unknown;
  let failedAlert: AlertMessage | undefined;
  let next = 0;
  const worker = async () => {
    while (failedAlert === undefined && next < alerts.length) {
      const position = next++;
      const alert = alerts[position]!;
      try {
        outcomes[position] = await publishOne(send, topicArn, alert, fifo, options);
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

/** Sends one Publish call (through the governor). */
type SendPublish = (command: PublishCommand) => Promise<PublishCommandOutput>;

async function publishOne(
  send: SendPublish,
  topicArn: string,
  alert: AlertMessage,
  fifo: boolean,
  options: PublishOptions,
): Promise<AlertOutcome> {
  const idempotencyKey = alertIdempotencyKey(options.scanKey, alert.attributes);
  const marker = { idempotencyKey, scanKey: options.scanKey, topicArn, attributes: alert.attributes };
  const claim = options.ledger ? await options.ledger.claim(marker) : undefined;
  if (claim?.status === 'sent') return { idempotencyKey, alreadySent: true, ledgerProblems: [] };
  const ledgerProblems = claim?.status === 'unknown' ? [claim.problem] : [];
  const response = await send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: alert.subject,
      Message: alert.message,
      MessageStructure: 'json',
      MessageAttributes: messageAttributes(alert, idempotencyKey),
      ...(fifo ? { MessageDeduplicationId: idempotencyKey, MessageGroupId: alert.attributes.accountId } : {}),
    }),
  );
  const messageId = response.MessageId ?? '';
  // A ledger that could not claim will not record either: one problem per alert is enough.
  if (options.ledger && claim?.status !== 'unknown') {
    const problem = await options.ledger.recordSent({ ...marker, messageId });
    if (problem) ledgerProblems.push(problem);
  }
  return { idempotencyKey, messageId, alreadySent: false, ledgerProblems };
}

function publishError(
  error: unknown,
  alert: AlertMessage,
  topicArn: string,
  sent: number,
  total: number,
): PublishError {
  const reason = errorText(error);
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
