import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Context } from 'aws-lambda';
import { parseArn } from '../../shared/arn.js';
import type { AuditResult, runAudit } from '../../shared/audit.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import { memberCredentials } from '../../shared/aws/member-credentials.js';
import type { PreviousReport } from '../../shared/changes/previous-report.js';
import type { Severity } from '../../shared/checks/types.js';
import type { ArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { InvalidRequestError } from '../../shared/errors.js';
import { scanMemberTarget } from '../../shared/organization/scan-member.js';
import type { MemberScanResult } from '../../shared/organization/types.js';
import { readPreviousReport } from '../../shared/publish/read-previous-report.js';
import type { ReportLocation } from '../../shared/publish/write-report.js';
import type { AuditReport } from '../../shared/report/types.js';
import { parseScanEvent, type ScanRequest, type Trigger } from '../../shared/request/scan-request.js';
import type { Grade } from '../../shared/score/score.js';
import type { SuppressionSet } from '../../shared/suppressions/types.js';
import { codeArtifactSettings, deliverySettings } from './audit-settings.js';
import type { ScanConfig } from './config.js';
import { continuationRequest } from './continuation.js';
import { invocationKey } from './invocation-key.js';
import { organizationItemScanner } from './organization-item.js';
import { scanDeadline } from './time-limit.js';

/** What the scan function returns: enough to act on without opening the report. */
export interface ScanSummary {
  scanId: string;
  trigger: Trigger;
  accountId: string;
  score: number | null;
  grade: Grade | null;
  applications: number;
  failures: Record<Severity, number>;
  /** Findings that could not be decided (unknown is never compliant). */
  errors: number;
  /** False when collection could not read everything. */
  complete: boolean;
  /** Applications the time limit left unjudged (report.notReached); absent when none. */
  notReached?: number;
  reportLocation?: ReportLocation;
  alertSent: boolean;
  /** Alerts an earlier attempt of this invocation had sent, so not sent again (a Lambda retry). */
  alertsAlreadySent?: number;
  /** Why the Security Hub export failed; the report and alerts were delivered all the same. */
  securityHubProblem?: string;
  dryRun: boolean;
  /** The whole report, on dry runs only (nothing is written to S3 then). */
  report?: AuditReport;
  /** Why `report` is missing from a dry run's summary. */
  reportOmitted?: string;
}

/** Everything the handler uses from outside, injected so tests need no AWS and no environment. */
export interface ScanHandlerDependencies {
  config: ScanConfig;
  clients: ClientFactory;
  runAudit: typeof runAudit;
  logger: Logger;
  metrics: Metrics;
  /** Code scan results kept between invocations (the report bucket in production). */
  artifactCache?: ArtifactScanCache;
  /** The suppression rules in force, read at each invocation (undefined: none). */
  loadSuppressions: () => Promise<SuppressionSet | undefined>;
  clock?: () => Date;
  /** Scans one organisation item (default: shared/organization's); injected by tests. */
  scanMemberTarget?: typeof scanMemberTarget;
  /** Builds the member-role credential provider (default: shared/aws's); injected by tests. */
  memberCredentials?: typeof memberCredentials;
  /** Builds a member account's clients from its credentials (default: the SDK's endpoints); a sandbox's in tests. */
  memberClients?: (credentials: AwsCredentialIdentityProvider) => ClientFactory;
}

// Lambda rejects responses over 6 MB; keep a margin for the summary around the report.
const MAX_INLINE_REPORT_BYTES = 5_000_000;

/**
 * Builds the scan function: parses the payload (an invalid one throws InvalidRequestError and
 * nothing is written), runs the audit live against this account, emits metrics and returns a
 * summary. An organisation item (ORGANIZATION_MODE=Enabled) scans that account and region and
 * returns its MemberScanResult instead.
 */
export function createHandler(deps: ScanHandlerDependencies) {
  const { config, logger, metrics } = deps;
  const clock = deps.clock ?? (() => new Date());
  const scanOrganizationItem = organizationItemScanner({
    config,
    clients: deps.clients,
    runAudit: deps.runAudit,
    scanMemberTarget: deps.scanMemberTarget ?? scanMemberTarget,
    memberCredentials: deps.memberCredentials ?? memberCredentials,
    ...(deps.artifactCache ? { artifactCache: deps.artifactCache } : {}),
    ...(deps.memberClients ? { memberClients: deps.memberClients } : {}),
    clock,
    progress: (message) => logger.info(message),
  });

  async function scan(event: unknown, context: Context): Promise<ScanSummary | MemberScanResult> {
    const invocation = parseScanEvent(event);
    // Measured first: everything from here on (suppressions, a continuation's read) counts.
    const started = clock();
    const deadline = scanDeadline(context.getRemainingTimeInMillis(), started, config.timeLimitMarginSeconds);
    if (invocation.trigger === 'organization') {
      const { item } = invocation;
      logger.info('Organisation item starting', { ...item, stopReadingAt: deadline.toISOString() });
      const result = await scanOrganizationItem(item, await deps.loadSuppressions(), context, deadline);
      metrics.addMetadata('orgScanId', item.orgScanId);
      metrics.addMetric(
        result.status === 'scanned' ? 'OrganizationTargetsScanned' : 'OrganizationTargetsFailed',
        MetricUnit.Count,
        1,
      );
      if (result.status === 'scanned')
        metrics.addMetric('ApplicationsNotReached', MetricUnit.Count, result.notReached ?? 0);
      logger.info('Organisation item finished', { ...result });
      return result;
    }
    const request = invocation.request.continuation
      ? await continuationRequest(invocation.request, () => latestReport(context))
      : invocation.request;
    return scanAccount(invocation.trigger, request, invocationKey(event, context), { started, deadline });
  }

  // The function scans its own account: its id is in the function's ARN, no STS call needed.
  function latestReport(context: Context): Promise<PreviousReport> {
    const accountId = parseArn(context.invokedFunctionArn)?.accountId;
    // Lambda always gives it; without it the read would look for <prefix>//latest.json.
    if (!accountId) {
      throw new Error(
        `continuation: cannot tell the account from the function ARN "${context.invokedFunctionArn}"`,
      );
    }
    return readPreviousReport(
      deps.clients.s3(config.region),
      { bucket: config.reportBucket, prefix: config.reportPrefix },
      accountId,
    );
  }

  async function scanAccount(
    trigger: Trigger,
    request: ScanRequest,
    idempotencyKey: string,
    { started, deadline }: { started: Date; deadline: Date },
  ): Promise<ScanSummary> {
    const regions = request.regions ?? config.scanRegions;
    const dryRun = request.dryRun ?? false;
    logger.info('Scan starting', { trigger, regions, applications: request.applications ?? 'all', dryRun });

    // Read before the scan: a malformed file fails now, naming its lines, not after a long scan.
    const suppressions = await deps.loadSuppressions();
    // Only a scan of the whole scheduled scope may become the baseline the next scan compares with.
    const fullScope = !request.applications && sameRegions(regions, config.scanRegions);
    // A continuation is merged into latest.json (the rest of a partial scan), so it may move it.
    const updateLatest = fullScope || request.continuation === true;
    logger.info('Time limit', { stopReadingAt: deadline.toISOString() });
    const result = await deps.runAudit(
      {
        regions,
        ...(request.applications ? { applications: request.applications } : {}),
        dryRun,
        ...(suppressions ? { suppressions } : {}),
        idempotencyKey,
        ...(request.continuation ? { continuation: true } : {}),
      },
      {
        kind: 'live',
        clients: deps.clients,
        codeArtifacts: codeArtifactSettings(config, deps.artifactCache),
        deadline,
      },
      {
        clients: deps.clients,
        ...deliverySettings(config),
        updateLatest,
        securityHub: config.securityHubExport,
      },
      { clock, progress: (message) => logger.info(message) },
    );
    const summary = summarize(result, trigger, dryRun);
    recordMetrics(
      metrics,
      summary,
      clock().getTime() - started.getTime(),
      result.report.collectionErrors.length,
    );
    const { report: _report, ...logged } = summary;
    if (summary.securityHubProblem)
      logger.warn('Security Hub export failed', { problem: summary.securityHubProblem });
    logger.info('Scan finished', { ...logged });
    return summary;
  }

  return middy<unknown, ScanSummary | MemberScanResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .onError(function logFailure(request) {
      // Logged as structured JSON with the problems; the error still fails the invocation.
      const problems = request.error instanceof InvalidRequestError ? request.error.problems : undefined;
      logger.error('Scan failed', { error: request.error ?? undefined, ...(problems ? { problems } : {}) });
    })
    .handler(scan);
}

function sameRegions(asked: readonly string[] | 'all', scheduled: readonly string[] | 'all'): boolean {
  if (asked === 'all' || scheduled === 'all') return asked === scheduled;
  return asked.length === scheduled.length && asked.every((region) => scheduled.includes(region));
}

/** The summary the function returns for one audit. */
export function summarize(result: AuditResult, trigger: Trigger, dryRun: boolean): ScanSummary {
  const { report } = result;
  const summary: ScanSummary = {
    scanId: report.scanId,
    trigger,
    accountId: report.accountId,
    score: report.score,
    grade: report.grade,
    applications: report.summary.applications,
    failures: report.summary.failures,
    errors: report.summary.findings.ERROR,
    complete: report.complete,
    ...(report.notReached ? { notReached: report.notReached.applications.length } : {}),
    ...(result.reportLocation ? { reportLocation: result.reportLocation } : {}),
    alertSent: (result.alertMessageIds?.length ?? 0) > 0,
    ...(result.alertsAlreadySent ? { alertsAlreadySent: result.alertsAlreadySent.length } : {}),
    ...(result.securityHubProblem ? { securityHubProblem: result.securityHubProblem } : {}),
    dryRun,
  };
  if (!dryRun) return summary;
  const size = Buffer.byteLength(JSON.stringify(report));
  return size <= MAX_INLINE_REPORT_BYTES
    ? { ...summary, report }
    : {
        ...summary,
        reportOmitted: `The report (${size} bytes) exceeds what Lambda can return; scan without dryRun to write it to S3, or use the CLI.`,
      };
}

function recordMetrics(
  metrics: Metrics,
  summary: ScanSummary,
  durationMs: number,
  collectionErrors: number,
): void {
  const failed = Object.values(summary.failures).reduce((total, count) => total + count, 0);
  metrics.addMetadata('scanId', summary.scanId);
  metrics.addMetric('ApplicationsScanned', MetricUnit.Count, summary.applications);
  metrics.addMetric('FailedFindings', MetricUnit.Count, failed);
  metrics.addMetric('CriticalFindings', MetricUnit.Count, summary.failures.critical);
  metrics.addMetric('HighFindings', MetricUnit.Count, summary.failures.high);
  metrics.addMetric('ErrorFindings', MetricUnit.Count, summary.errors);
  metrics.addMetric('CollectionErrors', MetricUnit.Count, collectionErrors);
  metrics.addMetric('AlertsSent', MetricUnit.Count, summary.alertSent ? 1 : 0);
  metrics.addMetric('ApplicationsNotReached', MetricUnit.Count, summary.notReached ?? 0);
  // A failed export does not fail the invocation (docs/reliability.md, "Writes"): alarm on this.
  if (summary.securityHubProblem) metrics.addMetric('SecurityHubExportFailures', MetricUnit.Count, 1);
  metrics.addMetric('ScanDurationMs', MetricUnit.Milliseconds, durationMs);
  if (summary.score !== null) metrics.addMetric('AccountScore', MetricUnit.NoUnit, summary.score);
}
