import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../../functions/scan/scan-handler.js';
import { runAudit } from '../../../shared/audit.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { InvalidRequestError, ScanFailedError } from '../../../shared/errors.js';
import { scanConfig } from '../../support/scan-config.js';

// The scan function with the real runAudit and every AWS client mocked: a payload it refuses must
// be refused before anything reaches AWS, so no report, no alert and no latest.json can be written.
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const sts = mockClient(STSClient);
const kinesisAnalytics = mockClient(KinesisAnalyticsV2Client);

const CONFIG = scanConfig();

const CONTEXT = {
  functionName: 'kda-auditor-scan',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 900_000,
} as Context;

/** The scan function around the real runAudit (spied on), with silent logs and unpublished metrics. */
function scanFunction() {
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  const audit = vi.fn(runAudit);
  const handler = createHandler({
    config: CONFIG,
    clients: createClientFactory({ env: {} }),
    runAudit: audit,
    logger: new Logger({ serviceName: 'kda-auditor', logLevel: 'SILENT' }),
    metrics,
    loadSuppressions: async () => undefined,
  });
  return { handler, audit };
}

/** Every command any mocked client received. */
function awsCalls(): number {
  return [s3, sns, sts, kinesisAnalytics].reduce((total, mock) => total + mock.calls().length, 0);
}

beforeEach(() => {
  for (const mock of [s3, sns, sts, kinesisAnalytics]) mock.reset();
});
afterEach(() => vi.restoreAllMocks());

describe('Function: createHandler (bad input)', () => {
  it.each([
    [
      'an unknown region',
      { regions: ['eu-west-1', 'xx-nowhere-9'] },
      [
        'regions.1: "xx-nowhere-9" is not an AWS region (expected e.g. eu-west-1; aws ec2 describe-regions --all-regions lists them)',
      ],
    ],
    [
      'a malformed region',
      { regions: 'eu-west-1' },
      ['regions: must be "all" or a list of region names such as ["eu-west-1"]'],
    ],
    [
      'a payload that is not an object',
      [1, 2],
      ['(payload): must be a JSON object such as {"regions":"all"}'],
    ],
    [
      'a prototype key',
      JSON.parse('{"__proto__":{"dryRun":true}}'),
      ['__proto__: unknown field (allowed: trigger, regions, applications, dryRun, continuation)'],
    ],
    [
      'control characters in an application name',
      { applications: ['orders\u0000\u001b[2J'] },
      [
        'applications.0: "orders\\u0000\\u001b[2J" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN',
      ],
    ],
    ['a wrong type for dryRun', { dryRun: 'false' }, ['dryRun: must be true or false']],
    [
      'an organisation item with an unknown region',
      {
        trigger: 'organization',
        orgScanId: '20261129T020000Z-0a1b2c3d',
        accountId: '444455556666',
        region: 'zz-east-1',
      },
      [
        'region: "zz-east-1" is not an AWS region (expected e.g. eu-west-1; aws ec2 describe-regions --all-regions lists them)',
      ],
    ],
  ])('refuses %s with InvalidRequestError and calls no AWS API', async (_label, event, problems) => {
    // Prepare
    const { handler, audit } = scanFunction();

    // Act
    const invocation = handler(event, CONTEXT);

    // Assess
    await expect(invocation).rejects.toEqual(new InvalidRequestError(problems));
    expect(audit).not.toHaveBeenCalled();
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(awsCalls()).toBe(0);
  });

  it('reaches AWS through these mocks for a valid payload (the control for the tests above)', async () => {
    // Prepare
    const { handler, audit } = scanFunction();
    sts.rejects(new Error('The security token included in the request is invalid'));
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    // Act
    const invocation = handler({ regions: ['eu-west-1'] }, CONTEXT);

    // Assess
    await expect(invocation).rejects.toBeInstanceOf(ScanFailedError);
    expect(audit).toHaveBeenCalledOnce();
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });
});
