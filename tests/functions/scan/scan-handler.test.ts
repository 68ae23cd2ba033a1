import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createHandler, summarize } from '../../../functions/scan/scan-handler.js';
import type { runAudit } from '../../../shared/audit.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { MemoryArtifactScanCache } from '../../../shared/collect/artifact-scan-cache.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import type { SuppressionSet } from '../../../shared/suppressions/types.js';
import { scanConfig } from '../../support/scan-config.js';
import { auditReport, auditResult } from './audit-result.js';

const CONFIG = scanConfig({ scanRegions: ['eu-west-1', 'us-east-1'] });

const CONTEXT: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'kda-auditor-scan',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:kda-auditor-scan',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/kda-auditor-scan',
  logStreamName: '2026/11/29/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 900_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};
// Lambda keeps the request id across the retries of an asynchronous invocation.
const REQUEST_KEY = `lambda:${CONTEXT.awsRequestId}`;

// 900 s left at the first tick (02:00:00): reads stop 90 s (a tenth, above the 30 s margin) before the end.
const DEADLINE = new Date('2026-11-29T02:13:30.000Z');

/** A handler around a fake runAudit, with silent logs and metrics captured instead of printed. */
function harness(
  result = auditResult({ written: true, alerted: true }),
  suppressions: SuppressionSet | undefined = undefined,
) {
  const clients = createClientFactory({ env: {} });
  const audit = vi.fn<typeof runAudit>(async () => result);
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  const times = [Date.parse('2026-11-29T02:00:00Z'), Date.parse('2026-11-29T02:00:04.250Z')];
  let tick = 0;
  const clock = () => new Date(times[Math.min(tick++, times.length - 1)] ?? 0);
  const logger = new Logger({ serviceName: 'kda-auditor', logLevel: 'SILENT' });
  const logError = vi.spyOn(logger, 'error');
  const artifactCache = new MemoryArtifactScanCache();
  const handler = createHandler({
    config: CONFIG,
    clients,
    runAudit: audit,
    logger,
    metrics,
    clock,
    artifactCache,
    loadSuppressions: async () => suppressions,
  });
  return { handler, audit, clients, addMetric, logError, artifactCache };
}

const OUTPUTS = {
  region: 'eu-west-1',
  reportBucket: 'kda-auditor-reports',
  reportPrefix: 'reports',
  topicArn: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
  alertThreshold: 'high',
  scoreDrop: 10,
  trendLength: 30,
  securityHub: false,
};

const WRITTEN_SUMMARY = {
  scanId: '20261129T020000Z-0a1b2c3d',
  accountId: '111122223333',
  score: 62,
  grade: 'D',
  applications: 2,
  failures: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
  errors: 1,
  complete: true,
  reportLocation: {
    bucket: 'kda-auditor-reports',
    key: 'reports/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d.json',
    markdownKey: 'reports/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d.md',
    htmlKey: 'reports/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d.html',
    latestKey: 'reports/111122223333/latest.json',
    uri: 's3://kda-auditor-reports/reports/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d.json',
  },
  alertSent: true,
  dryRun: false,
};

describe('Function: createHandler', () => {
  it('runs a scheduled scan over the configured regions and returns the summary', async () => {
    // Prepare
    const { handler, audit, clients, artifactCache } = harness();

    // Act
    const summary = await handler({ trigger: 'schedule' }, CONTEXT);

    // Assess
    expect(audit).toHaveBeenCalledWith(
      { regions: ['eu-west-1', 'us-east-1'], dryRun: false, idempotencyKey: REQUEST_KEY },
      {
        kind: 'live',
        clients,
        codeArtifacts: {
          maxBytes: 64 * 1024 * 1024,
          maxBytesInFlight: 128 * 1024 * 1024,
          cache: artifactCache,
        },
        deadline: DEADLINE,
      },
      { clients, ...OUTPUTS, updateLatest: true },
      { clock: expect.any(Function), progress: expect.any(Function) },
    );
    expect(summary).toEqual({ ...WRITTEN_SUMMARY, trigger: 'schedule' });
  });

  it('reads the suppression rules at each invocation and hands them to the audit', async () => {
    // Prepare
    const suppressions: SuppressionSet = {
      source: 's3://kda-auditor-reports/reports/suppressions.yaml',
      rules: [],
    };
    const { handler, audit } = harness(auditResult(), suppressions);

    // Act
    await handler({ trigger: 'schedule' }, CONTEXT);

    // Assess
    expect(audit.mock.calls[0]?.[0]).toEqual({
      regions: ['eu-west-1', 'us-east-1'],
      dryRun: false,
      suppressions,
      idempotencyKey: REQUEST_KEY,
    });
  });

  it('runs an on-demand scan of the regions and applications asked for', async () => {
    // Prepare
    const { handler, audit, clients, artifactCache } = harness();

    // Act
    const summary = await handler({ regions: 'all', applications: ['payments-aggregator'] }, CONTEXT);

    // Assess
    expect(audit).toHaveBeenCalledWith(
      { regions: 'all', applications: ['payments-aggregator'], dryRun: false, idempotencyKey: REQUEST_KEY },
      {
        kind: 'live',
        clients,
        codeArtifacts: {
          maxBytes: 64 * 1024 * 1024,
          maxBytesInFlight: 128 * 1024 * 1024,
          cache: artifactCache,
        },
        deadline: DEADLINE,
      },
      // Narrower than the scheduled scope: it must not become the next scan's baseline.
      { clients, ...OUTPUTS, updateLatest: false },
      { clock: expect.any(Function), progress: expect.any(Function) },
    );
    expect(summary).toEqual({ ...WRITTEN_SUMMARY, trigger: 'on-demand' });
  });

  it('returns the report itself on a dry run, with nothing written or sent', async () => {
    // Prepare
    const result = auditResult();
    const { handler, audit } = harness(result);

    // Act
    const summary = await handler({ dryRun: true }, CONTEXT);

    // Assess
    expect(audit.mock.calls[0]?.[0]).toEqual({
      regions: ['eu-west-1', 'us-east-1'],
      dryRun: true,
      idempotencyKey: REQUEST_KEY,
    });
    expect(summary).toEqual({
      scanId: '20261129T020000Z-0a1b2c3d',
      trigger: 'on-demand',
      accountId: '111122223333',
      score: 62,
      grade: 'D',
      applications: 2,
      failures: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
      errors: 1,
      complete: true,
      alertSent: false,
      dryRun: true,
      report: result.report,
    });
  });

  it('rejects an invalid payload with every problem, logged, and never starts the audit', async () => {
    // Prepare
    const { handler, audit, logError } = harness();
    const problems = [
      'regions.0: "mars-north-1x" is not a region name (expected e.g. eu-west-1)',
      'dryRun: must be true or false',
    ];

    // Act
    const invocation = handler({ regions: ['mars-north-1x'], dryRun: 'yes' }, CONTEXT);

    // Assess
    await expect(invocation).rejects.toThrow(new InvalidRequestError(problems));
    expect(audit).not.toHaveBeenCalled();
    expect(logError).toHaveBeenCalledWith('Scan failed', {
      error: expect.any(InvalidRequestError),
      problems,
    });
  });

  it('emits the scan metrics', async () => {
    // Prepare
    const { handler, addMetric } = harness();

    // Act
    await handler({ trigger: 'schedule' }, CONTEXT);

    // Assess
    expect(addMetric.mock.calls.filter(([name]) => name !== 'ColdStart')).toEqual([
      ['ApplicationsScanned', 'Count', 2],
      ['FailedFindings', 'Count', 3],
      ['CriticalFindings', 'Count', 1],
      ['HighFindings', 'Count', 1],
      ['ErrorFindings', 'Count', 1],
      ['CollectionErrors', 'Count', 0],
      ['AlertsSent', 'Count', 1],
      ['ApplicationsNotReached', 'Count', 0],
      ['ScanDurationMs', 'Milliseconds', 4250],
      ['AccountScore', 'None', 62],
    ]);
  });

  it('reports a failed Security Hub export in the summary, the log and a metric, and still succeeds', async () => {
    // Prepare
    const problem = 'Could not import 3 findings into Security Hub (InvalidAccessException: not enabled).';
    const { handler, addMetric } = harness({
      ...auditResult({ written: true, alerted: true }),
      securityHubProblem: problem,
    });

    // Act
    const summary = await handler({ trigger: 'schedule' }, CONTEXT);

    // Assess
    expect(summary).toEqual({ ...WRITTEN_SUMMARY, trigger: 'schedule', securityHubProblem: problem });
    expect(addMetric).toHaveBeenCalledWith('SecurityHubExportFailures', 'Count', 1);
  });

  it('names a retried invocation as its first attempt, and counts the alerts that attempt had sent', async () => {
    // Prepare
    const { handler, audit } = harness({
      ...auditResult({ written: true }),
      alertMessageIds: [],
      alertsAlreadySent: ['a'.repeat(64), 'b'.repeat(64)],
    });
    const event = {
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    };

    // Act
    const summary = await handler(event, { ...CONTEXT, awsRequestId: 'another-delivery' });

    // Assess
    expect(audit.mock.calls[0]?.[0]).toEqual({
      regions: ['eu-west-1', 'us-east-1'],
      dryRun: false,
      idempotencyKey: 'event:6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    });
    expect(summary).toEqual({
      ...WRITTEN_SUMMARY,
      trigger: 'schedule',
      alertSent: false,
      alertsAlreadySent: 2,
    });
  });
});

describe('Function: summarize', () => {
  it('leaves out a dry-run report too large for a Lambda response', () => {
    // Prepare
    const huge = auditReport({
      collectionErrors: [
        { operation: 'kms:DescribeKey', code: 'AccessDenied', message: 'x'.repeat(5_000_001) },
      ],
    });

    // Act
    const summary = summarize(auditResult({ report: huge }), 'on-demand', true);

    // Assess
    expect(summary).toEqual({
      scanId: '20261129T020000Z-0a1b2c3d',
      trigger: 'on-demand',
      accountId: '111122223333',
      score: 62,
      grade: 'D',
      applications: 2,
      failures: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
      errors: 1,
      complete: true,
      alertSent: false,
      dryRun: true,
      reportOmitted: expect.stringMatching(
        /^The report \(\d+ bytes\) exceeds what Lambda can return; scan without dryRun to write it to S3, or use the CLI\.$/,
      ),
    });
  });
});
