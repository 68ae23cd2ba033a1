import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { newScanId } from '../../shared/audit.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import { PublishError } from '../../shared/errors.js';
import type { listScanTargets } from '../../shared/organization/list-scan-targets.js';
import type { SkippedAccount } from '../../shared/organization/types.js';
import { ORGANIZATION_TRIGGER, type ScanItem } from '../../shared/request/scan-request.js';
import type { OrgTargetsConfig } from './config.js';

/** What the ListTargets step returns; the state machine keeps it as `$.targets`. */
export interface OrgTargetsOutput {
  orgScanId: string;
  /** ISO 8601. */
  startedAt: string;
  organizationId?: string;
  /** The report bucket. */
  itemsBucket: string;
  /** `<reportPrefix>/organization/runs/<orgScanId>/targets.json`: the Map's items, a JSON array of ScanItem. */
  itemsKey: string;
  /** `<reportPrefix>/organization/runs/<orgScanId>`: where the Map's ResultWriter writes. */
  resultsPrefix: string;
  targetCount: number;
  skipped: SkippedAccount[];
  settings: { maxConcurrency: number; toleratedFailurePercentage: number };
}

/** Everything the targets function uses from outside, injected so tests need no AWS and no environment. */
export interface OrgTargetsHandlerDependencies {
  config: OrgTargetsConfig;
  clients: ClientFactory;
  /** Built apart from `clients` (shared/aws/organizations-client.ts): no other function needs it. */
  organizations: OrganizationsClient;
  listScanTargets: typeof listScanTargets;
  logger: Logger;
  metrics: Metrics;
  clock?: () => Date;
  newScanId?: (startedAt: Date) => string;
}

/** The key prefix, in the report bucket, of one organisation scan's working files. */
export function organizationRunPrefix(reportPrefix: string, orgScanId: string): string {
  return [reportPrefix, 'organization', 'runs', orgScanId].filter(Boolean).join('/');
}

/**
 * Builds the targets function: lists the organisation's account × region targets, writes them as
 * the Distributed Map's items (targets.json in the report bucket) and returns where they are, with
 * the Map's settings. Its input (`{"trigger":"schedule"}` or `{}`) only shows in the logs.
 */
export function createHandler(deps: OrgTargetsHandlerDependencies) {
  const { config, logger, metrics } = deps;
  const clock = deps.clock ?? (() => new Date());
  const scanIdOf = deps.newScanId ?? newScanId;

  async function listTargets(event: unknown, _context: Context): Promise<OrgTargetsOutput> {
    const started = clock();
    const orgScanId = scanIdOf(started);
    logger.info('Organisation scan starting', { orgScanId, trigger: triggerOf(event) });
    const { organizationId, targets, skipped } = await deps.listScanTargets({
      organizations: deps.organizations,
      ec2: deps.clients.ec2(config.region),
      orgScanId,
      regions: config.scanRegions,
      include: config.includeAccounts,
      exclude: config.excludeAccounts,
    });
    const resultsPrefix = organizationRunPrefix(config.reportPrefix, orgScanId);
    const itemsKey = `${resultsPrefix}/targets.json`;
    const items: ScanItem[] = targets.map((target) => ({ trigger: ORGANIZATION_TRIGGER, ...target }));
    await putItems(deps.clients, config, itemsKey, items);

    const accounts = new Set(targets.map((target) => target.accountId)).size;
    metrics.addMetadata('orgScanId', orgScanId);
    metrics.addMetric('OrganizationAccounts', MetricUnit.Count, accounts);
    metrics.addMetric('OrganizationTargets', MetricUnit.Count, targets.length);
    metrics.addMetric('OrganizationAccountsSkipped', MetricUnit.Count, skipped.length);
    logger.info('Organisation targets listed', { orgScanId, accounts, targets: targets.length, skipped });
    return {
      orgScanId,
      startedAt: started.toISOString(),
      ...(organizationId ? { organizationId } : {}),
      itemsBucket: config.reportBucket,
      itemsKey,
      resultsPrefix,
      targetCount: targets.length,
      skipped,
      settings: {
        maxConcurrency: config.maxConcurrency,
        toleratedFailurePercentage: config.toleratedFailurePercentage,
      },
    };
  }

  return middy<unknown, OrgTargetsOutput>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .onError(function logFailure(request) {
      logger.error('Listing the organisation targets failed', { error: request.error ?? undefined });
    })
    .handler(listTargets);
}

async function putItems(
  clients: ClientFactory,
  config: OrgTargetsConfig,
  key: string,
  items: readonly ScanItem[],
): Promise<void> {
  try {
    await clients.s3(config.region).send(
      new PutObjectCommand({
        Bucket: config.reportBucket,
        Key: key,
        Body: JSON.stringify(items),
        ContentType: 'application/json',
      }),
    );
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new PublishError(
      `Could not write the organisation scan's targets to s3://${config.reportBucket}/${key} (${reason}): ` +
        "grant the targets function's role s3:PutObject on the report bucket, then start the state machine again.",
      { cause: error },
    );
  }
}

function triggerOf(event: unknown): string {
  if (typeof event === 'object' && event !== null && 'trigger' in event && typeof event.trigger === 'string')
    return event.trigger;
  return 'manual';
}
