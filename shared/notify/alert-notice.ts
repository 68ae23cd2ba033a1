import * as z from 'zod';
import { ALERT_EVENT_TYPES, type AlertPayload } from '../alert/alert-payload.js';
import { SEVERITIES } from '../checks/types.js';
import { FINDING_CHANGES } from '../report/types.js';

/** What arrived on the alert topic: a kda-auditor alert, or anything else (a CloudWatch alarm, plain text). */
export type AlertNotice =
  | { kind: 'alert'; payload: AlertPayload }
  | { kind: 'text'; subject?: string; text: string };

const findingSchema = z.object({
  severity: z.enum(SEVERITIES),
  checkId: z.string(),
  title: z.string(),
  resourceArn: z.string(),
  detail: z.string(),
  change: z.enum(FINDING_CHANGES).optional(),
});

// Unknown fields pass through (the payload may grow); known ones must have their documented types.
const payloadSchema = z.looseObject({
  version: z.literal(1),
  eventType: z.enum(ALERT_EVENT_TYPES),
  accountId: z.string(),
  severity: z.enum(SEVERITIES),
  region: z.string().optional(),
  application: z.string().optional(),
  applicationArn: z.string().optional(),
  scanId: z.string(),
  score: z.number().nullable(),
  previousScore: z.number().nullable().optional(),
  grade: z.string().nullable(),
  summary: z.string(),
  reportLocation: z.string().optional(),
  findings: z.array(findingSchema),
  moreFindings: z.number().int().min(0),
}) satisfies z.ZodType<AlertPayload>;

/**
 * Reads one SNS message. A valid AlertPayload (the `lambda` variant of a MessageStructure json
 * publish) becomes an alert; anything else is kept as text, so nothing published to the topic is
 * dropped: the scan failure alarm publishes CloudWatch's own JSON, people may publish plain text.
 */
export function readAlertNotice(message: string, subject?: string | null): AlertNotice {
  const parsed = payloadSchema.safeParse(parseJson(message));
  if (parsed.success) return { kind: 'alert', payload: parsed.data };
  return { kind: 'text', ...(subject ? { subject } : {}), text: message };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
