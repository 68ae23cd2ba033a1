import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { parseArn } from '../../shared/arn.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import { InvalidRequestError } from '../../shared/errors.js';
import type { aggregateOrganization } from '../../shared/organization/aggregate.js';
import type { organizationAlert } from '../../shared/organization/organization-alert.js';
import type { readMapResults } from '../../shared/organization/read-map-results.js';
import {
  organizationLedgerTarget,
  type writeOrganizationReport,
} from '../../shared/organization/write-organization-report.js';
import { s3AlertLedger } from '../../shared/publish/alert-ledger.js';
import type { publishAlerts } from '../../shared/publish/publish-alert.js';
import { parseAggregateInput } from './aggregate-input.js';
import type { OrgAggregateConfig } from './config.js';
import { readMapOutcome } from './map-outcome.js';

/** What the Aggregate step returns: the execution's output. */
export interface OrgAggregateOutput {
  orgScanId: string;
  /** s3:// URI of the organisation report. */
  reportUri: string;
  /** Accounts in the report (scanned, partial or failed). */
  accounts: number;
  /** Targets (account × region) with an outcome. */
  targets: number;
  failedTargets: number;
  alertSent: boolean;
}

/** The organisation library functions the handler calls, injected so tests can replace any of them. */
export interface OrganizationLibrary {
  readMapResults: typeof readMapResults;
  aggregateOrganization: typeof aggregateOrganization;
  writeOrganizationReport: typeof writeOrganizationReport;
  organizationAlert: typeof organizationAlert;
  publishAlerts: typeof publishAlerts;
}

/** Everything the aggregation function uses from outside, injected so tests need no AWS and no environment. */
export interface OrgAggregateHandlerDependencies {
  config: OrgAggregateConfig;
  clients: ClientFactory;
  library: OrganizationLibrary;
  logger: Logger;
  metrics: Metrics;
  clock?: () => Date;
}

/**
 * Builds the aggregation function: reads what the Map recorded (or, when it failed, whatever it
 * wrote), writes the organisation report, publishes the one organisation alert when there is
 * something to act on, and returns a summary. Targets without an outcome are reported failed.
 */
export function createHandler(deps: OrgAggregateHandlerDependencies) {
  const { config, logger, metrics, library } = deps;
  const clock = deps.clock ?? (() => new Date());
  const s3 = () => deps.clients.s3(config.region);

  async function aggregate(event: unknown, _context: Context): Promise<OrgAggregateOutput> {
    const input = parseAggregateInput(event);
    const { targets: run } = input;
    logger.info('Organisation aggregation starting', {
      orgScanId: run.orgScanId,
      targetCount: run.targetCount,
      ...(input.mapError ? { mapError: input.mapError } : {}),
    });
    const outcome = await readMapOutcome(s3(), input, library.readMapResults);
    const report = library.aggregateOrganization({
      orgScanId: run.orgScanId,
      ...(run.organizationId ? { organizationId: run.organizationId } : {}),
      startedAt: new Date(run.startedAt),
      completedAt: clock(),
      results: outcome.results,
      failedItems: outcome.failedItems,
      skipped: run.skipped,
      targets: outcome.targets,
      ...(input.mapError ? { mapError: { error: input.mapError.Error, cause: input.mapError.Cause } } : {}),
    });
    const target = { bucket: config.reportBucket, prefix: config.reportPrefix };
    const location = await library.writeOrganizationReport(s3(), target, report);
    logger.info('Organisation report written', { reportUri: location.uri });

    const alert = library.organizationAlert(report, {
      threshold: config.alertThreshold,
      scoreDrop: config.scoreDrop,
      reportLocation: location.uri,
    });
    let alertSent = false;
    if (alert && config.topicArn) {
      // A retried Aggregate step is the same organisation scan: its alert goes out once.
      const published = await library.publishAlerts(
        deps.clients.sns(topicRegion(config.topicArn)),
        config.topicArn,
        [alert],
        { scanKey: `org:${report.orgScanId}`, ledger: s3AlertLedger(s3(), organizationLedgerTarget(target)) },
      );
      for (const problem of published.ledgerProblems) logger.warn('Alert idempotency', { problem });
      if (published.alreadySent.length > 0)
        logger.info('Organisation alert already sent by an earlier attempt');
      alertSent = published.messageIds.length > 0;
    }

    const output: OrgAggregateOutput = {
      orgScanId: report.orgScanId,
      reportUri: location.uri,
      accounts: report.accounts.length,
      targets: report.totals.targets.total,
      failedTargets: report.failedTargets.length,
      alertSent,
    };
    metrics.addMetadata('orgScanId', report.orgScanId);
    metrics.addMetric('OrganizationTargetsFailed', MetricUnit.Count, output.failedTargets);
    metrics.addMetric('OrganizationAlertsSent', MetricUnit.Count, alertSent ? 1 : 0);
    if (report.score !== null) metrics.addMetric('OrganizationScore', MetricUnit.NoUnit, report.score);
    logger.info('Organisation scan finished', { ...output, alertDecided: alert !== undefined });
    return output;
  }

  return middy<unknown, OrgAggregateOutput>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .onError(function logFailure(request) {
      const problems = request.error instanceof InvalidRequestError ? request.error.problems : undefined;
      logger.error('Organisation aggregation failed', {
        error: request.error ?? undefined,
        ...(problems ? { problems } : {}),
      });
    })
    .handler(aggregate);
}

// SNS must be called in the topic's own region, which the ARN names (validated by the config).
function topicRegion(topicArn: string): string {
  return parseArn(topicArn)?.region ?? '';
}
