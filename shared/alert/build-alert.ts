import { SEVERITIES, type Severity } from '../checks/types.js';
import { InvalidRequestError } from '../errors.js';
import type { AuditReport, ReportApplication, ReportFinding } from '../report/types.js';

/** The kind of event an alert announces, for SNS subscription filter policies. */
export const ALERT_EVENT_TYPES = ['NEW_FINDINGS'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** An alert ready for SNS Publish: subject for email, plain-text body, filterable attributes. */
export interface AlertMessage {
  subject: string;
  message: string;
  attributes: { severity: Severity; accountId: string; eventType: AlertEventType };
}

/** When to alert and what to point at. */
export interface AlertOptions {
  /** The least severe FAIL that triggers an alert. */
  threshold?: Severity;
  /** Where the full report is (s3://…). */
  reportLocation?: string;
  /** The body's size limit in UTF-8 bytes; findings beyond it become "… and N more". */
  maxMessageBytes?: number;
}

const DEFAULTS = {
  threshold: 'high',
  // SNS accepts 256 KB; email clients and chat relays choke long before that.
  maxMessageBytes: 64 * 1024,
} as const satisfies AlertOptions;

// SNS: "Subjects must be ASCII text … no line breaks or control characters, and less than 100 characters".
const MAX_SUBJECT_LENGTH = 99;
const MAX_DETAIL_LENGTH = 500;
// Room kept for the "… and N more" line, so adding it never breaks the limit.
const TRUNCATION_RESERVE_BYTES = 200;

interface Failure {
  application: ReportApplication;
  finding: ReportFinding;
}

/**
 * Builds the alert for a report, or undefined when no check FAILs at or above the threshold.
 * Pure. Quotes only the checks' own (already masked) details, never raw resource properties.
 */
export function buildAlert(report: AuditReport, options: AlertOptions = {}): AlertMessage | undefined {
  const { threshold, reportLocation, maxMessageBytes } = { ...DEFAULTS, ...options };
  if (!SEVERITIES.includes(threshold)) {
    throw new InvalidRequestError([
      `alert threshold must be one of ${SEVERITIES.join(', ')}, not "${threshold}"`,
    ]);
  }
  const alerting = SEVERITIES.slice(0, SEVERITIES.indexOf(threshold) + 1);
  const failures: Failure[] = report.applications.flatMap((application) =>
    application.findings
      .filter((finding) => finding.status === 'FAIL' && alerting.includes(finding.severity))
      .map((finding) => ({ application, finding })),
  );
  const highest = SEVERITIES.find((severity) =>
    failures.some(({ finding }) => finding.severity === severity),
  );
  if (!highest) return undefined;

  return {
    subject: subjectLine(report, failures.length, alerting),
    message: messageBody(report, failures, alerting, reportLocation, maxMessageBytes),
    attributes: { severity: highest, accountId: report.accountId, eventType: 'NEW_FINDINGS' },
  };
}

function subjectLine(report: AuditReport, count: number, alerting: readonly Severity[]): string {
  const grade = report.grade ? `grade ${report.grade}` : 'not scored';
  const text = `kda-auditor: ${plural(count, `${alerting.join('/')} finding`)} in ${report.accountId} (${grade})`;
  // Control and non-ASCII characters would make SNS reject the whole Publish call.
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}

function messageBody(
  report: AuditReport,
  failures: readonly Failure[],
  alerting: readonly Severity[],
  reportLocation: string | undefined,
  maxBytes: number,
): string {
  const severities = alerting.length === 1 ? alerting[0] : `${alerting.at(-1)} or above`;
  const head = [
    `kda-auditor found ${plural(failures.length, 'failing finding')} of severity ${severities} in account ${report.accountId}.`,
    '',
    `Account ${scoreText(report)}`,
    `Scan: ${report.scanId}, completed ${report.completedAt}`,
    `Full report: ${reportLocation ?? 'not written (no report bucket configured)'}`,
  ].join('\n');
  const tail = report.complete
    ? ''
    : `\n\nThe scan is incomplete: ${plural(report.collectionErrors.length, 'read')} failed, so some checks report ERROR; see the report.`;

  let body = head;
  let used = bytes(head);
  let listed = 0;
  let current: ReportApplication | undefined;
  const budget = maxBytes - bytes(tail) - TRUNCATION_RESERVE_BYTES;
  for (const { application, finding } of failures) {
    const heading =
      application === current
        ? ''
        : `\n\n${application.applicationName} (${application.region}): ${scoreText(application)}`;
    const block = `${heading}\n  - [${finding.severity.toUpperCase()}] ${finding.title}\n    Resource: ${finding.resourceArn}\n    Why: ${clip(finding.detail)}`;
    const size = bytes(block);
    if (used + size > budget) break;
    body += block;
    used += size;
    current = application;
    listed += 1;
  }
  const more = failures.length - listed;
  const truncation = more > 0 ? `\n\n… and ${more} more: see the full report.` : '';
  return `${body}${truncation}${tail}\n`;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= MAX_DETAIL_LENGTH ? line : `${line.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}

function scoreText({ score, grade }: { score: number | null; grade: string | null }): string {
  return score === null ? 'not scored' : `score ${score}/100 (grade ${grade})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
