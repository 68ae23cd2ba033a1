import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../../functions/org-aggregate/aggregate-handler.js';
import type { OrgAggregateConfig } from '../../../functions/org-aggregate/config.js';
import type { OrgTargetsOutput } from '../../../functions/org-targets/targets-handler.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import { aggregateOrganization } from '../../../shared/organization/aggregate.js';
import { organizationAlert } from '../../../shared/organization/organization-alert.js';
import { readMapResults } from '../../../shared/organization/read-map-results.js';
import type { MemberScanResult, OrganizationReport, ScanTarget } from '../../../shared/organization/types.js';
import { writeOrganizationReport } from '../../../shared/organization/write-organization-report.js';
import { alertIdempotencyKey } from '../../../shared/publish/alert-idempotency.js';
import { publishAlerts } from '../../../shared/publish/publish-alert.js';
import { memoryS3 } from '../../support/memory-s3.js';
import {
  childExecution,
  DEV_ACCOUNT,
  failedResult,
  ORG_SCAN_ID,
  ORGANIZATION_ID,
  scanItem,
  scannedResult,
  scanTarget,
  severities,
} from '../../support/organization-fixtures.js';

const sns = mockClient(SNSClient);
let restoreS3: (() => void) | undefined;
afterEach(() => {
  sns.reset();
  restoreS3?.();
});

const BUCKET = 'kda-auditor-reports';
const RUN = `reports/organization/runs/${ORG_SCAN_ID}`;
const MANIFEST = `${RUN}/run-1/manifest.json`;
const REPORT_KEY = `reports/organization/2026/11/29/${ORG_SCAN_ID}.json`;
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:kda-auditor-alerts';
// The organisation alert is about the whole organisation: account and application are `*`.
const ORGANIZATION_ALERT_KEY = alertIdempotencyKey(`org:${ORG_SCAN_ID}`, {
  accountId: '*',
  eventType: 'ORGANIZATION_SUMMARY',
  region: '*',
  application: '*',
});

const CONFIG: OrgAggregateConfig = {
  region: 'eu-west-1',
  reportBucket: BUCKET,
  reportPrefix: 'reports',
  topicArn: TOPIC_ARN,
  alertThreshold: 'high',
  scoreDrop: 10,
};

const CONTEXT = {
  functionName: 'kda-auditor-org-aggregate',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:kda-auditor-org-aggregate',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
} as Context;

const PROD_EU = scanTarget({ region: 'eu-west-1' });
const PROD_US = scanTarget({ region: 'us-east-1' });
const DEV_EU = scanTarget({ accountId: DEV_ACCOUNT, accountName: 'dev', region: 'eu-west-1' });

/** The targets step's output for these targets. */
function targetsOutput(targets: readonly ScanTarget[]): OrgTargetsOutput {
  return {
    orgScanId: ORG_SCAN_ID,
    startedAt: '2026-11-29T02:00:00.000Z',
    organizationId: ORGANIZATION_ID,
    itemsBucket: BUCKET,
    itemsKey: `${RUN}/targets.json`,
    resultsPrefix: RUN,
    targetCount: targets.length,
    skipped: [],
    settings: { maxConcurrency: 20, toleratedFailurePercentage: 10 },
  };
}

/** The bucket after a map run: targets.json, and (unless `manifest` is false) the ResultWriter files. */
function bucketAfterRun(
  targets: readonly ScanTarget[],
  results: readonly MemberScanResult[],
  options: { manifest?: boolean; targetsFile?: boolean } = {},
): Record<string, string> {
  const succeeded = results.map((result) =>
    childExecution('SUCCEEDED', scanItem(scanTarget(result)), { output: { result } }),
  );
  return {
    ...(options.targetsFile === false
      ? {}
      : { [`${BUCKET}/${RUN}/targets.json`]: JSON.stringify(targets.map(scanItem)) }),
    ...(options.manifest === false
      ? {}
      : {
          [`${BUCKET}/${RUN}/run-1/SUCCEEDED_0.json`]: JSON.stringify(succeeded),
          [`${BUCKET}/${MANIFEST}`]: JSON.stringify({
            DestinationBucket: BUCKET,
            MapRunArn: 'arn:aws:states:eu-west-1:111111111111:mapRun:org-scan/ScanTargets:run-1',
            ResultFiles: {
              SUCCEEDED: [{ Key: `${RUN}/run-1/SUCCEEDED_0.json`, Size: 1 }],
              FAILED: [],
              PENDING: [],
            },
          }),
        }),
  };
}

/** An aggregation handler over an in-memory bucket and a mocked topic, with the real organisation library. */
function harness(objects: Record<string, string>, config: OrgAggregateConfig = CONFIG) {
  const bucket = memoryS3(objects, { everyClient: true });
  restoreS3 = () => bucket.mock.restore();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  const handler = createHandler({
    config,
    clients: createClientFactory({ env: {} }),
    library: {
      readMapResults,
      aggregateOrganization,
      writeOrganizationReport,
      organizationAlert,
      publishAlerts,
    },
    logger: new Logger({ serviceName: 'kda-auditor', logLevel: 'SILENT' }),
    metrics,
    clock: () => new Date('2026-11-29T02:10:00.000Z'),
  });
  const report = () => bucket.readJson(BUCKET, REPORT_KEY) as OrganizationReport;
  return { handler, bucket, report };
}

const MAP = {
  MapRunArn: 'arn:aws:states:eu-west-1:111111111111:mapRun:org-scan/ScanTargets:run-1',
  ResultWriterDetails: { Bucket: BUCKET, Key: MANIFEST },
};
const MAP_ERROR = {
  Error: 'States.ExceedToleratedFailureThreshold',
  Cause: 'The specified tolerated failure threshold was exceeded',
};

const failedTarget = (target: ScanTarget, errorName: string, reason: string) => ({
  accountId: target.accountId,
  accountName: target.accountName,
  region: target.region,
  reason,
  errorName,
});

describe('Function: createHandler (organisation aggregation)', () => {
  it('writes the organisation report from the map results, publishes the one alert and returns the summary', async () => {
    // Prepare
    const targets = [PROD_EU, DEV_EU];
    const results = [scannedResult({ newFindings: severities({ high: 1 }) }), failedResult()];
    const { handler, bucket, report } = harness(bucketAfterRun(targets, results));

    // Act
    const output = await handler({ targets: targetsOutput(targets), map: MAP }, CONTEXT);

    // Assess
    expect(output).toEqual({
      orgScanId: ORG_SCAN_ID,
      reportUri: `s3://${BUCKET}/${REPORT_KEY}`,
      accounts: 2,
      targets: 2,
      failedTargets: 1,
      alertSent: true,
    });
    expect(report().failedTargets).toEqual([
      failedTarget(DEV_EU, 'MemberAccessError', failedResult().reason),
    ]);
    expect([...bucket.objects.keys()].filter((key) => !key.includes('/runs/')).sort()).toEqual([
      `${BUCKET}/reports/organization/2026/11/29/${ORG_SCAN_ID}.json`,
      `${BUCKET}/reports/organization/2026/11/29/${ORG_SCAN_ID}.md`,
      `${BUCKET}/reports/organization/alerts/${ORGANIZATION_ALERT_KEY}.json`,
      `${BUCKET}/reports/organization/latest.json`,
    ]);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toReceiveCommandWith(PublishCommand, {
      TopicArn: TOPIC_ARN,
      MessageStructure: 'json',
      MessageAttributes: expect.objectContaining({
        eventType: { DataType: 'String', StringValue: 'ORGANIZATION_SUMMARY' },
        idempotencyKey: { DataType: 'String', StringValue: ORGANIZATION_ALERT_KEY },
      }),
    });
  });

  it('publishes the organisation alert once when the Aggregate step is retried', async () => {
    // Prepare
    const targets = [PROD_EU, DEV_EU];
    const results = [scannedResult({ newFindings: severities({ high: 1 }) }), failedResult()];
    const { handler } = harness(bucketAfterRun(targets, results));

    // Act
    const outputs = [
      await handler({ targets: targetsOutput(targets), map: MAP }, CONTEXT),
      await handler({ targets: targetsOutput(targets), map: MAP }, CONTEXT),
    ];

    // Assess
    expect(outputs.map((output) => output.alertSent)).toEqual([true, false]);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('reads the manifest the failed map run wrote and reports the targets it never ran with its error', async () => {
    // Prepare
    const targets = [PROD_EU, PROD_US, DEV_EU];
    const { handler, bucket, report } = harness(bucketAfterRun(targets, [scannedResult()]));

    // Act
    const output = await handler({ targets: targetsOutput(targets), mapError: MAP_ERROR }, CONTEXT);

    // Assess
    expect(output).toEqual({
      orgScanId: ORG_SCAN_ID,
      reportUri: `s3://${BUCKET}/${REPORT_KEY}`,
      accounts: 2,
      targets: 3,
      failedTargets: 2,
      alertSent: true,
    });
    expect({ failedTargets: report().failedTargets, mapError: report().mapError }).toEqual({
      failedTargets: [
        failedTarget(PROD_US, MAP_ERROR.Error, MAP_ERROR.Cause),
        failedTarget(DEV_EU, MAP_ERROR.Error, MAP_ERROR.Cause),
      ].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region)),
      mapError: { error: MAP_ERROR.Error, cause: MAP_ERROR.Cause },
    });
    expect(bucket.mock).toReceiveCommandWith(ListObjectsV2Command, { Bucket: BUCKET, Prefix: `${RUN}/` });
  });

  it('reports every target failed with the map error when the map run wrote no manifest', async () => {
    // Prepare
    const targets = [PROD_EU, DEV_EU];
    const { handler, report } = harness(bucketAfterRun(targets, [], { manifest: false }));

    // Act
    const output = await handler({ targets: targetsOutput(targets), mapError: MAP_ERROR }, CONTEXT);

    // Assess
    expect({
      failedTargets: output.failedTargets,
      reported: report().failedTargets.map((entry) => entry.errorName),
    }).toEqual({
      failedTargets: 2,
      reported: [MAP_ERROR.Error, MAP_ERROR.Error],
    });
  });

  it('reports the scan incomplete when the targets list cannot be read', async () => {
    // Prepare
    const { handler, report } = harness(bucketAfterRun([PROD_EU], [scannedResult()], { targetsFile: false }));

    // Act
    await handler({ targets: targetsOutput([PROD_EU]), map: MAP }, CONTEXT);

    // Assess
    expect({
      complete: report().complete,
      failed: report().failedTargets.map(({ accountId, region, errorName }) => ({
        accountId,
        region,
        errorName,
      })),
    }).toEqual({
      complete: false,
      failed: [{ accountId: null, region: null, errorName: 'TargetsUnreadable' }],
    });
  });

  it.each([
    { name: 'there is nothing to act on', config: CONFIG, results: [scannedResult()] },
    {
      name: 'no topic is configured',
      config: { ...CONFIG, topicArn: undefined },
      results: [scannedResult({ newFindings: severities({ critical: 2 }) })],
    },
  ])('publishes nothing when $name', async ({ config, results }) => {
    // Prepare
    const { topicArn, ...rest } = config;
    const { handler } = harness(bucketAfterRun([PROD_EU], results), topicArn ? { ...rest, topicArn } : rest);

    // Act
    const output = await handler({ targets: targetsOutput([PROD_EU]), map: MAP }, CONTEXT);

    // Assess
    expect({ alertSent: output.alertSent, published: sns.commandCalls(PublishCommand).length }).toEqual({
      alertSent: false,
      published: 0,
    });
  });

  it('rejects an input without the targets step output, writing nothing', async () => {
    // Prepare
    const { handler, bucket } = harness({});

    // Act
    const invocation = handler({ map: MAP }, CONTEXT);

    // Assess
    await expect(invocation).rejects.toBeInstanceOf(InvalidRequestError);
    expect(bucket.mock.commandCalls(PutObjectCommand)).toEqual([]);
  });
});
