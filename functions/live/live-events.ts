import * as z from 'zod';
import { CLOUDTRAIL_DETAIL_TYPE, isChangeEvent } from '../../shared/live/event-kinds.js';
import type { CloudTrailChangeEvent } from '../../shared/live/types.js';

/** An event the function will not act on, and why (logged, never retried). */
export interface DroppedEvent {
  /** The SQS message id, when the event came through the queue. */
  messageId?: string;
  reason: string;
}

/** The change events of one invocation, and those dropped on the way. */
export interface LiveEvents {
  /** How the events arrived: an SQS batch, or one EventBridge event invoked directly. */
  delivery: 'sqs' | 'direct';
  /** Every record (or the one direct event), kept or dropped. */
  received: number;
  events: CloudTrailChangeEvent[];
  /** The SQS message of each event, in the same order (none for a direct event): what a batch item failure names. */
  messageIds: string[];
  dropped: DroppedEvent[];
}

const sqsBatchSchema = z.object({
  Records: z.array(
    z.object({ messageId: z.string(), body: z.string(), eventSource: z.literal('aws:sqs') }).loose(),
  ),
});

// Only what the re-audit reads is checked; everything else an event carries passes through.
const changeEventSchema = z
  .object({
    'detail-type': z.literal(CLOUDTRAIL_DETAIL_TYPE),
    source: z.string().optional(),
    account: z.string().regex(/^\d{12}$/),
    region: z.string().min(1),
    time: z.string().optional(),
    detail: z
      .object({
        eventSource: z.string(),
        eventName: z.string(),
        awsRegion: z.string().optional(),
        errorCode: z.string().optional(),
        requestParameters: z.record(z.string(), z.unknown()).nullable().optional(),
        responseElements: z.record(z.string(), z.unknown()).nullable().optional(),
        resources: z
          .array(
            z
              .object({
                ARN: z.string().optional(),
                type: z.string().optional(),
                accountId: z.string().optional(),
              })
              .loose(),
          )
          .optional(),
      })
      .loose(),
  })
  .loose();

/**
 * Reads the invocation payload: an SQS batch whose bodies are EventBridge events, or one
 * EventBridge event (sam local invoke, tests). A body that is not a successful "AWS API Call via
 * CloudTrail" of a change event is dropped with its reason: retrying it would never succeed, and a
 * failed call (errorCode set) changed nothing.
 */
export function readLiveEvents(payload: unknown): LiveEvents {
  const batch = sqsBatchSchema.safeParse(payload);
  if (batch.success) {
    const kept: CloudTrailChangeEvent[] = [];
    const messageIds: string[] = [];
    const dropped: DroppedEvent[] = [];
    for (const record of batch.data.Records) {
      const read = readChangeEvent(parseBody(record.body));
      if ('event' in read) {
        kept.push(read.event);
        messageIds.push(record.messageId);
      } else dropped.push({ messageId: record.messageId, reason: read.reason });
    }
    return { delivery: 'sqs', received: batch.data.Records.length, events: kept, messageIds, dropped };
  }
  const read = readChangeEvent(payload);
  return 'event' in read
    ? { delivery: 'direct', received: 1, events: [read.event], messageIds: [], dropped: [] }
    : { delivery: 'direct', received: 1, events: [], messageIds: [], dropped: [{ reason: read.reason }] };
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function readChangeEvent(value: unknown): { event: CloudTrailChangeEvent } | { reason: string } {
  const parsed = changeEventSchema.safeParse(value);
  if (!parsed.success)
    return { reason: `not an "${CLOUDTRAIL_DETAIL_TYPE}" event: ${describe(parsed.error)}` };
  const event: CloudTrailChangeEvent = parsed.data;
  const { eventSource, eventName, errorCode } = event.detail;
  if (!isChangeEvent(eventSource, eventName))
    return { reason: `${eventSource} ${eventName} is not a change event live re-audit listens to` };
  if (errorCode) return { reason: `${eventSource} ${eventName} failed (${errorCode}): nothing changed` };
  return { event };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'} ${issue.message}`)
    .join('; ');
}
