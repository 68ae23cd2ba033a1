import type { AlertMessage } from '../alert/alert-message.js';
import { type AuditOutputs, runAudit, type SnapshotSource } from '../audit.js';
import { auditDelivery } from '../audit-delivery.js';
import type { ClientFactory } from '../aws/clients.js';
import type { Severity } from '../checks/types.js';
import type { CodeArtifactOptions } from '../collect/collect-account.js';
import { deliverReport } from '../deliver-report.js';
import { InvalidRequestError } from '../errors.js';
import { readPreviousReport } from '../publish/read-previous-report.js';
import { readResourceIndex, resourceIndexKey, writeResourceIndex } from '../publish/resource-index-store.js';
import type { ReportLocation } from '../publish/write-report.js';
import type { AuditReport } from '../report/types.js';
import type { CollectionError } from '../snapshot/types.js';
import type { SuppressionSet } from '../suppressions/types.js';
import { coalesce } from './coalesce.js';
import { mergeReaudit, settledApplications } from './merge-reaudit.js';
import { mergeResourceIndex } from './merge-resource-index.js';
import { notReachedOf } from './merged-gaps.js';
import { resourceIndex } from './resource-index.js';
import type { CloudTrailChangeEvent, ReauditPlan } from './types.js';

/** Where a live re-audit reads the account and its baseline, and where it delivers. */
export interface ReauditOptions {
  /** Live reads of the account and the outputs. */
  clients: ClientFactory;
  /** The auditor's region: report bucket, STS. */
  region: string;
  reportBucket: string;
  reportPrefix: string;
  topicArn?: string;
  alertThreshold?: Severity;
  scoreDrop?: number;
  trendLength?: number;
  suppressions?: SuppressionSet;
  codeArtifacts?: CodeArtifactOptions;
  /**
   * No read of the account starts after this instant (the invocation's time limit less a margin):
   * planned applications not reached keep their previous verdicts and are returned, with the events
   * that planned them, so those events can come back (docs/live-reaudit.md, "Time limit").
   */
  deadline?: Date;
  /**
   * Names the burst across its redeliveries: every attempt gives its alerts the same idempotency
   * keys and skips those an earlier attempt sent (docs/alerts.md, "Idempotency").
   */
  idempotencyKey?: string;
  clock?: () => Date;
  newScanId?: () => string;
  progress?: (message: string) => void;
}

/** Planned applications the time limit left unjudged, and the events that planned them (to retry). */
export interface ReauditNotReached {
  applications: string[];
  /** Positions, in the events given to runReaudit, of those that planned an application not reached. */
  events: number[];
}

/** What a burst of change events led to. */
export type ReauditResult =
  | {
      status: 'reaudited';
      plan: ReauditPlan;
      report: AuditReport;
      reportLocation: ReportLocation;
      alerts: AlertMessage[];
      alertMessageIds?: string[];
      /** Present when the time limit left some planned applications unjudged. */
      notReached?: ReauditNotReached;
    }
  /** The time limit came before any planned application was judged: nothing written. */
  | { status: 'not-reached'; plan: ReauditPlan; notReached: ReauditNotReached }
  /** Nothing audited is affected. */
  | { status: 'ignored'; plan: ReauditPlan }
  /** No full scan (index or latest.json) yet, or one that cannot be used. */
  | { status: 'no-baseline'; reason: string; events: number };

// runAudit's own dry-run notice: true of the audit step, misleading in a re-audit's log.
const DRY_RUN_NOTICE = 'Dry run: no report written, no alert sent.';

/**
 * Re-audits the applications a burst of CloudTrail change events can affect and merges them into
 * the account's `latest.json`: index → plan (nothing affected: dropped, no read of the account) →
 * latest.json → audit of the planned applications → merge → dated report, alerts decided on the
 * merged report, `latest.json` → updated index. Events of another account than the first event's
 * are ignored by the plan. Past `deadline` no read starts: applications not reached keep their
 * previous verdicts and are returned with the events to retry (nothing is written when none was
 * judged). A failure throws (InvalidRequestError, ScanFailedError, PublishError) and
 * announces nothing: the queue retries the burst, then dead-letters it.
 */
export async function runReaudit(
  events: readonly CloudTrailChangeEvent[],
  options: ReauditOptions,
): Promise<ReauditResult> {
  const progress = options.progress ?? (() => {});
  const outputs = outputsOf(options);
  const source: SnapshotSource = {
    kind: 'live',
    clients: options.clients,
    ...(options.codeArtifacts ? { codeArtifacts: options.codeArtifacts } : {}),
    ...(options.deadline ? { deadline: options.deadline } : {}),
  };
  // Misconfigured outputs fail before any read, as a full scan does.
  const delivery = auditDelivery(source, outputs);
  const store = delivery.report;
  if (!store)
    throw new InvalidRequestError(['reportBucket is required: the re-audit merges into its latest.json']);
  const accountId = events[0]?.account;
  if (!accountId)
    return { status: 'ignored', plan: { regions: [], events: 0, ignored: 0, ignoredReasons: [] } };

  const stored = await readResourceIndex(store.s3, store.target, accountId);
  if (stored.status !== 'found') {
    const where = `s3://${store.target.bucket}/${resourceIndexKey(store.target.prefix, accountId)}`;
    const reason =
      stored.status === 'missing'
        ? `No resource index at ${where} yet: run a full scan of account ${accountId} first; live re-audits start from it.`
        : stored.reason;
    return noBaseline(reason, events, progress);
  }
  const plan = coalesce(events, stored.index);
  const planned = plan.regions.flatMap((region) => region.applications.map((entry) => entry.applicationArn));
  if (planned.length === 0) {
    progress(`Re-audit: ${plan.events} event(s), none affects an audited application.`);
    return { status: 'ignored', plan };
  }
  const latest = await readPreviousReport(store.s3, store.target, accountId);
  if (latest.status !== 'found') {
    const reason =
      latest.status === 'none'
        ? `No report at ${latest.location} yet: run a full scan of account ${accountId} first; live re-audits merge into it.`
        : latest.reason;
    return noBaseline(reason, events, progress);
  }

  progress(`Re-audit: ${planned.length} application(s) affected by ${plan.events} event(s).`);
  const audited = await runAudit(
    {
      dryRun: true,
      regions: plan.regions.map((entry) => entry.region),
      applications: planned,
      ...(options.suppressions ? { suppressions: options.suppressions } : {}),
    },
    source,
    { region: options.region },
    {
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.newScanId ? { newScanId: options.newScanId } : {}),
      progress: (message) => {
        if (message !== DRY_RUN_NOTICE) progress(message);
      },
    },
  );
  // Computed once: the merge, the index update and the retry all follow the same misses.
  const missed = notReachedOf(audited.report, planned);
  const notReached = missed.length > 0 ? retryOf(missed, plan) : undefined;
  if (notReached) {
    progress(
      `Re-audit: time limit, ${missed.length} application(s) not reached keep their previous verdicts; ` +
        `${notReached.events.length} event(s) to retry.`,
    );
  }
  // Nothing judged: writing would only move latest.json to the same verdicts under another scan id.
  if (notReached && missed.length === planned.length) return { status: 'not-reached', plan, notReached };
  const report = mergeReaudit(latest.report, audited.report, planned, {
    ...(options.trendLength ? { trendLength: options.trendLength } : {}),
    reasons: plan.regions.flatMap((region) => region.applications.flatMap((entry) => entry.reasons)),
    events: plan.events,
    missed,
  });
  progress(`Re-audit merged into scan ${latest.report.scanId}: account score ${report.score ?? '-'}.`);
  // The baseline's gaps were announced by its own scan: only a read failing anew is news.
  const delivered = await deliverReport(report, delivery, outputs, progress, undefined, {
    withholdAlerts: newGaps(audited.report, latest.report) ? [] : ['SCAN_INCOMPLETE'],
    ...(options.idempotencyKey ? { scanKey: options.idempotencyKey } : {}),
  });
  const index = mergeResourceIndex(
    stored.index,
    resourceIndex(audited.report, audited.snapshot),
    settledApplications(audited.report, planned, missed),
    report.scanId,
  );
  await writeResourceIndex(store.s3, store.target, index);
  const { reportLocation, alerts, alertMessageIds } = delivered;
  // Unreachable with a report bucket: writeReport returns the location or throws.
  if (!reportLocation) throw new InvalidRequestError(['the re-audit report was not written']);
  return {
    status: 'reaudited',
    plan,
    report,
    reportLocation,
    alerts,
    ...(alertMessageIds ? { alertMessageIds } : {}),
    ...(notReached ? { notReached } : {}),
  };
}

// The events that planned an application not reached: retried, they plan it again.
function retryOf(missed: readonly string[], plan: ReauditPlan): ReauditNotReached {
  const unjudged = new Set(missed);
  const positions = new Set<number>();
  for (const region of plan.regions) {
    for (const planned of region.applications) {
      if (unjudged.has(planned.applicationArn))
        for (const position of planned.events) positions.add(position);
    }
  }
  return { applications: [...missed], events: [...positions].sort((a, b) => a - b) };
}

/** Whether the re-audit failed a read that the baseline did not (same operation, resource, region, code). */
function newGaps(reaudit: AuditReport, latest: AuditReport): boolean {
  const known = new Set(latest.collectionErrors.map(gapOf));
  return reaudit.collectionErrors.some((error) => !known.has(gapOf(error)));
}

function gapOf(error: CollectionError): string {
  return JSON.stringify([error.operation, error.resource, error.region, error.code]);
}

function outputsOf(options: ReauditOptions): AuditOutputs {
  return {
    clients: options.clients,
    region: options.region,
    reportBucket: options.reportBucket,
    reportPrefix: options.reportPrefix,
    ...(options.topicArn ? { topicArn: options.topicArn } : {}),
    ...(options.alertThreshold ? { alertThreshold: options.alertThreshold } : {}),
    ...(options.scoreDrop !== undefined ? { scoreDrop: options.scoreDrop } : {}),
    ...(options.trendLength !== undefined ? { trendLength: options.trendLength } : {}),
  };
}

function noBaseline(
  reason: string,
  events: readonly CloudTrailChangeEvent[],
  progress: (message: string) => void,
): ReauditResult {
  progress(`Re-audit skipped: ${reason}`);
  return { status: 'no-baseline', reason, events: events.length };
}
