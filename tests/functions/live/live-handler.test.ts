import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import { createLiveHandler } from '../../../functions/live/live-handler.js';
import { readScanConfig } from '../../../functions/scan/config.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { MemoryArtifactScanCache } from '../../../shared/collect/artifact-scan-cache.js';
import type { ReauditResult, runReaudit } from '../../../shared/live/run-reaudit.js';
import type { ReauditPlan } from '../../../shared/live/types.js';
import type { SuppressionSet } from '../../../shared/suppressions/types.js';
import {
  changeEvent,
  liveApplicationArn,
  liveReport,
  reportApplication,
} from '../../support/live-fixtures.js';
import { LIVE_CONTEXT as CONTEXT, sqsBatch } from './sqs-batch.js';

const ENV = {
  AWS_REGION: 'eu-west-1',
  REPORT_BUCKET: 'kda-auditor-reports',
  TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
};
const CONFIG = readScanConfig(ENV);

const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders-in';
const ENRICHER = liveApplicationArn('orders-enricher');
const STOP_ENCRYPTION = changeEvent('kinesis.amazonaws.com', 'StopStreamEncryption', { streamARN: STREAM });
const SCRATCH_POLICY = changeEvent('s3.amazonaws.com', 'DeleteBucketPolicy', { bucketName: 'scratch' });
const SCRATCH_IGNORED = 's3 DeleteBucketPolicy on arn:aws:s3:::scratch: no audited application uses it';

const PLAN: ReauditPlan = {
  regions: [
    {
      region: 'eu-west-1',
      applications: [
        { applicationArn: ENRICHER, reasons: [`kinesis StopStreamEncryption on ${STREAM}`], events: [0] },
      ],
    },
  ],
  events: 2,
  ignored: 1,
  ignoredReasons: [SCRATCH_IGNORED],
};

const REPORT = {
  ...liveReport([reportApplication('orders-enricher', 'eu-west-1', [])]),
  score: 71,
  grade: 'C' as const,
  // What the merge records as judged: the handler reports these, not the plan.
  reaudit: {
    baseScanId: 'scan-20261128T020000Z-0001',
    applications: [ENRICHER],
    reasons: [`kinesis StopStreamEncryption on ${STREAM}`],
    events: 2,
  },
};
const LOCATION = {
  bucket: 'kda-auditor-reports',
  key: 'reports/111122223333/2026/11/29/scan-20261129T020000Z-0001.json',
  markdownKey: 'reports/111122223333/2026/11/29/scan-20261129T020000Z-0001.md',
  htmlKey: 'reports/111122223333/2026/11/29/scan-20261129T020000Z-0001.html',
  latestKey: 'reports/111122223333/latest.json',
  uri: 's3://kda-auditor-reports/reports/111122223333/2026/11/29/scan-20261129T020000Z-0001.json',
};
const REAUDITED: ReauditResult = {
  status: 'reaudited',
  plan: PLAN,
  report: REPORT,
  reportLocation: LOCATION,
  alerts: [
    {
      subject: 'kda-auditor: new finding',
      message: '{}',
      attributes: {
        severity: 'high',
        accountId: '111122223333',
        region: 'eu-west-1',
        application: 'orders-enricher',
        eventType: 'NEW_FINDINGS',
      },
    },
  ],
  alertMessageIds: ['sns-message-1'],
};

/** A handler around a fake runReaudit, with silent logs and metrics captured instead of printed. */
function harness(
  result: ReauditResult | Error = REAUDITED,
  suppressions?: SuppressionSet,
  env: Record<string, string> = {},
) {
  const clients = createClientFactory({ env: {} });
  const reaudit = vi.fn<typeof runReaudit>(async () => {
    if (result instanceof Error) throw result;
    return result;
  });
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor-live' });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  const times = [Date.parse('2026-11-29T14:00:10Z'), Date.parse('2026-11-29T14:00:11.750Z')];
  let tick = 0;
  const clock = () => new Date(times[Math.min(tick++, times.length - 1)] ?? 0);
  const logger = new Logger({ serviceName: 'kda-auditor-live', logLevel: 'SILENT' });
  const logInfo = vi.spyOn(logger, 'info');
  const logWarn = vi.spyOn(logger, 'warn');
  const logError = vi.spyOn(logger, 'error');
  const artifactCache = new MemoryArtifactScanCache();
  const handler = createLiveHandler({
    config: readScanConfig({ ...ENV, ...env }),
    clients,
    runReaudit: reaudit,
    loadSuppressions: async () => suppressions,
    logger,
    metrics,
    artifactCache,
    clock,
  });
  return { handler, reaudit, clients, addMetric, logInfo, logWarn, logError, artifactCache };
}

const REAUDITED_SUMMARY = {
  status: 'reaudited',
  delivery: 'sqs',
  received: 2,
  dropped: 0,
  ignored: 1,
  applications: [ENRICHER],
  alertsSent: 1,
  scanId: 'scan-20261129T020000Z-0001',
  score: 71,
  grade: 'C',
  reportLocation: LOCATION,
  batchItemFailures: [],
};

describe('Function: createLiveHandler', () => {
  it('re-audits once for a whole SQS batch, with the scan function settings', async () => {
    // Prepare
    const { handler, reaudit, clients, artifactCache } = harness();

    // Act
    const summary = await handler(sqsBatch(STOP_ENCRYPTION, SCRATCH_POLICY), CONTEXT);

    // Assess
    expect(reaudit).toHaveBeenCalledTimes(1);
    expect(reaudit).toHaveBeenCalledWith([STOP_ENCRYPTION, SCRATCH_POLICY], {
      clients,
      region: 'eu-west-1',
      reportBucket: 'kda-auditor-reports',
      reportPrefix: 'reports',
      topicArn: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
      alertThreshold: 'high',
      scoreDrop: 10,
      trendLength: 30,
      codeArtifacts: {
        maxBytes: CONFIG.codeArtifactMaxBytes,
        maxBytesInFlight: CONFIG.codeArtifactBytesInFlight,
        cache: artifactCache,
      },
      // The fixtures' events carry no EventBridge id: the request id names the burst.
      idempotencyKey: `lambda:${CONTEXT.awsRequestId}`,
      // 300 s left at 14:00:10, less the 30 s margin (more than a tenth of them).
      deadline: new Date('2026-11-29T14:04:40Z'),
      clock: expect.any(Function),
      progress: expect.any(Function),
    });
    expect(summary).toEqual(REAUDITED_SUMMARY);
  });

  it('keeps reads half the invocation when the margin is at or above its timeout', async () => {
    // Prepare: the scan's margin may reach 600 s; the live function runs 300 s.
    const { handler, reaudit } = harness(REAUDITED, undefined, { TIME_LIMIT_MARGIN_SECONDS: '300' });

    // Act
    await handler(sqsBatch(STOP_ENCRYPTION), CONTEXT);

    // Assess: 300 s left at 14:00:10, half of them kept for the merge and the report.
    expect(reaudit.mock.calls[0]?.[1].deadline).toEqual(new Date('2026-11-29T14:02:40Z'));
  });

  it('hands the suppression rules in force to the re-audit', async () => {
    // Prepare
    const suppressions: SuppressionSet = {
      source: 's3://kda-auditor-reports/reports/suppressions.yaml',
      rules: [],
    };
    const { handler, reaudit } = harness(REAUDITED, suppressions);

    // Act
    await handler(sqsBatch(STOP_ENCRYPTION), CONTEXT);

    // Assess
    expect(reaudit.mock.calls[0]?.[1].suppressions).toEqual(suppressions);
  });

  it('re-audits a direct EventBridge event (sam local invoke)', async () => {
    // Prepare
    const { handler, reaudit } = harness();

    // Act
    const summary = await handler(STOP_ENCRYPTION, CONTEXT);

    // Assess
    expect(reaudit.mock.calls[0]?.[0]).toEqual([STOP_ENCRYPTION]);
    expect(summary).toEqual({ ...REAUDITED_SUMMARY, delivery: 'direct', received: 1 });
  });

  it('drops a malformed body with a warning and re-audits the rest', async () => {
    // Prepare
    const { handler, reaudit, logWarn } = harness();

    // Act
    const summary = await handler(sqsBatch('{"truncated":', STOP_ENCRYPTION), CONTEXT);

    // Assess
    expect(reaudit.mock.calls[0]?.[0]).toEqual([STOP_ENCRYPTION]);
    expect(logWarn.mock.calls).toEqual([
      [
        'Event dropped',
        {
          messageId: 'msg-1',
          reason:
            'not an "AWS API Call via CloudTrail" event: (body) Invalid input: expected object, received string',
        },
      ],
    ]);
    expect(summary).toEqual({ ...REAUDITED_SUMMARY, dropped: 1 });
  });

  it('returns dropped without re-auditing when every event is a failed call', async () => {
    // Prepare
    const { handler, reaudit, addMetric } = harness();
    const denied = { ...STOP_ENCRYPTION, detail: { ...STOP_ENCRYPTION.detail, errorCode: 'AccessDenied' } };

    // Act
    const summary = await handler(sqsBatch(denied), CONTEXT);

    // Assess
    expect(reaudit).not.toHaveBeenCalled();
    expect(summary).toEqual({
      status: 'dropped',
      delivery: 'sqs',
      received: 1,
      dropped: 1,
      ignored: 0,
      applications: [],
      alertsSent: 0,
      batchItemFailures: [],
    });
    expect(addMetric.mock.calls).toEqual([
      ['EventsReceived', 'Count', 1],
      ['EventsIgnored', 'Count', 1],
    ]);
  });

  it('returns ignored when no event affects an audited application', async () => {
    // Prepare
    const plan: ReauditPlan = { regions: [], events: 1, ignored: 1, ignoredReasons: [SCRATCH_IGNORED] };
    const { handler } = harness({ status: 'ignored', plan });

    // Act
    const summary = await handler(sqsBatch(SCRATCH_POLICY), CONTEXT);

    // Assess
    expect(summary).toEqual({
      status: 'ignored',
      delivery: 'sqs',
      received: 1,
      dropped: 0,
      ignored: 1,
      applications: [],
      alertsSent: 0,
      batchItemFailures: [],
    });
  });

  it('returns no-baseline with a warning naming what to do when no full scan exists yet', async () => {
    // Prepare
    const reason = 'no resource index at reports/111122223333/live/resource-index.json';
    const { handler, logWarn } = harness({ status: 'no-baseline', reason, events: 1 });

    // Act
    const summary = await handler(sqsBatch(STOP_ENCRYPTION), CONTEXT);

    // Assess
    const expected = {
      status: 'no-baseline',
      delivery: 'sqs',
      received: 1,
      dropped: 0,
      ignored: 1,
      applications: [],
      alertsSent: 0,
      reason,
      batchItemFailures: [],
    };
    expect(summary).toEqual(expected);
    expect(logWarn.mock.calls).toEqual([
      ['No baseline to re-audit against: run a full scan first', expected],
    ]);
  });

  it('logs the status, the plan with its reasons and why events were ignored', async () => {
    // Prepare
    const { handler, logInfo } = harness();

    // Act
    await handler(sqsBatch(STOP_ENCRYPTION, SCRATCH_POLICY), CONTEXT);

    // Assess
    expect(logInfo.mock.calls.find(([message]) => message === 'Re-audit finished')).toEqual([
      'Re-audit finished',
      {
        ...REAUDITED_SUMMARY,
        plan: { regions: PLAN.regions, ignoredReasons: [SCRATCH_IGNORED] },
      },
    ]);
  });

  it('returns the messages whose applications the time limit did not reach as batch item failures', async () => {
    // Prepare: the stream event planned two applications, the time limit left the second unjudged.
    const sessionizer = liveApplicationArn('sessionizer');
    const { handler, addMetric, logWarn } = harness({
      ...REAUDITED,
      notReached: { applications: [sessionizer], events: [1] },
    });

    // Act
    const summary = await handler(sqsBatch(SCRATCH_POLICY, STOP_ENCRYPTION), CONTEXT);

    // Assess
    const expected = {
      ...REAUDITED_SUMMARY,
      notReached: [sessionizer],
      batchItemFailures: [{ itemIdentifier: 'msg-2' }],
    };
    expect(summary).toEqual(expected);
    expect(addMetric).toHaveBeenCalledWith('ApplicationsNotReached', 'Count', 1);
    expect(logWarn.mock.calls).toEqual([
      [
        'Time limit: applications not reached keep their previous verdicts',
        {
          ...expected,
          plan: { regions: PLAN.regions, ignoredReasons: [SCRATCH_IGNORED] },
          retried: 'the listed messages come back',
        },
      ],
    ]);
  });

  it('returns not-reached, with every message that planned something, when nothing was judged in time', async () => {
    // Prepare
    const { handler } = harness({
      status: 'not-reached',
      plan: PLAN,
      notReached: { applications: [ENRICHER], events: [0] },
    });

    // Act
    const summary = await handler(sqsBatch(STOP_ENCRYPTION, SCRATCH_POLICY), CONTEXT);

    // Assess
    expect(summary).toEqual({
      status: 'not-reached',
      delivery: 'sqs',
      received: 2,
      dropped: 0,
      ignored: 1,
      applications: [],
      alertsSent: 0,
      notReached: [ENRICHER],
      batchItemFailures: [{ itemIdentifier: 'msg-1' }],
    });
  });

  it('rethrows a failed re-audit so the batch is retried, and logs it', async () => {
    // Prepare
    const failure = new Error('S3 unavailable');
    const { handler, logError } = harness(failure);

    // Act
    const invocation = handler(sqsBatch(STOP_ENCRYPTION), CONTEXT);

    // Assess
    await expect(invocation).rejects.toThrow(failure);
    expect(logError.mock.calls).toEqual([['Re-audit failed', { error: failure }]]);
  });

  it('records the events, the applications re-audited, the alerts and the duration', async () => {
    // Prepare
    const { handler, addMetric } = harness();

    // Act
    await handler(sqsBatch('[]', STOP_ENCRYPTION, SCRATCH_POLICY), CONTEXT);

    // Assess
    expect(addMetric.mock.calls).toEqual([
      ['EventsReceived', 'Count', 3],
      ['EventsIgnored', 'Count', 2],
      ['ApplicationsReaudited', 'Count', 1],
      ['ApplicationsNotReached', 'Count', 0],
      ['AlertsSent', 'Count', 1],
      ['ReauditDurationMs', 'Milliseconds', 1750],
    ]);
  });
});
