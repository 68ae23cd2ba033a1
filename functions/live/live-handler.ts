import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type { ArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import type { ReauditResult, runReaudit } from '../../shared/live/run-reaudit.js';
import type { CloudTrailChangeEvent, ReauditPlan } from '../../shared/live/types.js';
import type { ReportLocation } from '../../shared/publish/write-report.js';
import type { Grade } from '../../shared/score/score.js';
import type { SuppressionSet } from '../../shared/suppressions/types.js';
import { codeArtifactSettings, deliverySettings } from '../scan/audit-settings.js';
import type { ScanConfig } from '../scan/config.js';
import { scanDeadline } from '../scan/time-limit.js';
import { burstKey } from './burst-key.js';
import { readLiveEvents } from './live-events.js';

/** What the live function did with one invocation (an SQS batch or one direct event). */
export interface LiveSummary {
  /** `dropped`: no event of the invocation was a change event worth mapping. */
  status: ReauditResult['status'] | 'dropped';
  delivery: 'sqs' | 'direct';
  /** Records (or the one direct event) received. */
  received: number;
  /** Dropped before mapping: not a change event, or a failed call. */
  dropped: number;
  /** Change events that affect nothing audited (or, without a baseline, every change event). */
  ignored: number;
  /** Applications re-audited, by ARN. */
  applications: string[];
  alertsSent: number;
  scanId?: string;
  score?: number | null;
  grade?: Grade | null;
  reportLocation?: ReportLocation;
  /** Why nothing could be re-audited (no full scan yet). */
  reason?: string;
  /** Planned applications the time limit left unjudged: they keep their previous verdicts. */
  notReached?: string[];
  /**
   * The SQS messages to deliver again (ReportBatchItemFailures): those whose events planned an
   * application not reached. Always present, empty when every message is done.
   */
  batchItemFailures: { itemIdentifier: string }[];
}

/** Everything the handler uses from outside, injected so tests need no AWS and no environment. */
export interface LiveHandlerDependencies {
  config: ScanConfig;
  clients: ClientFactory;
  runReaudit: typeof runReaudit;
  /** The suppression rules in force, read at each re-audit (undefined: none). */
  loadSuppressions: () => Promise<SuppressionSet | undefined>;
  logger: Logger;
  metrics: Metrics;
  /** Code scan results kept between invocations (the report bucket in production). */
  artifactCache?: ArtifactScanCache;
  clock?: () => Date;
}

/**
 * Builds the live function: reads the batch, drops what can never matter, re-audits the
 * applications the remaining events can affect in one run (a burst coalesces), emits metrics and
 * returns a summary. A failed re-audit throws, so SQS retries the batch and then dead-letters it.
 * Reads stop at the invocation's time limit less the margin (as a scan's, but at most half the time
 * left): the messages whose applications were not reached are returned as batch item failures, so
 * SQS delivers them again.
 */
export function createLiveHandler(deps: LiveHandlerDependencies) {
  const { config, logger, metrics } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function reaudit(payload: unknown, context: Context): Promise<LiveSummary> {
    const startedAt = clock();
    const started = startedAt.getTime();
    const remaining = context.getRemainingTimeInMillis();
    const deadline = scanDeadline(remaining, startedAt, liveMarginSeconds(config, remaining));
    const { delivery, received, events, messageIds, dropped } = readLiveEvents(payload);
    metrics.addMetric('EventsReceived', MetricUnit.Count, received);
    // Event bodies are never logged: request parameters may carry an application's properties.
    for (const drop of dropped) logger.warn('Event dropped', { ...drop });
    const base = { delivery, received, dropped: dropped.length };
    if (events.length === 0) {
      metrics.addMetric('EventsIgnored', MetricUnit.Count, dropped.length);
      logger.info('Nothing to re-audit', { ...base });
      return {
        ...base,
        status: 'dropped',
        ignored: 0,
        applications: [],
        alertsSent: 0,
        batchItemFailures: [],
      };
    }

    logger.info('Re-audit starting', { ...base, events: events.map(eventName) });
    // Read at each invocation: a malformed file fails now (and the batch is retried), naming its lines.
    const suppressions = await deps.loadSuppressions();
    const result = await deps.runReaudit(events, {
      clients: deps.clients,
      ...deliverySettings(config),
      ...(suppressions ? { suppressions } : {}),
      codeArtifacts: codeArtifactSettings(config, deps.artifactCache),
      deadline,
      idempotencyKey: burstKey(events, context),
      clock,
      progress: (message) => logger.info(message),
    });
    const summary = summarize(result, base, events.length, messageIds);
    metrics.addMetric('EventsIgnored', MetricUnit.Count, summary.dropped + summary.ignored);
    metrics.addMetric('ApplicationsReaudited', MetricUnit.Count, summary.applications.length);
    metrics.addMetric('ApplicationsNotReached', MetricUnit.Count, summary.notReached?.length ?? 0);
    metrics.addMetric('AlertsSent', MetricUnit.Count, summary.alertsSent);
    metrics.addMetric('ReauditDurationMs', MetricUnit.Milliseconds, clock().getTime() - started);
    if (result.status === 'no-baseline') {
      logger.warn('No baseline to re-audit against: run a full scan first', { ...summary });
    } else if (summary.notReached) {
      // A direct event cannot come back: the next nightly scan judges what it would have.
      logger.warn('Time limit: applications not reached keep their previous verdicts', {
        ...summary,
        plan: planLog(result.plan),
        retried: delivery === 'sqs' ? 'the listed messages come back' : 'no (direct event)',
      });
    } else {
      logger.info('Re-audit finished', { ...summary, plan: planLog(result.plan) });
    }
    return summary;
  }

  return middy<unknown, LiveSummary>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .onError(function logFailure(request) {
      // The error still fails the invocation: SQS makes the batch visible again, then dead-letters it.
      logger.error('Re-audit failed', { error: request.error ?? undefined });
    })
    .handler(reaudit);
}

// The margin is the scan's (up to 600 s) but this function runs 300 s: uncapped, a margin at or above
// the timeout starts no read, and every message would end in the dead-letter queue unjudged.
const LIVE_MARGIN_SHARE = 0.5;

/** The scan's time limit margin, capped at half the invocation's remaining time. */
function liveMarginSeconds(config: ScanConfig, remainingMillis: number): number {
  return Math.min(config.timeLimitMarginSeconds, (remainingMillis * LIVE_MARGIN_SHARE) / 1000);
}

function summarize(
  result: ReauditResult,
  base: Pick<LiveSummary, 'delivery' | 'received' | 'dropped'>,
  changeEvents: number,
  messageIds: readonly string[],
): LiveSummary {
  if (result.status === 'no-baseline') {
    return {
      ...base,
      status: result.status,
      ignored: changeEvents,
      applications: [],
      alertsSent: 0,
      reason: result.reason,
      batchItemFailures: [],
    };
  }
  const summary = { ...base, ignored: result.plan.ignored };
  if (result.status === 'ignored')
    return { ...summary, status: 'ignored', applications: [], alertsSent: 0, batchItemFailures: [] };
  const missed = result.notReached;
  const retry = {
    ...(missed ? { notReached: missed.applications } : {}),
    batchItemFailures: (missed?.events ?? [])
      .flatMap((position) => messageIds[position] ?? [])
      .map((itemIdentifier) => ({ itemIdentifier })),
  };
  if (result.status === 'not-reached')
    return { ...summary, status: 'not-reached', applications: [], alertsSent: 0, ...retry };
  return {
    ...summary,
    status: 'reaudited',
    // The merge records what the re-audit judged: the planned applications less those not reached.
    applications: result.report.reaudit?.applications ?? [],
    alertsSent: result.alertMessageIds?.length ?? 0,
    scanId: result.report.scanId,
    score: result.report.score,
    grade: result.report.grade,
    reportLocation: result.reportLocation,
    ...retry,
  };
}

/** The plan as logged: each application with its reasons, and why each ignored event was ignored. */
function planLog(plan: ReauditPlan) {
  return { regions: plan.regions, ignoredReasons: plan.ignoredReasons };
}

function eventName(event: CloudTrailChangeEvent): string {
  return `${event.detail.eventSource.split('.')[0]}:${event.detail.eventName}@${event.detail.awsRegion ?? event.region}`;
}
