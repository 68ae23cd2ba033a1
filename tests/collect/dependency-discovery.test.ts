import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeStreamSummaryCommand, type StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { GetBucketEncryptionCommand, GetBucketLocationCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { collectAccount } from '../../shared/collect/collect-account.js';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import {
  account,
  application,
  bucket,
  deliveryStream,
  key,
  keyArn,
  REGION,
  stream,
  streamArn,
} from './support/account-builders.js';
import { fakeAws, fakeClients, restoreAws } from './support/fake-aws.js';

const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';

describe('Class: DependencyDiscovery (through collectAccount)', () => {
  afterEach(() => restoreAws());

  it('reads a stream, bucket and key shared by two applications exactly once', async () => {
    // Prepare
    const shared = stream('shared', keyArn(KEY_ID));
    const code = bucket('shared-code', keyArn(KEY_ID));
    const sharedKey = key(KEY_ID, { aliases: ['alias/streams'] });
    const applications = ['one', 'two'].map((name) =>
      application(name, { properties: { 'input.stream.name': 'shared' }, code: 'shared-code' }),
    );
    const stubs = fakeAws(
      account({
        regions: { [REGION]: { applications, streams: [shared], keys: [sharedKey] } },
        buckets: [code],
      }),
    );

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({ [REGION]: { applications, streams: [shared], keys: [sharedKey] } });
    expect(snapshot.s3?.buckets).toEqual([code]);
    expect(stubs.kinesis).toHaveReceivedCommandTimes(DescribeStreamSummaryCommand, 1);
    expect(stubs.s3).toHaveReceivedCommandTimes(GetBucketLocationCommand, 1);
    expect(stubs.s3).toHaveReceivedCommandTimes(GetBucketEncryptionCommand, 1);
    expect(stubs.kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 1);
    expect(stubs.kms).toHaveReceivedCommandTimes(GetKeyRotationStatusCommand, 1);
    expect(stubs.kms).toHaveReceivedCommandTimes(ListAliasesCommand, 1);
  });

  it('returns resources found only through other resources: delivery stream, then its bucket, then its key', async () => {
    // Prepare
    const app = application('sink-app', { properties: { 'delivery.stream.name': 'to-lake' } });
    const delivery = deliveryStream('to-lake', ['lake']);
    const lake = bucket('lake', keyArn(KEY_ID));
    const lakeKey = key(KEY_ID);
    fakeAws(
      account({
        regions: { [REGION]: { applications: [app], deliveryStreams: [delivery], keys: [lakeKey] } },
        buckets: [lake],
      }),
    );
    const progress: string[] = [];

    // Act
    const snapshot = await collectAccount({
      clients: fakeClients(),
      regions: [REGION],
      progress: (line) => progress.push(line),
    });

    // Assess
    expect(snapshot.regions).toEqual({
      [REGION]: { applications: [app], deliveryStreams: [delivery], keys: [lakeKey] },
    });
    expect(snapshot.s3?.buckets).toEqual([lake]);
    expect(progress.filter((line) => line.startsWith('Dependencies'))).toEqual([
      'Dependencies: 3 resource(s) read, 3 level(s) deep.',
    ]);
  });

  it('returns no entry and no error for a stream or bucket that does not exist', async () => {
    // Prepare
    const app = application('orphan', {
      properties: { 'input.stream.name': 'deleted' },
      code: 'deleted-bucket',
    });
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [app] } } }));

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({ [REGION]: { applications: [app] } });
    expect(snapshot.s3?.buckets).toEqual([]);
    expect(snapshot.collectionErrors).toBeUndefined();
    expect(stubs.kinesis).toHaveReceivedCommandExactlyOnceWith(DescribeStreamSummaryCommand, {
      StreamARN: streamArn('deleted'),
    });
    expect(stubs.s3).toHaveReceivedCommandTimes(GetBucketLocationCommand, 1);
  });

  it('records a failure that is not an AWS error against the resource, which stays unknown (ERROR), and still ends', async () => {
    // Prepare: an answer the stream reader cannot handle (a field that throws when read).
    const app = application('reader', { properties: { 'input.stream.name': 'odd' } });
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [app] } } }));
    const malformed = {
      StreamName: 'odd',
      StreamARN: streamArn('odd'),
      get EncryptionType(): string {
        throw new TypeError('EncryptionType cannot be read');
      },
    };
    // Deliberately not AWS's shape: the point is an answer the reader cannot handle.
    const summary = malformed as unknown as StreamDescriptionSummary;
    stubs.kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: summary });

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({ [REGION]: { applications: [app] } });
    expect(snapshot.collectionErrors).toEqual([
      {
        operation: 'collect:kinesis-stream',
        resource: streamArn('odd'),
        region: REGION,
        code: 'TypeError',
        message: 'EncryptionType cannot be read',
      },
    ]);
    const findings = evaluateAccount(snapshot).applications[0]?.findings ?? [];
    expect(findings.find(({ checkId }) => checkId === 'kinesis-stream-encrypted')).toMatchObject({
      resourceArn: streamArn('odd'),
      status: 'ERROR',
    });
  });

  it('does not read a resource of another account', async () => {
    // Prepare
    const foreign = 'arn:aws:kinesis:eu-west-1:444455556666:stream/theirs';
    const app = application('cross', { properties: { 'input.stream.arn': foreign } });
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [app] } } }));

    // Act
    await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(stubs.kinesis).not.toHaveReceivedAnyCommand();
  });

  it('returns the log group an application logs to, matched exactly among groups sharing its prefix', async () => {
    // Prepare
    const name = '/aws/kinesis-analytics/app';
    const app = {
      ...application('app'),
      CloudWatchLoggingOptionDescriptions: [
        {
          LogStreamARN: `arn:aws:logs:${REGION}:111122223333:log-group:${name}:log-stream:kinesis-analytics-log-stream`,
        },
      ],
    };
    const groups = ['/aws/kinesis-analytics/a', '/aws/kinesis-analytics/ap', name, `${name}-old`].map(
      (groupName) => ({
        logGroupName: groupName,
        arn: `arn:aws:logs:${REGION}:111122223333:log-group:${groupName}:*`,
        retentionInDays: 30,
        creationTime: 1735689600000,
      }),
    );
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [app], logGroups: groups } } }), {
      logGroups: 1,
    });

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({ [REGION]: { applications: [app], logGroups: [groups[2]] } });
    expect(stubs.logs).toHaveReceivedCommandExactlyOnceWith(DescribeLogGroupsCommand, {
      logGroupIdentifiers: [name],
    });
  });
});
