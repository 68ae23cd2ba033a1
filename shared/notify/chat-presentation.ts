import type { AlertEventType, AlertFinding, AlertPayload } from '../alert/alert-payload.js';
import type { Severity } from '../checks/types.js';
import { maskAccessKeyIds } from '../secrets/mask.js';

/** What both chat formats need besides the alert: how many findings to quote, where reports live. */
export interface ChatMessageOptions {
  /** Findings quoted at most; the rest are counted. */
  maxFindings?: number;
  /** Region of the report bucket (the stack's), for the console link to the report. */
  reportRegion?: string;
}

/** Options with their defaults applied. */
export interface ResolvedChatMessageOptions {
  maxFindings: number;
  reportRegion?: string;
}

/** Findings quoted by default: a chat message is a pointer to the report, not the report. */
export const DEFAULT_MAX_FINDINGS = 10;
// Slack allows 50 blocks; 10 are kept for the header, facts, link and "more" lines.
/** The most findings a message can quote, whatever is configured. */
export const MAX_FINDINGS_LIMIT = 40;

/** Applies the defaults and the hard limit to chat message options. */
export function resolveChatOptions(options: ChatMessageOptions = {}): ResolvedChatMessageOptions {
  const requested = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  return {
    maxFindings: Math.max(0, Math.min(MAX_FINDINGS_LIMIT, Math.floor(requested))),
    ...(options.reportRegion ? { reportRegion: options.reportRegion } : {}),
  };
}

/** The emoji leading a message of this severity; resolved findings get a check mark whatever their severity. */
export const SEVERITY_EMOJI = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
} as const satisfies Record<Severity, string>;

/** Adaptive Card colour of a severity (Teams renders attention red, warning amber). */
export const SEVERITY_COLOUR = {
  critical: 'attention',
  high: 'attention',
  medium: 'warning',
  low: 'accent',
  info: 'default',
} as const satisfies Record<Severity, string>;

/** How each event type is titled in chat. */
export const EVENT_TITLES = {
  NEW_FINDINGS: 'New findings',
  SCORE_DROP: 'Score dropped',
  SCAN_FAILED: 'Scan failed',
  SCAN_INCOMPLETE: 'Scan incomplete',
  RESOLVED: 'Findings resolved',
  ORGANIZATION_SUMMARY: 'Organisation scan',
} as const satisfies Record<AlertEventType, string>;

/** The emoji leading an alert's title. */
export function alertEmoji(payload: AlertPayload): string {
  return payload.eventType === 'RESOLVED' ? '✅' : SEVERITY_EMOJI[payload.severity];
}

/** The title of an alert: event, then the application or the account it is about. */
export function alertTitle(payload: AlertPayload): string {
  // An organisation summary is about every account: its accountId is `*`, not an account.
  if (payload.eventType === 'ORGANIZATION_SUMMARY') return `kda-auditor: ${EVENT_TITLES[payload.eventType]}`;
  const subject = payload.application ?? `account ${payload.accountId}`;
  return `kda-auditor: ${EVENT_TITLES[payload.eventType]} in ${subject}`;
}

/** "62/100 (grade D), was 80/100", or "not scored". */
export function scoreText(payload: AlertPayload): string {
  const now = payload.score === null ? 'not scored' : `${payload.score}/100 (grade ${payload.grade ?? '?'})`;
  if (payload.previousScore === undefined) return now;
  const before = payload.previousScore === null ? 'not scored' : `${payload.previousScore}/100`;
  return `${now}, was ${before}`;
}

/** The facts of an alert, in display order; absent values are left out. */
export function alertFacts(payload: AlertPayload): Array<{ title: string; value: string }> {
  const facts = [
    { title: 'Account', value: payload.accountId },
    { title: 'Application', value: payload.application },
    { title: 'Region', value: payload.region },
    { title: 'Score', value: scoreText(payload) },
    { title: 'Severity', value: payload.severity },
    { title: 'Scan', value: payload.scanId },
  ];
  return facts.flatMap(({ title, value }) =>
    value === undefined ? [] : [{ title, value: clip(value, 500) }],
  );
}

/** The findings quoted and how many are only counted. */
export function quotedFindings(
  payload: AlertPayload,
  maxFindings: number,
): { findings: AlertFinding[]; more: number } {
  const findings = payload.findings.slice(0, maxFindings);
  return { findings, more: payload.findings.length - findings.length + payload.moreFindings };
}

/** "[HIGH] title (NEW)": how one finding is headed. */
export function findingHeading(finding: AlertFinding): string {
  const change = finding.change ? ` (${finding.change})` : '';
  return `[${finding.severity.toUpperCase()}] ${safeText(finding.title)}${change}`;
}

/** A link people can open: the S3 console page of an s3:// report URI; undefined for anything else. */
export function reportLink(
  reportLocation: string | undefined,
  region: string | undefined,
): string | undefined {
  const match = reportLocation?.match(/^s3:\/\/([^/]+)\/(.+)$/);
  if (!match || !region) return undefined;
  const [, bucket = '', key = ''] = match;
  return `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(bucket)}?region=${encodeURIComponent(region)}&prefix=${encodeURIComponent(key)}`;
}

/**
 * Text as it may be shown in chat: access key ids masked again. Alerts arrive masked already; this
 * also covers text published by anything else (or an older scanner) before it leaves the account.
 */
export function safeText(text: string): string {
  return maskAccessKeyIds(text);
}

/** Cuts text to at most `limit` UTF-16 code units (what chat limits count), marking the cut with an ellipsis. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  // Never leave half of a surrogate pair (an emoji) at the end.
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Plain text forwarded as is, pretty-printed when it is JSON (a CloudWatch alarm notification). */
export function readableText(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object') return JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  return text;
}
