import type { AuditReport } from '../../shared/report/types.js';
import type { CollectionError } from '../../shared/snapshot/types.js';
import { VERDICT_GAPS, type VerdictGap, verdictGapOf } from './moto-gaps.js';

/** One verdict as the comparison sees it: which check, on what, said what. */
interface VerdictLine {
  application: string;
  checkId: string;
  resourceArn: string;
  line: string;
}

function verdictLines(report: AuditReport): VerdictLine[] {
  return report.applications.flatMap((application) =>
    application.findings.map(({ checkId, status, severity, resourceArn }) => ({
      application: application.applicationArn,
      checkId,
      resourceArn,
      line: [checkId, status, severity, resourceArn].join(' '),
    })),
  );
}

/** Each application's verdicts (check, status, severity, resource), sorted, known moto gaps left out. */
export function comparableVerdicts(report: AuditReport): Record<string, string[]> {
  const byApplication: Record<string, string[]> = {};
  for (const application of report.applications) byApplication[application.applicationArn] = [];
  for (const verdict of verdictLines(report)) {
    if (verdictGapOf(verdict.checkId, verdict.resourceArn)) continue;
    byApplication[verdict.application]?.push(verdict.line);
  }
  for (const lines of Object.values(byApplication)) lines.sort();
  return byApplication;
}

/** The applications with a finding, in any of the reports, that a known gap leaves out. */
export function applicationsTouchedByGaps(...reports: AuditReport[]): Set<string> {
  return new Set(
    reports
      .flatMap(verdictLines)
      .filter((verdict) => verdictGapOf(verdict.checkId, verdict.resourceArn))
      .map((verdict) => verdict.application),
  );
}

/** Each application's score, except those of `touched` applications (a gap moves the score). */
export function comparableScores(
  report: AuditReport,
  touched: ReadonlySet<string>,
): Record<string, number | null> {
  return Object.fromEntries(
    report.applications
      .filter((application) => !touched.has(application.applicationArn))
      .map((application) => [application.applicationArn, application.score]),
  );
}

function gapFindings(report: AuditReport, gap: VerdictGap): string {
  const lines = verdictLines(report)
    .filter((verdict) => verdictGapOf(verdict.checkId, verdict.resourceArn) === gap)
    .map((verdict) => `${verdict.application} ${verdict.line}`);
  return JSON.stringify(lines.sort());
}

/** The gaps that make a difference here: the findings they leave out differ between the reports. */
export function shownVerdictGaps(live: AuditReport, offline: AuditReport): VerdictGap[] {
  return VERDICT_GAPS.filter((gap) => gapFindings(live, gap) !== gapFindings(offline, gap));
}

/**
 * The gaps that no longer make a difference here: they match findings of these reports, and the
 * matched findings are the same on both sides.
 */
export function staleVerdictGaps(live: AuditReport, offline: AuditReport): VerdictGap[] {
  return VERDICT_GAPS.filter((gap) => {
    const [left, right] = [gapFindings(live, gap), gapFindings(offline, gap)];
    return left !== '[]' && left === right;
  });
}

/** Collection errors as operation, resource and code (messages are moto's own), sorted. */
export function comparableCollectionErrors(errors: readonly CollectionError[] = []): string[] {
  return errors.map((error) => [error.operation, error.resource ?? '-', error.code].join(' ')).sort();
}
