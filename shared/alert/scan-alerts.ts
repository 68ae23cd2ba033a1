import { errorText } from '../errors.js';
import type { AuditReport, ReportNotReached } from '../report/types.js';
import { maskAccessKeyIds } from '../secrets/mask.js';
import { type AlertDraft, type AlertMessage, composeAlert } from './alert-message.js';
import { type AlertOptions, type AlertSettings, alertSettings, draftBase } from './alert-settings.js';
import { bySeverity, clip, highestSeverity, plural, subjectLine } from './alert-text.js';

/** The `accountId` of a SCAN_FAILED alert when the scan failed before it knew the account. */
export const UNKNOWN_ACCOUNT = 'unknown';

const LISTED_READS = 20;
const LISTED_APPLICATIONS = 20;

/** The on-demand payload that scans what a time-limited scan did not reach (docs/reliability.md). */
const CONTINUATION_PAYLOAD = '{"continuation": true}';
const MAX_ERROR_LENGTH = 1_000;

/**
 * SCAN_FAILED: the scan threw, so nothing was judged. Account-wide (`region` and `application`
 * attributes `*`), severity high. The error's message (and its cause's) is quoted with access key ids
 * masked. Pure; use the options of decideAlerts for the report location and size limit.
 */
export function scanFailedAlert(
  error: unknown,
  accountId: string | undefined,
  scanId: string,
  options: Pick<AlertOptions, 'maxMessageBytes'> = {},
): AlertMessage {
  const settings = alertSettings(options);
  const account = accountId ?? UNKNOWN_ACCOUNT;
  const name = error instanceof Error ? error.name : 'Error';
  const cause =
    error instanceof Error && error.cause !== undefined ? [`Cause: ${clippedErrorText(error.cause)}`] : [];
  return composeAlert(
    {
      eventType: 'SCAN_FAILED',
      accountId: account,
      scanId,
      severity: 'high',
      score: null,
      grade: null,
      subject: subjectLine(`kda-auditor: scan of account ${account} failed (${name})`),
      summary: `The scan of account ${account} failed: ${clippedErrorText(error)}`,
      facts: [
        ...cause,
        'No verdict was produced and no report written; the previous report stays the latest.',
        `Fix the cause above, then run the scan again; the function's logs for scan ${scanId} have the details.`,
      ],
      findings: [],
    },
    settings.maxMessageBytes,
  );
}

/**
 * SCAN_INCOMPLETE: what a time limit left unjudged and how to pick it up, what could not be read,
 * and the checks that report ERROR because of it.
 */
export function scanIncompleteDraft(report: AuditReport, settings: AlertSettings): AlertDraft {
  const errors = report.applications
    .flatMap((application) => application.findings.filter((finding) => finding.status === 'ERROR'))
    .sort(bySeverity);
  const reads = report.collectionErrors.slice(0, LISTED_READS).map((read) => {
    const where = [read.region ? ` in ${read.region}` : '', read.resource ? ` on ${read.resource}` : ''].join(
      '',
    );
    return `- ${read.operation}${where}: ${read.code}, ${clip(read.message, 300)}`;
  });
  const more = report.collectionErrors.length - reads.length;
  const failed = report.collectionErrors.length;
  const missed = report.notReached;
  const gaps = [
    ...(missed ? [`time limit: ${plural(missed.applications.length, 'application')} not reached`] : []),
    ...(failed > 0 || !missed ? [`${plural(failed, 'read')} failed`] : []),
  ];
  // ERROR findings are what the missing reads leave unknown; without any, the gap is informational.
  // Applications not reached are unknown as a whole: never less than medium.
  const severity = highestSeverity([
    ...errors.map((finding) => finding.severity),
    ...(missed ? (['medium'] as const) : []),
  ]);
  return {
    ...draftBase(report, settings),
    eventType: 'SCAN_INCOMPLETE',
    severity: severity ?? 'info',
    score: report.score,
    grade: report.grade,
    // The first gap only: SNS subjects stop at 99 characters; the summary names both.
    subject: subjectLine(`kda-auditor: scan of account ${report.accountId} incomplete (${gaps[0]})`),
    summary:
      `The scan of account ${report.accountId} is incomplete: ${gaps.join(', ')}` +
      (failed > 0 || !missed
        ? `, ${plural(errors.length, 'check')} could not verify (ERROR, never a pass).`
        : '.'),
    facts: [
      ...(missed ? timeLimitFacts(missed) : []),
      ...(failed > 0 || !missed
        ? [
            'Reads that failed:',
            ...reads,
            ...(more > 0 ? [`… and ${more} more in the report's collectionErrors.`] : []),
            'Grant the auditor role the permissions named above (or fix the resource), then run the scan again.',
          ]
        : []),
    ],
    findings: errors.map((finding) => ({
      severity: finding.severity,
      checkId: finding.checkId,
      title: finding.title,
      resourceArn: finding.resourceArn,
      detail: finding.detail,
    })),
  };
}

/**
 * What a time limit left out and how it is picked up: the next scheduled scan reads it first, and
 * the continuation payload scans it now and merges the result into `latest.json`.
 */
function timeLimitFacts(missed: ReportNotReached): string[] {
  const listed = missed.applications.slice(0, LISTED_APPLICATIONS).map((application) => {
    const carried = application.judgedIn
      ? `, verdicts of scan ${application.judgedIn} kept`
      : ', no verdict yet';
    return `- ${application.applicationName} (${application.region}${carried})`;
  });
  const more = missed.applications.length - listed.length;
  return [
    `Not reached before the time limit (${plural(missed.reads, 'read')} not started; left out of this scan's verdicts, never a pass):`,
    ...listed,
    ...(more > 0 ? [`… and ${more} more in the report's notReached.`] : []),
    ...(missed.regions.length > 0
      ? [`Regions whose applications were not listed: ${missed.regions.join(', ')}.`]
      : []),
    `To pick them up: the next scheduled scan reads them first; to scan them now, invoke the scan function with ${CONTINUATION_PAYLOAD} (it scans what latest.json lists as not reached and merges the result into it).`,
    "If scans keep stopping at the time limit, raise the scan function's Timeout (at most 900 seconds) or narrow SCAN_REGIONS.",
  ];
}

function clippedErrorText(error: unknown): string {
  return clip(maskAccessKeyIds(errorText(error)), MAX_ERROR_LENGTH);
}
