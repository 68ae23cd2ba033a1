import type { Finding } from '../checks/types.js';
import { SEVERITIES, type Status } from '../checks/types.js';
import type { AccountEvaluation, ApplicationEvaluation } from '../evaluate/evaluate-account.js';
import { suggestedPolicy } from '../permissions/suggested-policy.js';
import { type Score, scoreAccount, scoreFindings } from '../score/score.js';
import { maskAccessKeyIds } from '../secrets/mask.js';
import type { CollectionError } from '../snapshot/types.js';
import { findingFingerprint } from './fingerprint.js';
import {
  type AuditReport,
  REPORT_SCHEMA_VERSION,
  type ReportApplication,
  type ReportFinding,
  type ReportMeta,
  type ReportSummary,
} from './types.js';

/** Builds the audit report of an evaluation: scores, summaries, worst applications and findings first. */
export function buildReport(evaluation: AccountEvaluation, meta: ReportMeta): AuditReport {
  const totals = accountTotals(
    evaluation.applications.map((application) => reportApplication(application, evaluation.accountId)),
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

/**
 * The account-level fields of a report over these applications: score, grade, cap and summary by
 * the account formula, and the applications worst first. Also what a merge of reports recomputes.
 */
export function accountTotals(
  applications: readonly ReportApplication[],
): Pick<AuditReport, 'score' | 'grade' | 'cappedBy' | 'summary' | 'applications'> {
  const account = scoreAccount(applications);
  return {
    score: account.score,
    grade: account.grade,
    ...(account.cappedBy ? { cappedBy: account.cappedBy } : {}),
    summary: { applications: applications.length, ...summaryOf(account) },
    applications: [...applications].sort(byScoreAscending),
  };
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
export function compareFindings(a: Finding, b: Finding): number {
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
    remediation: finding.remediation,
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
