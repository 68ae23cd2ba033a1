import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../../functions/scan/scan-handler.js';
import type { runAudit } from '../../../shared/audit.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import { scanConfig } from '../../support/scan-config.js';
import { auditReport, auditResult } from './audit-result.js';

const s3Mock = mockClient(S3Client);
const ORDERS = 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/orders';

/** A Lambda context with `remaining` milliseconds left at the first look. */
function lambdaContext(remaining: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'kda-auditor-scan',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:kda-auditor-scan',
    memoryLimitInMB: '1024',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/kda-auditor-scan',
    logStreamName: '2026/11/29/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => remaining,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

function harness(marginSeconds = 30) {
  const audit = vi.fn<typeof runAudit>(async () =>
    auditResult({
      report: auditReport({
        complete: false,
        notReached: {
          reason: 'TIME_LIMIT',
          reads: 7,
          regions: [],
          applications: [{ applicationArn: ORDERS, applicationName: 'orders', region: 'eu-west-1' }],
        },
      }),
    }),
  );
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  const addMetric = vi.spyOn(metrics, 'addMetric');
  const handler = createHandler({
    config: scanConfig({ timeLimitMarginSeconds: marginSeconds }),
    clients: createClientFactory({ env: {} }),
    runAudit: audit,
    logger: new Logger({ serviceName: 'kda-auditor', logLevel: 'SILENT' }),
    metrics,
    clock: () => new Date('2026-11-29T02:00:00Z'),
    loadSuppressions: async () => undefined,
  });
  return { handler, audit, addMetric };
}

describe('Function: createHandler (time limit)', () => {
  afterEach(() => s3Mock.reset());

  it('gives the audit the instant reads stop: the time left less the margin, and reports what was not reached', async () => {
    // Prepare: 5 minutes left; the margin (60 s) is more than a tenth of them.
    const { handler, audit, addMetric } = harness(60);

    // Act
    const summary = await handler({ trigger: 'schedule' }, lambdaContext(300_000));

    // Assess
    expect(audit.mock.calls[0]?.[1]).toMatchObject({
      kind: 'live',
      deadline: new Date('2026-11-29T02:04:00Z'),
    });
    expect(summary).toMatchObject({ complete: false, notReached: 1 });
    expect(addMetric).toHaveBeenCalledWith('ApplicationsNotReached', 'Count', 1);
  });

  it('continues from latest.json: scans what it lists as not reached, merged into it, moving it', async () => {
    // Prepare
    const latest = auditReport({
      complete: false,
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 7,
        regions: [],
        applications: [{ applicationArn: ORDERS, applicationName: 'orders', region: 'eu-west-1' }],
      },
    });
    s3Mock
      .on(GetObjectCommand, { Bucket: 'kda-auditor-reports', Key: 'reports/111122223333/latest.json' })
      .resolves({ Body: { transformToString: async () => JSON.stringify(latest) } } as never);
    const { handler, audit } = harness();

    // Act
    await handler({ continuation: true }, lambdaContext(900_000));

    // Assess
    const [request, , outputs] = audit.mock.calls[0] ?? [];
    expect(request).toMatchObject({ regions: ['eu-west-1'], applications: [ORDERS], continuation: true });
    expect(outputs).toMatchObject({ updateLatest: true });
  });

  it('refuses a continuation with nothing to continue, before any scan', async () => {
    // Prepare
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: { transformToString: async () => JSON.stringify(auditReport()) } } as never);
    const { handler, audit } = harness();

    // Act
    const outcome = handler({ continuation: true }, lambdaContext(900_000));

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(InvalidRequestError);
    expect(audit).not.toHaveBeenCalled();
  });
});
