import type { AuditReport, ReportApplication, ReportFinding } from '../report/types.js';

/** What change tracking reads of a previous finding: its identity and status; a FAIL's description too. */
export type BaselineFinding = Pick<ReportFinding, 'fingerprint' | 'status'> &
  Partial<Pick<ReportFinding, 'checkId' | 'severity' | 'title' | 'resourceArn'>>;

/** What change tracking reads of a previous application. */
export type BaselineApplication = Pick<
  ReportApplication,
  'applicationArn' | 'applicationName' | 'region' | 'score' | 'trend'
> & { findings: BaselineFinding[] };

/**
 * What change tracking reads of a previous report (compareWithPrevious): a full report is one, and
 * `comparisonBaseline` keeps no more of it. A scan holds its previous report from its first read (what
 * to read first) to its comparison; at 1,000 applications the whole report is about 100 MB of heap.
 */
export type ComparisonBaseline = Pick<
  AuditReport,
  'schemaVersion' | 'scanId' | 'accountId' | 'completedAt' | 'score' | 'notReached'
> & { applications: BaselineApplication[] };

/**
 * The part of `report` change tracking reads: per application its identity, score and trend, and per
 * finding its fingerprint and status; a FAIL keeps what a resolved finding lists (check, severity,
 * title, resource). Compared with, it gives what the whole report gives.
 */
export function comparisonBaseline(report: AuditReport): ComparisonBaseline {
  return {
    schemaVersion: report.schemaVersion,
    scanId: report.scanId,
    accountId: report.accountId,
    completedAt: report.completedAt,
    score: report.score,
    ...(report.notReached ? { notReached: report.notReached } : {}),
    applications: report.applications.map(baselineApplication),
  };
}

/** What change tracking reads of one application of a previous report. */
export function baselineApplication(application: ReportApplication): BaselineApplication {
  return {
    applicationArn: application.applicationArn,
    applicationName: application.applicationName,
    region: application.region,
    score: application.score,
    ...(application.trend ? { trend: application.trend } : {}),
    findings: application.findings.map(baselineFinding),
  };
}

function baselineFinding({
  fingerprint,
  status,
  checkId,
  severity,
  title,
  resourceArn,
}: ReportFinding): BaselineFinding {
  return status === 'FAIL'
    ? { fingerprint, status, checkId, severity, title, resourceArn }
    : { fingerprint, status };
}
