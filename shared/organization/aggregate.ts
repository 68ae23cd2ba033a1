import { SEVERITIES, type Severity } from '../checks/types.js';
import { UNLISTED_REGION_CAP } from '../report/build-report.js';
import { type ScoreBasis, scoreFromBases } from '../score/score.js';
import { noSeverities } from './member-scan-result.js';
import {
  type FailedMapItem,
  type FailedTarget,
  type MemberScanResult,
  ORGANIZATION_REPORT_SCHEMA_VERSION,
  type OrganizationAccount,
  type OrganizationApplication,
  type OrganizationRegion,
  type OrganizationReport,
  type ScanTarget,
  type SkippedAccount,
} from './types.js';

/** Everything the organisation scan produced, as the aggregation step gathers it. */
export interface OrganizationScanOutcome {
  orgScanId: string;
  organizationId?: string;
  startedAt: Date;
  completedAt: Date;
  results: readonly MemberScanResult[];
  failedItems: readonly FailedMapItem[];
  skipped: readonly SkippedAccount[];
  /** The Map's own error (its Catch), when it failed as a whole. */
  mapError?: { error: string; cause: string };
  /** Every target listed; those with no result or failed item are reported failed (with mapError when set). */
  targets?: readonly ScanTarget[];
}

type Scanned = Extract<MemberScanResult, { status: 'scanned' }>;
type Failed = Extract<MemberScanResult, { status: 'failed' }>;

const WORST_APPLICATIONS = 10;
// A target that failed was never listed: its region may hold any application, the worst included,
// so it caps its account's score, and the organisation's, as an unlisted region caps a report's
// (accountScoreBasis). It lowers a score; it does not make one (it weighs nothing).
const FAILED_TARGET_BASIS: ScoreBasis = { earned: 0, possible: 0, caps: [UNLISTED_REGION_CAP] };
const NO_RESULT = {
  errorName: 'States.NoResult',
  reason: 'The map run reported no result for this target: run the organisation scan again.',
};

/**
 * Builds the organisation report: per account its score over every region scanned (exactly its
 * score as if its findings were scored at once), grade, failures and regions; the 10 worst
 * applications; totals; every failed target with its reason. Failed accounts come first. Pure.
 */
export function aggregateOrganization(input: OrganizationScanOutcome): OrganizationReport {
  const outcomes = targetOutcomes(input);
  const scanned = [...outcomes.values()].filter(
    (outcome): outcome is Scanned => outcome.status === 'scanned',
  );
  const failedTargets: FailedTarget[] = [
    ...[...outcomes.values()]
      .filter((outcome): outcome is Failed => outcome.status === 'failed')
      .map(({ accountId, accountName, region, reason, errorName }) => ({
        accountId,
        ...(accountName ? { accountName } : {}),
        region,
        reason,
        errorName,
      })),
    // Items whose input could not be read belong to no account; they are still failures.
    ...input.failedItems
      .filter((item) => item.target === null)
      .map((item) => ({
        accountId: null,
        region: null,
        reason: item.cause || item.error,
        errorName: item.error,
      })),
  ];
  const accounts = accountsOf([...outcomes.values()]);
  const organization = scoreFromBases([
    ...scanned.map((result) => result.scoreBasis),
    ...(failedTargets.length > 0 ? [FAILED_TARGET_BASIS] : []),
  ]);
  const incomplete = scanned.filter((result) => !result.complete).length;
  return {
    schemaVersion: ORGANIZATION_REPORT_SCHEMA_VERSION,
    orgScanId: input.orgScanId,
    ...(input.organizationId ? { organizationId: input.organizationId } : {}),
    startedAt: input.startedAt.toISOString(),
    completedAt: input.completedAt.toISOString(),
    complete: failedTargets.length === 0 && incomplete === 0 && !input.mapError,
    score: organization.score,
    grade: organization.grade,
    ...(organization.cappedBy ? { cappedBy: organization.cappedBy } : {}),
    totals: {
      accounts: {
        listed: accounts.length + input.skipped.length,
        scanned: accounts.filter((account) => account.status === 'scanned').length,
        partial: accounts.filter((account) => account.status === 'partial').length,
        failed: accounts.filter((account) => account.status === 'failed').length,
        skipped: input.skipped.length,
      },
      targets: {
        total: scanned.length + failedTargets.length,
        scanned: scanned.length,
        failed: failedTargets.length,
        incomplete,
      },
      applications: sum(scanned, (result) => result.applications),
      failures: sumSeverities(scanned.map((result) => result.failures)),
      errors: sum(scanned, (result) => result.errors),
      newFindings: sumSeverities(scanned.map((result) => result.newFindings)),
      resolvedFindings: sum(scanned, (result) => result.resolvedFindings),
    },
    accounts,
    worstApplications: worstApplications(scanned),
    failedTargets: failedTargets.sort(byAccountAndRegion),
    skipped: [...input.skipped].sort((a, b) => a.accountId.localeCompare(b.accountId)),
    ...(input.mapError ? { mapError: input.mapError } : {}),
  };
}

// One outcome per account × region: a result wins over a failed item (a retried item has both).
function targetOutcomes(input: OrganizationScanOutcome): Map<string, MemberScanResult> {
  const outcomes = new Map<string, MemberScanResult>();
  const put = (outcome: MemberScanResult) => {
    const key = `${outcome.accountId}|${outcome.region}`;
    const present = outcomes.get(key);
    if (!present || (present.status === 'failed' && outcome.status === 'scanned')) outcomes.set(key, outcome);
  };
  for (const result of input.results) put(result);
  for (const { target, error, cause } of input.failedItems)
    if (target) put(failedResult(target, error, cause || error));
  const missing = input.mapError
    ? { errorName: input.mapError.error, reason: input.mapError.cause || input.mapError.error }
    : NO_RESULT;
  for (const target of input.targets ?? [])
    if (!outcomes.has(`${target.accountId}|${target.region}`))
      put(failedResult(target, missing.errorName, missing.reason));
  return outcomes;
}

function failedResult(target: ScanTarget, errorName: string, reason: string): Failed {
  return {
    status: 'failed',
    accountId: target.accountId,
    ...(target.accountName ? { accountName: target.accountName } : {}),
    region: target.region,
    reason,
    errorName,
  };
}

function accountsOf(outcomes: readonly MemberScanResult[]): OrganizationAccount[] {
  const byAccount = new Map<string, MemberScanResult[]>();
  for (const outcome of outcomes)
    byAccount.set(outcome.accountId, [...(byAccount.get(outcome.accountId) ?? []), outcome]);
  return [...byAccount.values()].map(accountOf).sort(worstAccountFirst);
}

function accountOf(outcomes: readonly MemberScanResult[]): OrganizationAccount {
  const scanned = outcomes.filter((outcome): outcome is Scanned => outcome.status === 'scanned');
  const first = outcomes[0];
  const accountName = outcomes.find((outcome) => outcome.accountName)?.accountName;
  const score = scoreFromBases([
    ...scanned.map((result) => result.scoreBasis),
    ...(scanned.length < outcomes.length ? [FAILED_TARGET_BASIS] : []),
  ]);
  return {
    accountId: first?.accountId ?? '',
    ...(accountName ? { accountName } : {}),
    status: scanned.length === outcomes.length ? 'scanned' : scanned.length === 0 ? 'failed' : 'partial',
    score: score.score,
    grade: score.grade,
    ...(score.cappedBy ? { cappedBy: score.cappedBy } : {}),
    applications: sum(scanned, (result) => result.applications),
    failures: sumSeverities(scanned.map((result) => result.failures)),
    errors: sum(scanned, (result) => result.errors),
    newFindings: sumSeverities(scanned.map((result) => result.newFindings)),
    resolvedFindings: sum(scanned, (result) => result.resolvedFindings),
    complete: scanned.length === outcomes.length && scanned.every((result) => result.complete),
    regions: outcomes.map(regionOf).sort((a, b) => a.region.localeCompare(b.region)),
  };
}

function regionOf(outcome: MemberScanResult): OrganizationRegion {
  if (outcome.status === 'failed')
    return {
      region: outcome.region,
      status: 'failed',
      score: null,
      grade: null,
      applications: 0,
      complete: false,
      reason: outcome.reason,
      errorName: outcome.errorName,
    };
  return {
    region: outcome.region,
    status: 'scanned',
    score: outcome.score,
    grade: outcome.grade,
    ...(outcome.previousScore !== undefined ? { previousScore: outcome.previousScore } : {}),
    applications: outcome.applications,
    complete: outcome.complete,
    ...(outcome.notReached ? { notReached: outcome.notReached } : {}),
    ...(outcome.notListed ? { notListed: true } : {}),
    scanId: outcome.scanId,
    ...(outcome.reportKey ? { reportKey: outcome.reportKey } : {}),
  };
}

function worstApplications(scanned: readonly Scanned[]): OrganizationApplication[] {
  return scanned
    .flatMap((result) =>
      result.worstApplications.map((application) => ({
        ...application,
        accountId: result.accountId,
        ...(result.accountName ? { accountName: result.accountName } : {}),
        region: result.region,
      })),
    )
    .sort(
      (a, b) =>
        byScore(a.score, b.score) ||
        a.accountId.localeCompare(b.accountId) ||
        a.applicationArn.localeCompare(b.applicationArn),
    )
    .slice(0, WORST_APPLICATIONS);
}

// Unknown is never compliant: an account nothing could be read from leads the list.
function worstAccountFirst(a: OrganizationAccount, b: OrganizationAccount): number {
  const failed = Number(b.status === 'failed') - Number(a.status === 'failed');
  return failed || byScore(a.score, b.score) || a.accountId.localeCompare(b.accountId);
}

function byScore(a: number | null, b: number | null): number {
  if (a === null || b === null) return Number(a === null) - Number(b === null);
  return a - b;
}

// Unattributed failures (no account known) come last.
function byAccountAndRegion(a: FailedTarget, b: FailedTarget): number {
  if (a.accountId === null || b.accountId === null)
    return Number(a.accountId === null) - Number(b.accountId === null);
  return a.accountId.localeCompare(b.accountId) || (a.region ?? '').localeCompare(b.region ?? '');
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

function sumSeverities(counts: readonly Record<Severity, number>[]): Record<Severity, number> {
  const total = noSeverities();
  for (const count of counts) for (const severity of SEVERITIES) total[severity] += count[severity];
  return total;
}
