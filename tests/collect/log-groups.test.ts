import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { collectAccount } from '../../shared/collect/collect-account.js';
import type { ApplicationDetail, LogGroupDetail } from '../../shared/snapshot/types.js';
import { account, application, REGION } from './support/account-builders.js';
import { fakeAws, fakeClients, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';

const ACCOUNT = '111122223333';

function groupArn(name: string): string {
  return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`;
}

function logGroup(name: string): LogGroupDetail {
  return { logGroupName: name, arn: groupArn(name), retentionInDays: 30, creationTime: 1735689600000 };
}

/** An application that logs to a log group of its own, named after it. */
function loggingApplication(name: string): ApplicationDetail {
  return {
    ...application(name),
    CloudWatchLoggingOptionDescriptions: [
      {
        LogStreamARN: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/flink/${name}:log-stream:kinesis-analytics-log-stream`,
      },
    ],
  };
}

describe('Function: readLogGroups (through collectAccount)', () => {
  afterEach(() => restoreAws());

  it('reads the log groups of 60 applications in 2 calls of at most 50 names', async () => {
    // Prepare
    const names = Array.from({ length: 60 }, (_, at) => `app-${String(at).padStart(2, '0')}`);
    const applications = names.map(loggingApplication);
    const groups = names.map((name) => logGroup(`/flink/${name}`));
    const stubs = fakeAws(account({ regions: { [REGION]: { applications, logGroups: groups } } }));

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({ [REGION]: { applications, logGroups: groups } });
    expect(snapshot.collectionErrors ?? []).toEqual([]);
    expect(stubs.logs).toHaveReceivedCommandTimes(DescribeLogGroupsCommand, 2);
    const batches = stubs.logs
      .commandCalls(DescribeLogGroupsCommand)
      .map((call) => call.args[0].input.logGroupIdentifiers?.length);
    expect(batches.sort()).toEqual([10, 50]);
  });

  it('reads a failed batch again group by group, so only the group denied stays unknown', async () => {
    // Prepare
    const applications = ['open', 'denied'].map(loggingApplication);
    const groups = ['/flink/open', '/flink/denied'].map(logGroup);
    const stubs = fakeAws(account({ regions: { [REGION]: { applications, logGroups: groups } } }));
    stubs.logs.on(DescribeLogGroupsCommand).callsFake(async (input: { logGroupNamePrefix?: string }) => {
      if (input.logGroupNamePrefix === '/flink/open') return { logGroups: [groups[0]] };
      throw awsError('AccessDeniedException', 'not authorized to perform: logs:DescribeLogGroups');
    });

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({ [REGION]: { applications, logGroups: [groups[0]] } });
    expect(snapshot.collectionErrors).toEqual([
      {
        operation: 'logs:DescribeLogGroups',
        // The node's ARN, as the checks look errors up.
        resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/flink/denied`,
        region: REGION,
        code: 'AccessDeniedException',
        message: 'not authorized to perform: logs:DescribeLogGroups',
      },
    ]);
    // The batch of both names, then one read each.
    expect(stubs.logs).toHaveReceivedCommandTimes(DescribeLogGroupsCommand, 3);
  });
});
