import { randomBytes } from 'node:crypto';
import type { AlertMessage } from './alert/alert-message.js';
import { announceScanFailure } from './announce-failure.js';
import { type AuditDelivery, auditDelivery } from './audit-delivery.js';
import type { ClientFactory } from './aws/clients.js';
import { CallGovernor } from './aws/governor.js';
import { compareWithPrevious } from './changes/compare-with-previous.js';
import { type ComparisonBaseline, comparisonBaseline } from './changes/comparison-baseline.js';
import { mergePartialScan } from './changes/merge-partial-scan.js';
import type { PreviousBaseline, PreviousReport } from './changes/previous-report.js';
import type { Check, Severity } from './checks/types.js';
import { type CodeArtifactOptions, collectAccount } from './collect/collect-account.js';
import { isNotStarted } from './collect/time-limit.js';
import { deliverReport } from './deliver-report.js';
import { evaluateAccount } from './evaluate/evaluate-account.js';
import type { SecurityHubExportResult } from './publish/export-security-hub.js';
import { readPreviousBaseline, readPreviousReport } from './publish/read-previous-report.js';
import type { ReportLocation } from './publish/write-report.js';
import { buildReport } from './report/build-report.js';
import { leaveOutNotReached } from './report/not-reached.js';
import type { AuditReport } from './report/types.js';
import type { AccountSnapshot } from './snapshot/types.js';
import { applySuppressions } from './suppressions/apply-suppressions.js';
import type { SuppressionSet } from './suppressions/types.js';

/** Where the account comes from: a snapshot given whole, or a live read through AWS clients. */
export type SnapshotSource =
  | { kind: 'snapshot'; snapshot: AccountSnapshot }
  | {
      kind: 'live';
      clients: ClientFactory;
      governor?: CallGovernor;
      codeArtifacts?: CodeArtifactOptions;
      /**
       * No AWS read starts after this instant (by the audit's clock): what was not reached is left
       * out of the verdicts and listed in `report.notReached` (docs/reliability.md, "Time limit").
       */
      deadline?: Date;
    };

/** What to audit; absent lists mean everything. */
export interface AuditRequest {
  regions?: readonly string[] | 'all';
  /** Application names or ARNs. */
  applications?: readonly string[];
  /** Build the report and write nothing, send nothing. */
  dryRun?: boolean;
  /** Rules that mute accepted findings (loaded by the caller, so a bad file fails before the scan). */
  suppressions?: SuppressionSet;
  /**
   * The report to compare with when no report bucket holds one (the CLI's --previous). With a
   * report bucket, its `latest.json` is read instead.
   */
  previous?: PreviousReport;
  /**
   * This scan continues a partial one: its result is merged into the previous report (`latest.json`)
   * instead of replacing it, as the scan of a time limit's leftovers must (docs/reliability.md).
   */
  continuation?: boolean;
  /**
   * Names the invocation when it may be retried (Lambda request id, EventBridge event id): every
   * attempt gives its alerts the same idempotency keys and skips those an earlier attempt sent
   * (docs/alerts.md, "Idempotency"). Default: the scan id, which is new at each run.
   */
  idempotencyKey?: string;
}

/** Where results go; each output is skipped when its setting is absent. */
export interface AuditOutputs {
  /** Clients for S3, SNS and Security Hub; a live source's clients when absent. */
  clients?: ClientFactory;
  /** The report bucket's region (SNS uses the topic's own region); Security Hub's region too. */
  region?: string;
  reportBucket?: string;
  reportPrefix?: string;
  /**
   * Whether this scan becomes the account's `latest.json`, the baseline of the next one. Default
   * true; a scan narrower than the scheduled one should not move the baseline.
   */
  updateLatest?: boolean;
  topicArn?: string;
  alertThreshold?: Severity;
  /** Points an application's or the account's score must drop by to alert (default 10). */
  scoreDrop?: number;
  /** Scores kept per application in the report's trend (default 30). */
  trendLength?: number;
  /** Import the findings into Security Hub (in `region`). */
  securityHub?: boolean;
}

/** Everything one audit produced. */
export interface AuditResult {
  report: AuditReport;
  snapshot: AccountSnapshot;
  reportLocation?: ReportLocation;
  /** The alerts the report warrants (decided unless dry run), whether or not a topic was set. */
  alerts: AlertMessage[];
  /** Set only when the alerts were published: the ids of those this run sent. */
  alertMessageIds?: string[];
  /** Idempotency keys of the alerts an earlier attempt of the same invocation had sent: not sent again. */
  alertsAlreadySent?: string[];
  /** Why change tracking had no previous report to use, when one was looked for and not usable. */
  previousReportProblem?: string;
  /** Key of the live re-audit resource index, when it was written beside `latest.json`. */
  resourceIndexKey?: string;
  securityHub?: SecurityHubExportResult;
  /** Why the Security Hub export failed; everything else was delivered (the scan does not throw for it). */
  securityHubProblem?: string;
}

/** What runAudit takes from outside, so tests control time, ids, progress and the checks. */
export interface AuditDependencies {
  clock?: () => Date;
  newScanId?: () => string;
  progress?: (message: string) => void;
  checks?: readonly Check[];
}

/**
 * Runs one audit: collect (live) or take the snapshot → evaluate → mute suppressed findings →
 * report → compare with the previous report → write the report → alert → move `latest.json` →
 * Security Hub. Alerts go out before `latest.json` moves, so a failed publish alerts again next
 * time rather than never. A live source's deadline stops reads: what was not reached is listed,
 * not judged, and such a partial scan (or a continuation) is merged into the previous report. A dry run stops after the report. Misconfigured outputs fail before any
 * AWS call; a scan that fails after that is announced (SCAN_FAILED) when a topic is set, then
 * rethrown. Throws ScanFailedError (collection), PublishError (delivery), InvalidRequestError.
 */
export async function runAudit(
  request: AuditRequest,
  given: SnapshotSource,
  outputs: AuditOutputs = {},
  deps: AuditDependencies = {},
): Promise<AuditResult> {
  // One governor for the whole live audit: its reads and its alerts share the rates and buckets.
  const source: SnapshotSource =
    given.kind === 'live' ? { ...given, governor: given.governor ?? new CallGovernor() } : given;
  const clock = deps.clock ?? (() => new Date());
  const progress = deps.progress ?? (() => {});
  const delivery = request.dryRun ? undefined : auditDelivery(source, outputs);
  const previousOf = previousReportReader(request, delivery);
  const startedAt = clock();
  const scanId = deps.newScanId?.() ?? newScanId(startedAt);
  let accountId: string | undefined = source.kind === 'snapshot' ? source.snapshot.accountId : undefined;
  try {
    const snapshot = await snapshotOf(request, source, outputs, { progress, clock, previousOf });
    accountId = snapshot.accountId;
    const report = await judge(request, snapshot, previousOf, outputs, {
      scanId,
      startedAt,
      clock,
      progress,
      source: source.kind,
      ...(deps.checks ? { checks: deps.checks } : {}),
    });
    previousOf.release();
    if (!delivery) {
      progress('Dry run: no report written, no alert sent.');
      return { report: report.report, snapshot, alerts: [], ...problemOf(report) };
    }
    return {
      ...(await deliverReport(
        report.report,
        delivery,
        report.keepLatest ? { ...outputs, updateLatest: false } : outputs,
        progress,
        snapshot,
        request.idempotencyKey ? { scanKey: request.idempotencyKey } : {},
      )),
      snapshot,
      ...problemOf(report),
    };
  } catch (error) {
    if (delivery?.alert) {
      const scanKey = request.idempotencyKey;
      await announceScanFailure(
        delivery,
        { error, accountId, scanId, ...(scanKey ? { scanKey } : {}) },
        progress,
      );
    }
    throw error;
  }
}

/**
 * The account's previous report (latest.json with a report bucket, else the request's): `baseline`
 * read once and kept from the first read to the comparison, `whole` read again when a partial scan
 * is merged into it (it keeps the previous verdicts of what it did not reach, whole).
 */
interface PreviousReportReader {
  baseline(accountId: string): Promise<PreviousBaseline | undefined>;
  whole(accountId: string): Promise<PreviousReport | undefined>;
  /** Compared with: the baseline is not kept while the report is written. */
  release(): void;
}

function previousReportReader(
  request: AuditRequest,
  delivery: AuditDelivery | undefined,
): PreviousReportReader {
  const whole = (accountId: string) =>
    delivery?.report
      ? readPreviousReport(delivery.report.s3, delivery.report.target, accountId)
      : Promise.resolve(request.previous);
  let read: Promise<PreviousBaseline | undefined> | undefined;
  return {
    baseline: (accountId) => {
      read ??= delivery?.report
        ? readPreviousBaseline(delivery.report.s3, delivery.report.target, accountId)
        : Promise.resolve(baselineOfRequest(request.previous));
      return read;
    },
    whole,
    release: () => {
      read = undefined;
    },
  };
}

async function snapshotOf(
  request: AuditRequest,
  source: SnapshotSource,
  outputs: AuditOutputs,
  scan: { progress: (message: string) => void; clock: () => Date; previousOf: PreviousReportReader },
): Promise<AccountSnapshot> {
  if (source.kind === 'snapshot') return source.snapshot;
  return collectAccount({
    clients: source.clients,
    ...(source.governor ? { governor: source.governor } : {}),
    ...(source.codeArtifacts ? { codeArtifacts: source.codeArtifacts } : {}),
    ...(request.regions ? { regions: request.regions } : {}),
    ...(request.applications ? { applications: request.applications } : {}),
    // Account-wide reads (STS, DescribeRegions) go to the auditor's own region when known.
    ...(outputs.region ? { homeRegion: outputs.region } : {}),
    ...(source.deadline ? { deadline: source.deadline } : {}),
    // What the previous scan did not reach before its time limit is read first this time.
    readFirst: async (accountId) => notReachedBefore(await scan.previousOf.baseline(accountId)),
    progress: scan.progress,
    clock: scan.clock,
  });
}

interface Judged {
  report: AuditReport;
  previousReportProblem?: string;
  /** A partial scan whose previous report could not be read: it must not replace that report. */
  keepLatest?: boolean;
}

/**
 * Evaluates (leaving out what a time limit did not reach), mutes, builds the report and compares it
 * with the previous one; a partial scan or a continuation is merged into the previous one instead.
 */
async function judge(
  request: AuditRequest,
  snapshot: AccountSnapshot,
  previousOf: PreviousReportReader,
  outputs: AuditOutputs,
  scan: {
    scanId: string;
    startedAt: Date;
    clock: () => Date;
    progress: (message: string) => void;
    source: SnapshotSource['kind'];
    checks?: readonly Check[];
  },
): Promise<Judged> {
  const regions = request.regions === 'all' ? undefined : request.regions;
  const scope = {
    ...(regions ? { regions } : {}),
    ...(request.applications ? { applications: request.applications } : {}),
  };
  const { evaluation: evaluated, notReached } = leaveOutNotReached(
    snapshot,
    evaluateAccount(snapshot, scope, scan.checks),
    scope,
    scan.checks,
  );
  if (notReached) {
    scan.progress(
      `Time limit: ${notReached.applications.length} application(s) not reached, ${notReached.reads} read(s) not started.`,
    );
  }
  const muted = request.suppressions
    ? applySuppressions(evaluated, request.suppressions, scan.startedAt)
    : undefined;
  const allErrors = snapshot.collectionErrors ?? [];
  // Reads not started are summed up in notReached; collectionErrors lists reads that failed.
  const collectionErrors = allErrors.filter((error) => !isNotStarted(error));
  const built = buildReport(muted?.evaluation ?? evaluated, {
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    completedAt: scan.clock(),
    complete: allErrors.length === 0,
    source: scan.source,
    scope: { regions: request.regions, applications: request.applications },
    collectionErrors,
    ...(notReached ? { notReached } : {}),
  });
  const report = muted ? { ...built, suppressions: muted.summary } : built;
  if (muted)
    scan.progress(
      `Suppressions: ${muted.summary.applied} finding(s) muted, ${muted.summary.expired.length} rule(s) expired.`,
    );

  const partial = notReached !== undefined || request.continuation === true;
  // Replacing latest.json with a partial report would make what it missed look deleted (RESOLVED)
  // and new again next time (NEW): a partial scan keeps their previous verdicts instead, whole.
  const previous = partial
    ? await previousOf.whole(snapshot.accountId)
    : await previousOf.baseline(snapshot.accountId);
  const problem = previous?.status === 'unusable' ? previous.reason : undefined;
  if (problem) scan.progress(`Change tracking: the previous report is not used: ${problem}`);
  const trendLength = outputs.trendLength ? { trendLength: outputs.trendLength } : {};
  const whole = previous?.status === 'found' && 'report' in previous ? previous.report : undefined;
  const compared =
    partial && whole
      ? mergePartialScan(whole, report, trendLength)
      : compareWithPrevious(
          report,
          previous?.status === 'found' ? baselineOf(previous) : undefined,
          trendLength,
        );
  if (partial && whole) scan.progress(`Partial scan merged into scan ${whole.scanId}.`);
  // Unread is not absent: a partial report in its place would make what it missed look deleted.
  const keepLatest = problem !== undefined && partial;
  if (keepLatest) scan.progress('latest.json is not moved: this partial scan cannot be merged into it.');
  scan.progress(
    `Evaluated ${compared.summary.applications} application(s): account score ${compared.score ?? '-'}` +
      (compared.changes
        ? `; ${compared.changes.counts.new} new, ${compared.changes.counts.resolved} resolved.`
        : '.'),
  );
  return {
    report: compared,
    ...(problem ? { previousReportProblem: problem } : {}),
    ...(keepLatest ? { keepLatest } : {}),
  };
}

// The CLI's --previous, already read whole.
function baselineOfRequest(previous: PreviousReport | undefined): PreviousBaseline | undefined {
  return previous?.status === 'found'
    ? { status: 'found', location: previous.location, baseline: comparisonBaseline(previous.report) }
    : previous;
}

function baselineOf(
  previous: Extract<PreviousBaseline | PreviousReport, { status: 'found' }>,
): ComparisonBaseline {
  return 'baseline' in previous ? previous.baseline : previous.report;
}

// Application ARNs only: the next scan reads them first wherever they are listed.
function notReachedBefore(previous: PreviousBaseline | undefined): string[] {
  if (previous?.status !== 'found') return [];
  return (previous.baseline.notReached?.applications ?? []).map((application) => application.applicationArn);
}

function problemOf(judged: Judged): { previousReportProblem?: string } {
  return judged.previousReportProblem ? { previousReportProblem: judged.previousReportProblem } : {};
}

/** A sortable scan id: the start time as compact ISO 8601, then 8 random hex digits. */
export function newScanId(startedAt: Date): string {
  const compact = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${compact}-${randomBytes(4).toString('hex')}`;
}
