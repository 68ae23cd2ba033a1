import { InvalidRequestError } from '../errors.js';
import type {
  AuditReport,
  FindingChange,
  ReportApplication,
  ReportChanges,
  ReportFinding,
  TrendPoint,
} from '../report/types.js';
import type { BaselineApplication, ComparisonBaseline } from './comparison-baseline.js';
import { previousReportProblem } from './previous-report.js';
import { resolvedFindings } from './resolved-findings.js';

/** How change tracking reads the previous report. */
export interface CompareOptions {
  /** Trend points kept per application, this scan's included. */
  trendLength?: number;
}

const DEFAULTS = { trendLength: 30 } as const satisfies CompareOptions;

/**
 * The report with what changed since `previous` (docs/report-format.md): each FAIL finding NEW,
 * PERSISTING or REGRESSED, `changes` with the findings resolved in this report's scope, and each
 * application's score `trend`. Without a usable previous report (none, another account, an unknown
 * schema major: see previousReportProblem) there is no `change` nor `changes`, and trends start. Pure.
 */
export function compareWithPrevious(
  report: AuditReport,
  previous: ComparisonBaseline | undefined,
  options: CompareOptions = {},
): AuditReport {
  const trendLength = options.trendLength ?? DEFAULTS.trendLength;
  if (!Number.isInteger(trendLength) || trendLength < 1) {
    throw new InvalidRequestError([
      `trendLength must be a whole number of scans, 1 or more, not ${trendLength}`,
    ]);
  }
  const before = previous && !previousReportProblem(report, previous) ? previous : undefined;
  const statuses = before ? previousStatuses(before) : undefined;
  const applications = report.applications.map((application) => ({
    ...application,
    trend: trend(report, application, before, trendLength),
    findings: statuses
      ? application.findings.map((finding) => withChange(finding, statuses))
      : application.findings,
  }));
  // Changes computed against another report never carry over (a report compared twice).
  const { changes: _stale, ...rest } = report;
  const compared = { ...rest, applications };
  if (!before) return compared;
  return { ...compared, changes: changesSince(compared, before) };
}

function previousStatuses(previous: ComparisonBaseline): Map<string, ReportFinding['status']> {
  return new Map(
    previous.applications.flatMap((application) =>
      application.findings.map((finding) => [finding.fingerprint, finding.status] as const),
    ),
  );
}

// An ERROR before counts as "not FAIL": unknown was never seen failing, so a FAIL after it alerts again.
function withChange(finding: ReportFinding, previous: Map<string, ReportFinding['status']>): ReportFinding {
  // Most findings are not FAIL and carry no change: kept as they are, not copied (a report's worth).
  if (finding.status !== 'FAIL' && finding.change === undefined) return finding;
  const { change: _stale, ...rest } = finding;
  if (finding.status !== 'FAIL') return rest;
  const status = previous.get(finding.fingerprint);
  const change: FindingChange = status === undefined ? 'NEW' : status === 'FAIL' ? 'PERSISTING' : 'REGRESSED';
  return { ...rest, change };
}

function changesSince(report: AuditReport, previous: ComparisonBaseline): ReportChanges {
  const failing = report.applications.flatMap((application) =>
    application.findings.filter((finding) => finding.status === 'FAIL'),
  );
  const count = (change: FindingChange) => failing.filter((finding) => finding.change === change).length;
  const resolved = resolvedFindings(report, previous);
  return {
    previousScanId: previous.scanId,
    previousCompletedAt: previous.completedAt,
    previousScore: previous.score,
    counts: {
      new: count('NEW'),
      persisting: count('PERSISTING'),
      regressed: count('REGRESSED'),
      resolved: resolved.length,
    },
    resolved,
  };
}

// A report from before trends existed still gives one point: its own score for the application.
function trend(
  report: AuditReport,
  application: ReportApplication,
  previous: ComparisonBaseline | undefined,
  length: number,
): TrendPoint[] {
  const earlier = previous?.applications.find(
    (candidate) => candidate.applicationArn === application.applicationArn,
  );
  const history = previous && earlier ? (earlier.trend ?? [trendPoint(previous, earlier)]) : [];
  const point = trendPoint(report, application);
  // Comparing a report with itself (a re-run on the same latest.json) must not add its point twice.
  return [...history.filter((past) => past.scanId !== report.scanId), point].slice(-length);
}

function trendPoint(
  report: Pick<AuditReport, 'scanId' | 'completedAt'>,
  application: Pick<BaselineApplication, 'score'>,
): TrendPoint {
  return { scanId: report.scanId, completedAt: report.completedAt, score: application.score };
}
