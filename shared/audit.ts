import { randomBytes } from 'node:crypto';
import type { AlertMessage } from './alert/alert-message.js';
import { scanFailedAlert } from './alert/scan-alerts.js';
import { type AuditDelivery, auditDelivery } from './audit-delivery.js';
import type { ClientFactory } from './aws/clients.js';
import type { CallGovernor } from './aws/governor.js';
import { compareWithPrevious } from './changes/compare-with-previous.js';
import type { PreviousReport } from './changes/previous-report.js';
import type { Check, Severity } from './checks/types.js';
import { type CodeArtifactOptions, collectAccount } from './collect/collect-account.js';
import { deliverReport } from './deliver-report.js';
import { evaluateAccount } from './evaluate/evaluate-account.js';
import type { SecurityHubExportResult } from './publish/export-security-hub.js';
import { publishAlerts } from './publish/publish-alert.js';
import { readPreviousReport } from './publish/read-previous-report.js';
import type { ReportLocation } from './publish/write-report.js';
import { buildReport } from './report/build-report.js';
import type { AuditReport } from './report/types.js';
import type { AccountSnapshot } from './snapshot/types.js';
import { applySuppressions } from './suppressions/apply-suppressions.js';
import type { SuppressionSet } from './suppressions/types.js';

/** Where the account comes from: a snapshot given whole, or a live read through AWS clients. */
export type SnapshotSource =
  | { kind: 'snapshot'; snapshot: AccountSnapshot }
  | { kind: 'live'; clients: ClientFactory; governor?: CallGovernor; codeArtifacts?: CodeArtifactOptions };

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
  /** Set only when the alerts were published. */
  alertMessageIds?: string[];
  /** Why change tracking had no previous report to use, when one was looked for and not usable. */
  previousReportProblem?: string;
  /** Key of the live re-audit resource index, when it was written beside `latest.json`. */
  resourceIndexKey?: string;
  securityHub?: SecurityHubExportResult;
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
 * time rather than never. A dry run stops after the report. Misconfigured outputs fail before any
 * AWS call; a scan that fails after that is announced (SCAN_FAILED) when a topic is set, then
 * rethrown. Throws ScanFailedError (collection), PublishError (delivery), InvalidRequestError.
 */
export async function runAudit(
  request: AuditRequest,
  source: SnapshotSource,
  outputs: AuditOutputs = {},
  deps: AuditDependencies = {},
): Promise<AuditResult> {
  const clock = deps.clock ?? (() => new Date());
  const progress = deps.progress ?? (() => {});
  const delivery = request.dryRun ? undefined : auditDelivery(source, outputs);
  const startedAt = clock();
  const scanId = deps.newScanId?.() ?? newScanId(startedAt);
  let accountId: string | undefined = source.kind === 'snapshot' ? source.snapshot.accountId : undefined;
  try {
    const snapshot = await snapshotOf(request, source, outputs, progress, clock);
    accountId = snapshot.accountId;
    const report = await judge(request, snapshot, delivery, outputs, {
      scanId,
      startedAt,
      clock,
      progress,
      source: source.kind,
      ...(deps.checks ? { checks: deps.checks } : {}),
    });
    if (!delivery) {
      progress('Dry run: no report written, no alert sent.');
      return { report: report.report, snapshot, alerts: [], ...problemOf(report) };
    }
    return {
      ...(await deliverReport(report.report, delivery, outputs, progress, snapshot)),
      snapshot,
      ...problemOf(report),
    };
  } catch (error) {
    if (delivery?.alert) await announceFailure(delivery, error, accountId, scanId, progress);
    throw error;
  }
}

async function snapshotOf(
  request: AuditRequest,
  source: SnapshotSource,
  outputs: AuditOutputs,
  progress: (message: string) => void,
  clock: () => Date,
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
    progress,
    clock,
  });
}

interface Judged {
  report: AuditReport;
  previousReportProblem?: string;
}

/** Evaluates, mutes, builds the report and compares it with the previous one. */
async function judge(
  request: AuditRequest,
  snapshot: AccountSnapshot,
  delivery: AuditDelivery | undefined,
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
  const evaluated = evaluateAccount(
    snapshot,
    {
      ...(regions ? { regions } : {}),
      ...(request.applications ? { applications: request.applications } : {}),
    },
    scan.checks,
  );
  const muted = request.suppressions
    ? applySuppressions(evaluated, request.suppressions, scan.startedAt)
    : undefined;
  const collectionErrors = snapshot.collectionErrors ?? [];
  const built = buildReport(muted?.evaluation ?? evaluated, {
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    completedAt: scan.clock(),
    complete: collectionErrors.length === 0,
    source: scan.source,
    scope: { regions: request.regions, applications: request.applications },
    collectionErrors,
  });
  const report = muted ? { ...built, suppressions: muted.summary } : built;
  if (muted)
    scan.progress(
      `Suppressions: ${muted.summary.applied} finding(s) muted, ${muted.summary.expired.length} rule(s) expired.`,
    );

  const previous = delivery?.report
    ? await readPreviousReport(delivery.report.s3, delivery.report.target, snapshot.accountId)
    : request.previous;
  const problem = previous?.status === 'unusable' ? previous.reason : undefined;
  if (problem) scan.progress(`Change tracking: the previous report is not used: ${problem}`);
  const compared = compareWithPrevious(report, previous?.status === 'found' ? previous.report : undefined, {
    ...(outputs.trendLength ? { trendLength: outputs.trendLength } : {}),
  });
  scan.progress(
    `Evaluated ${compared.summary.applications} application(s): account score ${compared.score ?? '-'}` +
      (compared.changes
        ? `; ${compared.changes.counts.new} new, ${compared.changes.counts.resolved} resolved.`
        : '.'),
  );
  return { report: compared, ...(problem ? { previousReportProblem: problem } : {}) };
}

// Best effort: the scan's own error is what the caller must see, whether or not SNS takes this.
async function announceFailure(
  delivery: AuditDelivery,
  error: unknown,
  accountId: string | undefined,
  scanId: string,
  progress: (message: string) => void,
): Promise<void> {
  if (!delivery.alert) return;
  try {
    await publishAlerts(delivery.alert.sns, delivery.alert.topicArn, [
      scanFailedAlert(error, accountId, scanId),
    ]);
    progress(`SCAN_FAILED alert published to ${delivery.alert.topicArn}.`);
  } catch (publishError) {
    progress(
      `Could not publish the SCAN_FAILED alert: ${publishError instanceof Error ? publishError.message : String(publishError)}`,
    );
  }
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
