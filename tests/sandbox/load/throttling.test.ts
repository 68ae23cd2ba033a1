import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DescribeStreamSummaryCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { ListAliasesCommand } from '@aws-sdk/client-kms';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../sandbox/server.js';
import type { ClientFactory } from '../../../shared/aws/clients.js';
import {
  destroyClients,
  loadServices,
  loadSnapshot,
  manualClock,
  outcome,
  REGION,
  sandboxClients,
} from './load-fixtures.js';

// One token each, and a clock that stands still: the second call of each operation is throttled.
const ONE_CALL = { rate: 1, burst: 1 };

describe('Function: startSandbox with rate limits', () => {
  let sandbox: Sandbox;
  let clients: ClientFactory;

  beforeAll(async () => {
    sandbox = await startSandbox({
      snapshot: loadSnapshot,
      services: loadServices,
      clock: manualClock().clock,
      rateLimits: {
        'kinesis:ListStreams': ONE_CALL,
        'kms:ListAliases': ONE_CALL,
        'sts:GetCallerIdentity': ONE_CALL,
        'sns:Publish': ONE_CALL,
        'ec2:DescribeRegions': ONE_CALL,
        's3:GET/HEAD': ONE_CALL,
      },
    });
    clients = sandboxClients(sandbox.endpoint);
  });

  afterAll(async () => {
    destroyClients(clients);
    await sandbox.close();
  });

  const cases = [
    {
      protocol: 'awsJson (Kinesis)',
      call: () => clients.kinesis(REGION).send(new ListStreamsCommand({})),
      name: 'LimitExceededException',
      status: 400,
    },
    {
      protocol: 'awsJson (KMS)',
      call: () => clients.kms(REGION).send(new ListAliasesCommand({})),
      name: 'ThrottlingException',
      status: 400,
    },
    {
      protocol: 'awsQuery (STS)',
      call: () => clients.sts(REGION).send(new GetCallerIdentityCommand({})),
      name: 'Throttling',
      status: 400,
    },
    {
      protocol: 'awsQuery (SNS)',
      call: () =>
        clients
          .sns(REGION)
          .send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts', Message: 'hi' })),
      name: 'ThrottledException',
      status: 429,
    },
    {
      protocol: 'ec2Query (EC2)',
      call: () => clients.ec2(REGION).send(new DescribeRegionsCommand({})),
      name: 'RequestLimitExceeded',
      status: 503,
    },
    {
      protocol: 'restXml (S3)',
      call: () => clients.s3(REGION).send(new ListBucketsCommand({})),
      name: 'SlowDown',
      status: 503,
    },
  ];

  it.each(cases)(
    'answers a burst beyond the bucket with $name ($status) over $protocol',
    async ({ call, name, status }) => {
      // Act
      const first = await outcome(call());
      const second = call();

      // Assess
      expect(first).toBe('ok');
      await expect(second).rejects.toMatchObject({ name, $metadata: { httpStatusCode: status } });
    },
  );
});

describe('Function: startSandbox with rate limits over time', () => {
  it('refills the bucket at the quota rate, without sleeping', async () => {
    // Prepare
    const time = manualClock();
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      services: loadServices,
      clock: time.clock,
      rateLimits: { 'kinesis:DescribeStreamSummary': { rate: 2, burst: 2 } },
    });
    const kinesis = sandboxClients(sandbox.endpoint).kinesis(REGION);
    const describe = () => outcome(kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' })));

    // Act
    const outcomes = [await describe(), await describe(), await describe()];
    time.advance(499);
    outcomes.push(await describe());
    time.advance(1);
    outcomes.push(await describe());
    kinesis.destroy();
    await sandbox.close();

    // Assess
    expect(outcomes).toEqual(['ok', 'ok', 'LimitExceededException', 'LimitExceededException', 'ok']);
  });

  it("throttles at AWS's documented quota when rate limits are on", async () => {
    // Prepare
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      services: loadServices,
      clock: manualClock().clock,
      rateLimits: true,
    });
    const kinesis = sandboxClients(sandbox.endpoint).kinesis(REGION);

    // Act
    const outcomes: string[] = [];
    for (let call = 0; call < 6; call += 1)
      outcomes.push(await outcome(kinesis.send(new ListStreamsCommand({}))));
    kinesis.destroy();
    await sandbox.close();

    // Assess: ListStreams allows 5 transactions per second per account.
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'LimitExceededException']);
  });

  it("lets the SDK's standard retry strategy back off and succeed", async () => {
    // Prepare: every request finds 0.6 s more on the clock, so a throttled call's retry passes.
    let now = 0;
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      services: loadServices,
      clock: () => {
        now += 600;
        return now;
      },
      rateLimits: { 'kinesis:ListStreams': ONE_CALL },
    });
    const kinesis = sandboxClients(sandbox.endpoint, 3).kinesis(REGION);
    await kinesis.send(new ListStreamsCommand({}));

    // Act
    const { $metadata, StreamNames } = await kinesis.send(new ListStreamsCommand({}));
    const stats = sandbox.state.stats().operations['kinesis:ListStreams'];
    kinesis.destroy();
    await sandbox.close();

    // Assess
    expect([StreamNames, $metadata.attempts, stats?.requests, stats?.throttled]).toEqual([
      ['orders', 'clicks'],
      2,
      3,
      1,
    ]);
  });

  it('refuses a rate limit for an operation it cannot name', async () => {
    // Act
    const start = startSandbox({
      snapshot: loadSnapshot,
      rateLimits: { ListStreams: { rate: 0, burst: 0.5 } },
    });

    // Assess
    await expect(start).rejects.toMatchObject({
      name: 'InvalidRequestError',
      problems: [
        'rate limit for "ListStreams": name an operation as service:Operation (kinesis:ListStreams) of ' +
          'kinesis, firehose, kms, cloudtrail, kinesisanalytics, logs, iam, sts, sns, ec2, s3, organizations',
        'rate limit for "ListStreams": rate must be a number of requests per second above 0',
        'rate limit for "ListStreams": burst must be a whole number of requests, at least 1',
      ],
    });
  });
});
