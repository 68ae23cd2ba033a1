import { type CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, LogGroupDetail } from '../../shared/snapshot/types.js';
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

const groupArn = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;

function logGroup(name: string): LogGroupDetail {
  return {
    logGroupName: name,
    creationTime: 1_740_000_000_000,
    retentionInDays: 30,
    metricFilterCount: 0,
    arn: `${groupArn(name)}:*`,
    storedBytes: 2048,
    kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1111`,
    logGroupClass: 'STANDARD',
    logGroupArn: groupArn(name),
  };
}

const ENRICHER = '/aws/kinesis-analytics/enricher';
const SESSIONIZER = '/aws/kinesis-analytics/sessionizer';

const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  regions: {
    // Out of order on purpose: DescribeLogGroups sorts by name.
    [REGION]: {
      logGroups: [logGroup('Zeta'), logGroup(SESSIONIZER), logGroup('/aws/lambda/x'), logGroup(ENRICHER)],
    },
  },
  collectionErrors: [
    {
      operation: 'logs:DescribeLogGroups',
      resource: groupArn('/aws/kinesis-analytics/denied'),
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: logs:DescribeLogGroups',
    },
  ],
};

describe('Service: CloudWatch Logs (sandbox)', () => {
  let sandbox: Sandbox;
  let client: CloudWatchLogsClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).logs(REGION);
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: DescribeLogGroups', () => {
    it('returns the groups whose name starts with the prefix, page by page', async () => {
      // Act
      const { $metadata: _first, ...first } = await client.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/kinesis-analytics/' }),
      );
      const { $metadata: _second, ...second } = await client.send(
        new DescribeLogGroupsCommand({
          logGroupNamePrefix: '/aws/kinesis-analytics/',
          nextToken: first.nextToken,
        }),
      );

      // Assess
      expect(first).toEqual({ logGroups: [logGroup(ENRICHER)], nextToken: expect.any(String) });
      expect(second).toEqual({ logGroups: [logGroup(SESSIONIZER)] });
    });

    it('returns every group in ASCII order of name', async () => {
      // Act
      const names: (string | undefined)[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new DescribeLogGroupsCommand({ nextToken: token }));
        names.push(...(page.logGroups ?? []).map((group) => group.logGroupName));
        token = page.nextToken;
      } while (token);

      // Assess
      expect(names).toEqual([ENRICHER, SESSIONIZER, '/aws/lambda/x', 'Zeta']);
    });

    it('returns only name, ARN and creation time for a name pattern', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new DescribeLogGroupsCommand({ logGroupNamePattern: 'lambda' }),
      );

      // Assess
      expect(response).toEqual({
        logGroups: [
          {
            logGroupName: '/aws/lambda/x',
            arn: `${groupArn('/aws/lambda/x')}:*`,
            creationTime: 1_740_000_000_000,
          },
        ],
      });
    });

    it('returns InvalidParameterException for both a prefix and a pattern', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws', logGroupNamePattern: 'x' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidParameterException',
        message: 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
        status: 400,
      });
    });

    it('returns InvalidParameterException for a token the sandbox did not issue', async () => {
      // Act
      const failure = await failureOf(client.send(new DescribeLogGroupsCommand({ nextToken: 'bogus' })));

      // Assess
      expect(failure).toEqual({
        name: 'InvalidParameterException',
        message: 'Invalid pagination token: bogus',
        status: 400,
      });
    });

    it('returns the recorded AccessDeniedException for a group collection could not read', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/kinesis-analytics/denied' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDeniedException',
        message: 'User is not authorized to perform: logs:DescribeLogGroups',
        status: 403,
      });
    });

    it('returns the groups named by logGroupIdentifiers, and nothing for a name that does not exist', async () => {
      // Act: the sandbox of this suite serves one group a page.
      const names: (string | undefined)[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new DescribeLogGroupsCommand({
            logGroupIdentifiers: [SESSIONIZER, ENRICHER, '/aws/none'],
            nextToken: token,
          }),
        );
        names.push(...(page.logGroups ?? []).map((group) => group.logGroupName));
        token = page.nextToken;
      } while (token);

      // Assess
      expect(names).toEqual([ENRICHER, SESSIONIZER]);
    });

    it('fails a read by names as a whole when one name is a group collection could not read', async () => {
      // Act
      const failure = await failureOf(
        client.send(
          new DescribeLogGroupsCommand({ logGroupIdentifiers: [ENRICHER, '/aws/kinesis-analytics/denied'] }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDeniedException',
        message: 'User is not authorized to perform: logs:DescribeLogGroups',
        status: 403,
      });
    });
  });

  it('returns UnknownOperationException for an operation the sandbox does not serve', async () => {
    // Act
    const response = await rawJsonCall(sandbox.endpoint, {
      target: 'Logs_20140328.DeleteLogGroup',
      signingName: 'logs',
      body: { logGroupName: ENRICHER },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: {
        __type: 'UnknownOperationException',
        message: 'Operation Logs_20140328.DeleteLogGroup is not supported by the sandbox.',
      },
    });
  });

  it('answers the AWS CLI, which follows the tokens across pages', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, [
      'logs',
      'describe-log-groups',
      '--log-group-name-prefix',
      '/aws/kinesis-analytics/',
    ]);

    // Assess
    expect(output).toEqual({ logGroups: [logGroup(ENRICHER), logGroup(SESSIONIZER)] });
  }, 60_000);
});
