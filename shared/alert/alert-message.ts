import type { Remediation, Severity } from '../checks/types.js';
import type { AlertEventType, AlertFinding, AlertPayload } from './alert-payload.js';
import { byteLength, clip, plural, scoreText } from './alert-text.js';

/** The value of the `region` and `application` attributes on an alert about the whole account. */
export const ACCOUNT_WIDE = '*';

/** The SNS message attributes of an alert (String), for subscription filter policies. */
export interface AlertAttributes {
  /** The highest severity in the message. */
  severity: Severity;
  accountId: string;
  /** The application's region, or `*` for an account-wide alert. */
  region: string;
  /** The application's name, or `*` for an account-wide alert. */
  application: string;
  eventType: AlertEventType;
}

/** One SNS Publish: `message` is a MessageStructure json string (default, email, lambda, sqs, http, https). */
export interface AlertMessage {
  subject: string;
  message: string;
  attributes: AlertAttributes;
}

/** A finding an alert lists; the email variant adds its remediation. */
export interface DraftFinding extends AlertFinding {
  remediation?: Remediation;
}

/** Everything one alert says, before it is rendered into its variants and fitted to the size limit. */
export interface AlertDraft {
  eventType: AlertEventType;
  accountId: string;
  severity: Severity;
  scanId: string;
  application?: { name: string; arn: string; region: string };
  score: number | null;
  previousScore?: number | null;
  grade: string | null;
  subject: string;
  /** One line, first in every variant. */
  summary: string;
  /** Lines that follow the scan facts in the text variants. */
  facts: string[];
  /** Every finding the alert is about, most severe first; the variants list as many as fit. */
  findings: DraftFinding[];
  reportLocation?: string;
  /** A link people can open (e.g. the HTML report), shown in the email. */
  reportUrl?: string;
}

// The variants list fewer findings than this when the whole message would not fit.
const LISTED = { default: 20, email: 50, payload: 25 } as const;
const MAX_DETAIL_LENGTH = 500;
const MAX_HINT_LENGTH = 300;

/**
 * Renders an alert: plain `default`, readable `email`, compact JSON for programs, all in one
 * MessageStructure json string that, with subject and attributes, stays within `maxBytes`; findings
 * that do not fit are counted and left to the report.
 */
export function composeAlert(draft: AlertDraft, maxBytes: number): AlertMessage {
  const attributes: AlertAttributes = {
    severity: draft.severity,
    accountId: draft.accountId,
    region: draft.application?.region ?? ACCOUNT_WIDE,
    application: draft.application?.name ?? ACCOUNT_WIDE,
    eventType: draft.eventType,
  };
  // SNS counts attribute names, types and values, and the subject, against the same limit.
  const overhead =
    byteLength(draft.subject) +
    Object.entries(attributes).reduce((sum, [name, value]) => sum + byteLength(`${name}String${value}`), 0);
  let limit: number = LISTED.email;
  for (;;) {
    const message = structuredMessage(draft, limit);
    if (overhead + byteLength(message) <= maxBytes || limit === 0) {
      return { subject: draft.subject, message, attributes };
    }
    limit = Math.floor(limit / 2);
  }
}

function structuredMessage(draft: AlertDraft, limit: number): string {
  const payload = JSON.stringify(alertPayload(draft, Math.min(limit, LISTED.payload)));
  return JSON.stringify({
    default: plainText(draft, Math.min(limit, LISTED.default), false),
    email: plainText(draft, limit, true),
    lambda: payload,
    sqs: payload,
    http: payload,
    https: payload,
  });
}

function alertPayload(draft: AlertDraft, listed: number): AlertPayload {
  const findings = draft.findings.slice(0, listed).map(({ remediation: _omitted, ...finding }) => ({
    ...finding,
    detail: clip(finding.detail, MAX_DETAIL_LENGTH),
  }));
  return {
    version: 1,
    eventType: draft.eventType,
    accountId: draft.accountId,
    severity: draft.severity,
    ...(draft.application
      ? {
          region: draft.application.region,
          application: draft.application.name,
          applicationArn: draft.application.arn,
        }
      : {}),
    scanId: draft.scanId,
    score: draft.score,
    ...(draft.previousScore !== undefined ? { previousScore: draft.previousScore } : {}),
    grade: draft.grade,
    summary: draft.summary,
    ...(draft.reportLocation ? { reportLocation: draft.reportLocation } : {}),
    findings,
    moreFindings: draft.findings.length - findings.length,
  };
}

function plainText(draft: AlertDraft, listed: number, email: boolean): string {
  const lines = [
    draft.summary,
    '',
    ...scopeLines(draft),
    `Scan: ${draft.scanId}`,
    `Full report: ${draft.reportLocation ?? 'not written (no report bucket configured)'}`,
    ...(email && draft.reportUrl ? [`Open the report: ${draft.reportUrl}`] : []),
    ...(draft.facts.length ? ['', ...draft.facts] : []),
  ];
  for (const finding of draft.findings.slice(0, listed)) {
    const change = finding.change ? ` ${finding.change}` : '';
    lines.push('', `- [${finding.severity.toUpperCase()}]${change} ${finding.title}`);
    lines.push(`  Resource: ${finding.resourceArn}`, `  Why: ${clip(finding.detail, MAX_DETAIL_LENGTH)}`);
    if (email && finding.remediation) lines.push(...remediationHints(finding.remediation));
  }
  const more = draft.findings.length - Math.min(listed, draft.findings.length);
  if (more > 0) lines.push('', `… and ${plural(more, 'more finding')}: see the full report.`);
  if (email) {
    lines.push(
      '',
      '--',
      'kda-auditor alerts only on what changed: a finding already reported in the previous scan is not repeated.',
    );
  }
  return `${lines.join('\n')}\n`;
}

// An organisation alert is about every account: its facts carry the organisation's score.
function scopeLines(draft: AlertDraft): string[] {
  const { application } = draft;
  if (draft.accountId === ACCOUNT_WIDE) return ['Accounts: every account of the organisation scan'];
  return [
    `Account: ${draft.accountId}`,
    application
      ? `Application: ${application.name} (${application.region}), ${scoreText(draft)}`
      : `Account ${scoreText(draft)}`,
  ];
}

function remediationHints(remediation: Remediation): string[] {
  const reference = remediation.references[0];
  return [
    `  Fix (console): ${clip(remediation.console, MAX_HINT_LENGTH)}`,
    `  Fix (CLI): ${clip(remediation.cli.split('\n')[0] ?? '', MAX_HINT_LENGTH)}`,
    ...(reference ? [`  Docs: ${reference}`] : []),
  ];
}
