import type { Severity } from '../checks/types.js';
import type { FindingChange } from '../report/types.js';

/** The kinds of event an alert announces; the `eventType` message attribute, for filter policies. */
export const ALERT_EVENT_TYPES = [
  'NEW_FINDINGS',
  'SCORE_DROP',
  'SCAN_FAILED',
  'SCAN_INCOMPLETE',
  'RESOLVED',
  // One per organisation scan (shared/organization/organization-alert.ts); accountId is `*`.
  'ORGANIZATION_SUMMARY',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** One finding as an alert quotes it: masked details only, as in the report. */
export interface AlertFinding {
  severity: Severity;
  checkId: string;
  title: string;
  resourceArn: string;
  detail: string;
  /** NEW or REGRESSED for NEW_FINDINGS; absent for RESOLVED. */
  change?: FindingChange;
}

/**
 * The compact JSON variant of an alert (MessageStructure json: the `lambda`, `sqs`, `http` and
 * `https` protocols receive it), version 1. Programs, such as the notify function, read this;
 * people read the `default` and `email` variants. Fields may be added; none will change meaning.
 */
export interface AlertPayload {
  version: 1;
  eventType: AlertEventType;
  accountId: string;
  /** The highest severity in the message (the `severity` attribute). */
  severity: Severity;
  /** Set when the alert is about one application. */
  region?: string;
  application?: string;
  applicationArn?: string;
  scanId: string;
  /** The account's score, or the application's when the alert is about one. */
  score: number | null;
  previousScore?: number | null;
  grade: string | null;
  /** One line a chat message can lead with. */
  summary: string;
  /** s3:// URI of the full report, when it was written. */
  reportLocation?: string;
  /** At most a few dozen, most severe first; `moreFindings` counts the rest. */
  findings: AlertFinding[];
  moreFindings: number;
}
