import type { Finding } from '../checks/types.js';
import { SEVERITIES, type Status } from '../checks/types.js';
import type { AccountEvaluation, ApplicationEvaluation } from '../evaluate/evaluate-account.js';
import { suggestedPolicy } from '../permissions/suggested-policy.js';
import {
  type Score,
  type ScoreBasis,
  scoreAccount,
  scoreBasisOf,
  scoreFindings,
  scoreFromBases,
} from '../score/score.js';
import { maskAccessKeyIds } from '../secrets/mask.js';
import { listingFailed } from '../snapshot/application-listing.js';
import type { CollectionError } from '../snapshot/types.js';
import { findingFingerprint } from './fingerprint.js';
import {
  type AuditReport,
  isActionable,
  REPORT_SCHEMA_VERSION,
  type ReportApplication,
  type ReportFinding,
  type ReportMeta,
  type ReportNotReached,
  type ReportSummary,
} from './types.js';

/** Builds the audit report of an evaluation: scores, summaries, worst applications and findings first. */
export function buildReport(evaluation: AccountEvaluation, meta: ReportMeta): AuditReport {
  const totals = accountTotals(
    evaluation.applications.map((application) => reportApplication(application, evaluation.accountId)),
    meta,
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scanId: meta.scanId,
    accountId: evaluation.accountId,
    partition: evaluation.partition,
    startedAt: meta.startedAt.toISOString(),
    completedAt: meta.completedAt.toISOString(),
    complete: meta.complete,
    source: meta.source,
    scope: {
      regions: listOrAll(meta.scope.regions),
      applications: listOrAll(meta.scope.applications),
      evaluatedRegions: [...evaluation.regions],
    },
    ...totals,
    collectionErrors: meta.collectionErrors.map(reportCollectionError),
    ...(meta.notReached ? { notReached: meta.notReached } : {}),
  };
}

/** What a report could not see: failed reads, and what its time limit left unread. */
export interface ReportGaps {
  collectionErrors: readonly CollectionError[];
  notReached?: ReportNotReached | undefined;
}

/**
 * The account-level fields of a report over these applications: score, grade, cap and summary by
 * the account formula, and the applications worst first. Also what a merge of reports recomputes.
 * A region whose applications could not be listed caps the score as a critical ERROR would.
 */
export function accountTotals(
  applications: readonly ReportApplication[],
  gaps: ReportGaps,
): Pick<AuditReport, 'score' | 'grade' | 'cappedBy' | 'summary' | 'applications'> {
  const account = scoreAccount(applications);
  // Equal to the account's own score when every region was listed; with no scored finding, null
  // even with a region unlisted: a score needs findings, and `complete: false` says what is missing.
  const { score, grade, cappedBy } = scoreFromBases([accountScoreBasis(applications, gaps)]);
  return {
    score,
    grade,
    ...(cappedBy ? { cappedBy } : {}),
    summary: { applications: applications.length, ...summaryOf(account) },
    applications: [...applications].sort(byScoreAscending),
  };
}

// Without a region's application list, the region may hold any application, the worst included:
// like an ERROR, what could not be read caps as the worst failure it may hide (docs/scoring.md).
export const UNLISTED_REGION_CAP = 'critical';

/**
 * The score basis of a report: its findings' basis, plus the critical cap when a region's
 * applications could not be listed. What an organisation's account score adds up (same cap).
 */
export function accountScoreBasis(
  applications: readonly Pick<ReportApplication, 'findings'>[],
  gaps: ReportGaps,
): ScoreBasis {
  const basis = scoreBasisOf(applications.flatMap((application) => application.findings));
  if (!hasUnlistedRegion(gaps) || basis.caps.includes(UNLISTED_REGION_CAP)) return basis;
  return { ...basis, caps: [UNLISTED_REGION_CAP, ...basis.caps] };
}

/** Whether a region's applications were not listed: the listing failed, or the time limit came first. */
function hasUnlistedRegion(gaps: ReportGaps): boolean {
  return listingFailed(gaps.collectionErrors) || (gaps.notReached?.regions.length ?? 0) > 0;
}

/** The order findings are read in: what needs action first. */
export const STATUS_ORDER = [
  'FAIL',
  'ERROR',
  'MUTED',
  'PASS',
  'NOT_APPLICABLE',
] as const satisfies readonly Status[];

/** Orders findings for reading: FAIL, ERROR, MUTED, PASS, NOT_APPLICABLE, then most severe first. */
export function compareFindings(
  a: Pick<Finding, 'status' | 'severity'>,
  b: Pick<Finding, 'status' | 'severity'>,
): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
  );
}

function reportApplication(application: ApplicationEvaluation, accountId: string): ReportApplication {
  const score = scoreFindings(application.findings);
  return {
    applicationArn: application.applicationArn,
    applicationName: application.applicationName,
    region: application.region,
    runtimeEnvironment: application.runtimeEnvironment ?? null,
    score: score.score,
    grade: score.grade,
    ...(score.cappedBy ? { cappedBy: score.cappedBy } : {}),
    summary: summaryOf(score),
    dependencyGraph: { nodes: application.graph.nodes, edges: application.graph.edges },
    // An empty policy is no suggestion: IAM rejects a document without statements.
    ...(application.requiredPermissions?.length
      ? { suggestedPolicy: suggestedPolicy(application.requiredPermissions) }
      : {}),
    // Array.prototype.sort is stable, so equal findings keep the registry's check order.
    findings: application.findings
      .map((finding) => reportFinding(finding, application, accountId))
      .sort(compareFindings),
  };
}

// Copies only the report's fields, so nothing a check adds by accident reaches S3 or an alert.
function reportFinding(
  finding: Finding,
  application: ApplicationEvaluation,
  accountId: string,
): ReportFinding {
  return {
    fingerprint: findingFingerprint({
      accountId,
      region: application.region,
      applicationArn: application.applicationArn,
      checkId: finding.checkId,
      resourceArn: finding.resourceArn,
    }),
    checkId: finding.checkId,
    bestPractice: finding.bestPractice,
    severity: finding.severity,
    status: finding.status,
    resourceArn: finding.resourceArn,
    title: finding.title,
    detail: finding.detail,
    // A PASS or NOT_APPLICABLE needs no fix: leaving it out halves a large report (schema 2.0.0).
    ...(isActionable(finding.status) ? { remediation: finding.remediation } : {}),
    ...(finding.suppression ? { suppression: finding.suppression } : {}),
  };
}

// A hand-written snapshot may carry extra fields on its errors; the report keeps its own shape.
// A failed access key lookup names the key id: the report shows it masked, like every finding.
function reportCollectionError(error: CollectionError): CollectionError {
  return {
    operation: error.operation,
    ...(error.resource ? { resource: maskAccessKeyIds(error.resource) } : {}),
    ...(error.region ? { region: error.region } : {}),
    code: error.code,
    message: maskAccessKeyIds(error.message),
  };
}

function summaryOf(score: Score): ReportSummary {
  return { findings: { ...score.counts }, failures: { ...score.failedBySeverity } };
}

// Unscored applications (nothing evaluated) sort last; Infinity - Infinity is NaN, which falls through.
function byScoreAscending(a: ReportApplication, b: ReportApplication): number {
  const rank = (score: number | null) => score ?? Number.POSITIVE_INFINITY;
  return (
    rank(a.score) - rank(b.score) ||
    a.region.localeCompare(b.region) ||
    a.applicationName.localeCompare(b.applicationName)
  );
}

function listOrAll(list: readonly string[] | 'all' | undefined): string[] | 'all' {
  return list === 'all' || !list?.length ? 'all' : [...list];
}
