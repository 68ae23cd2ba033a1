import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { InvalidRequestError, WebhookDeliveryError } from '../../shared/errors.js';
import { readAlertNotice } from '../../shared/notify/alert-notice.js';
import { buildChatMessage } from '../../shared/notify/chat-message.js';
import { postWebhook, type WebhookPostOptions } from '../../shared/notify/post-webhook.js';
import { describeLocation, type WebhookUrlSource } from '../../shared/notify/webhook-url.js';
import { IDEMPOTENCY_KEY_ATTRIBUTE } from '../../shared/publish/alert-idempotency.js';
import type { NotifyConfig } from './config.js';

/** One forwarded SNS message, as the function reports it. */
export interface ForwardedMessage {
  messageId: string;
  /** The alert's event type, or TEXT for anything forwarded as plain text. */
  eventType: string;
  status: number;
  attempts: number;
}

/** What the notify function returns: every message it forwarded, and the repeats it dropped. */
export interface NotifySummary {
  forwarded: ForwardedMessage[];
  /** Messages whose idempotency key this container had already forwarded (set only when any). */
  repeats?: { messageId: string; idempotencyKey: string }[];
}

// Keys remembered per container: far more than the alerts of one scan and its retries.
const REMEMBERED_KEYS = 1_000;

/** Everything the handler uses from outside, injected so tests need no AWS and no environment. */
export interface NotifyHandlerDependencies {
  config: NotifyConfig;
  webhookUrl: WebhookUrlSource;
  logger: Logger;
  /** Overrides of the delivery settings (tests shorten the waits). */
  delivery?: Pick<WebhookPostOptions, 'sleep' | 'random' | 'baseDelayMs' | 'maxDelayMs'>;
}

/**
 * Builds the notify function: for each SNS record, reads the alert (or keeps the text), builds the
 * chat message in the configured format and POSTs it. A delivery that fails after its retries fails
 * the invocation, so that Lambda retries it and then hands it to the dead-letter queue.
 */
export function createHandler(deps: NotifyHandlerDependencies) {
  const { config, logger, webhookUrl } = deps;
  logger.info('Notify configured', { webhook: describeLocation(config.webhook), format: config.format });
  // A repeat of an alert (SNS delivers at least once; a retried scan can publish again before its
  // marker is written) carries the same idempotency key. Best effort: only a warm container
  // remembers, and a cold one forwards the repeat (docs/alerts.md, "Idempotency").
  const forwardedKeys = new Set<string>();

  async function notify(event: unknown, _context: Context): Promise<NotifySummary> {
    const forwarded: ForwardedMessage[] = [];
    const repeats: NonNullable<NotifySummary['repeats']> = [];
    for (const record of snsRecords(event)) {
      const { MessageId: messageId, Message: message, Subject: subject } = record.Sns;
      const idempotencyKey = record.Sns.MessageAttributes?.[IDEMPOTENCY_KEY_ATTRIBUTE]?.Value;
      if (idempotencyKey && forwardedKeys.has(idempotencyKey)) {
        logger.info('Alert already forwarded: repeat dropped', { messageId, idempotencyKey });
        repeats.push({ messageId, idempotencyKey });
        continue;
      }
      const notice = readAlertNotice(message, subject);
      const chatMessage = buildChatMessage(config.format, notice, {
        maxFindings: config.maxFindings,
        reportRegion: config.region,
      });
      const eventType = notice.kind === 'alert' ? notice.payload.eventType : 'TEXT';
      if (notice.kind === 'text')
        logger.warn('Forwarding a message that is not a kda-auditor alert as text', { messageId });
      const url = await webhookUrl.url();
      try {
        const delivery = await postWebhook(url, chatMessage, {
          timeoutMs: config.timeoutMs,
          maxAttempts: config.maxAttempts,
          ...deps.delivery,
        });
        logger.info('Alert forwarded', { messageId, eventType, ...delivery });
        forwarded.push({ messageId, eventType, ...delivery });
        if (idempotencyKey) remember(forwardedKeys, idempotencyKey);
      } catch (error) {
        // The URL may have been rotated since it was cached: the next attempt reads it again.
        if (error instanceof WebhookDeliveryError) webhookUrl.forget();
        throw error;
      }
    }
    return { forwarded, ...(repeats.length > 0 ? { repeats } : {}) };
  }

  return middy<unknown, NotifySummary>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .onError(function logFailure(request) {
      // Errors carry the webhook's host at most, never its URL; the error still fails the invocation.
      logger.error('Notify failed', { error: request.error ?? undefined });
    })
    .handler(notify);
}

const snsEventSchema = z.looseObject({
  Records: z
    .array(
      z.looseObject({
        EventSource: z.literal('aws:sns'),
        Sns: z.looseObject({
          MessageId: z.string(),
          Message: z.string(),
          Subject: z.string().nullish(),
          // SNS gives a Lambda subscriber each message attribute as { Type, Value }.
          MessageAttributes: z
            .record(z.string(), z.looseObject({ Value: z.string().optional() }))
            .nullish()
            .catch(undefined),
        }),
      }),
    )
    .min(1),
});

function snsRecords(event: unknown): z.infer<typeof snsEventSchema>['Records'] {
  const parsed = snsEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidRequestError([
      'the notify function takes SNS events only (Records[].EventSource "aws:sns" with Sns.MessageId and Sns.Message): subscribe it to the alert topic',
    ]);
  }
  return parsed.data.Records;
}

// Oldest first out: a Set iterates in insertion order.
function remember(keys: Set<string>, key: string): void {
  keys.add(key);
  if (keys.size > REMEMBERED_KEYS) {
    const oldest = keys.values().next().value;
    if (oldest !== undefined) keys.delete(oldest);
  }
}
