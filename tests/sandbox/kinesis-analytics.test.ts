import {
  DescribeApplicationCommand,
  type KinesisAnalyticsV2Client,
  ListApplicationsCommand,
} from '@aws-sdk/client-kinesis-analytics-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, ApplicationDetail } from '../../shared/snapshot/types.js';
import {
  ACCOUNT,
  awsCli,
  awsCliAvailable,
  credentials,
  failureOf,
  NO_AWS_CLI,
  REGION,
  rawJsonCall,
} from './support/json-wire.js';

const applicationArn = (name: string) => `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${name}`;

function application(name: string): ApplicationDetail {
  return {
    ApplicationARN: applicationArn(name),
    ApplicationName: name,
    RuntimeEnvironment: 'FLINK-1_20',
    ApplicationMode: 'STREAMING',
    ServiceExecutionRole: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
    ApplicationStatus: 'RUNNING',
    ApplicationVersionId: 3,
    CreateTimestamp: '2025-03-02T10:00:00Z',
  };
}

function summary(name: string) {
  return {
    ApplicationName: name,
    ApplicationARN: applicationArn(name),
    ApplicationStatus: 'RUNNING',
    ApplicationVersionId: 3,
    RuntimeEnvironment: 'FLINK-1_20',
    ApplicationMode: 'STREAMING',
  };
}

const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  regions: {
    [REGION]: { applications: [application('enricher'), application('sessionizer')] },
    'us-east-1': { applications: [application('elsewhere')] },
  },
  collectionErrors: [
    {
      operation: 'kinesisanalytics:DescribeApplication',
      resource: applicationArn('sessionizer'),
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: kinesisanalytics:DescribeApplication',
    },
  ],
};

describe('Service: Kinesis Analytics v2 (sandbox)', () => {
  let sandbox: Sandbox;
  let client: KinesisAnalyticsV2Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials,
      maxAttempts: 1,
    }).kinesisAnalytics(REGION);
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: ListApplications', () => {
    it('returns the region’s application summaries page by page', async () => {
      // Act
      const { $metadata: _first, ...first } = await client.send(new ListApplicationsCommand({}));
      const { $metadata: _second, ...second } = await client.send(
        new ListApplicationsCommand({ NextToken: first.NextToken }),
      );

      // Assess
      expect(first).toEqual({ ApplicationSummaries: [summary('enricher')], NextToken: expect.any(String) });
      expect(second).toEqual({ ApplicationSummaries: [summary('sessionizer')] });
    });

    it('returns InvalidRequestException for a token the sandbox did not issue', async () => {
      // Act
      const failure = await failureOf(client.send(new ListApplicationsCommand({ NextToken: 'enricher' })));

      // Assess
      expect(failure).toEqual({
        name: 'InvalidRequestException',
        message: 'Invalid pagination token: enricher',
        status: 400,
      });
    });
  });

  describe('Operation: DescribeApplication', () => {
    it('returns the application detail, timestamps as dates', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new DescribeApplicationCommand({ ApplicationName: 'enricher' }),
      );

      // Assess
      expect(response).toEqual({
        ApplicationDetail: { ...application('enricher'), CreateTimestamp: new Date('2025-03-02T10:00:00Z') },
      });
    });

    it('returns ResourceNotFoundException for an application of another region', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeApplicationCommand({ ApplicationName: 'elsewhere' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ResourceNotFoundException',
        message: 'Application elsewhere is not found.',
        status: 400,
      });
    });

    it('returns the recorded AccessDeniedException for an application collection could not read', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeApplicationCommand({ ApplicationName: 'sessionizer' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDeniedException',
        message: 'User is not authorized to perform: kinesisanalytics:DescribeApplication',
        status: 403,
      });
    });
  });

  it('returns UnknownOperationException for an operation the sandbox does not serve', async () => {
    // Act
    const response = await rawJsonCall(sandbox.endpoint, {
      target: 'KinesisAnalytics_20180523.DeleteApplication',
      signingName: 'kinesisanalytics',
      body: { ApplicationName: 'enricher' },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: {
        __type: 'UnknownOperationException',
        message: 'Operation KinesisAnalytics_20180523.DeleteApplication is not supported by the sandbox.',
      },
    });
  });

  it('answers the AWS CLI, which follows the tokens across pages', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, ['kinesisanalyticsv2', 'list-applications']);

    // Assess
    expect(output).toEqual({ ApplicationSummaries: [summary('enricher'), summary('sessionizer')] });
  }, 60_000);
});
