import type { Severity } from '../checks/types.js';
import { accountScoreBasis } from '../report/build-report.js';
import type { AuditReport } from '../report/types.js';
import type { MemberScanResult, ScanTarget } from './types.js';

const WORST_APPLICATIONS = 5;

/** Severity counts, all zero: the shape every count by severity starts from. */
export function noSeverities(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

/**
 * The small result one target's report comes down to. New findings follow the alert rule: a FAIL
 * that was not failing before (every FAIL when no previous report was compared).
 */
export function memberScanResultOf(
  target: ScanTarget,
  report: AuditReport,
  reportKey?: string,
): MemberScanResult {
  const findings = report.applications.flatMap((application) => application.findings);
  const newFindings = noSeverities();
  for (const finding of findings)
    if (finding.status === 'FAIL' && finding.change !== 'PERSISTING') newFindings[finding.severity] += 1;
  return {
    status: 'scanned',
    accountId: target.accountId,
    ...(target.accountName ? { accountName: target.accountName } : {}),
    region: target.region,
    scanId: report.scanId,
    score: report.score,
    grade: report.grade,
    // With the report's own cap for a region it could not list, as the account's score has it.
    scoreBasis: accountScoreBasis(report.applications, report),
    applications: report.summary.applications,
    failures: { ...report.summary.failures },
    errors: report.summary.findings.ERROR,
    complete: report.complete,
    ...notReachedOf(report, target.region),
    ...(reportKey ? { reportKey } : {}),
    newFindings,
    resolvedFindings: report.changes?.counts.resolved ?? 0,
    ...(report.changes && report.changes.previousScore !== undefined
      ? { previousScore: report.changes.previousScore }
      : {}),
    // The report lists applications worst first already.
    worstApplications: report.applications.slice(0, WORST_APPLICATIONS).map((application) => ({
      applicationArn: application.applicationArn,
      applicationName: application.applicationName,
      score: application.score,
      grade: application.grade,
    })),
  };
}

// A region never listed has no application to count as not reached: it is flagged instead, so the
// organisation report and alert do not read it as a region the time limit left untouched.
function notReachedOf(report: AuditReport, region: string): { notReached?: number; notListed?: true } {
  const notReached = report.notReached?.applications.length ?? 0;
  return {
    ...(notReached > 0 ? { notReached } : {}),
    ...(report.notReached?.regions.includes(region) ? { notListed: true as const } : {}),
  };
}
