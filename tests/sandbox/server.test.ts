import { DescribeStreamSummaryCommand, KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' };
const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;

const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  regions: {
    [REGION]: {
      streams: [
        {
          StreamName: 'a',
          StreamARN: streamArn('a'),
          EncryptionType: 'NONE',
          StreamCreationTimestamp: '2025-03-01T12:00:00Z',
        },
        { StreamName: 'b', StreamARN: streamArn('b'), EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      ],
    },
  },
  collectionErrors: [
    {
      operation: 'kinesis:DescribeStreamSummary',
      resource: streamArn('b'),
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform kinesis:DescribeStreamSummary',
    },
  ],
};

async function rawPost(sandbox: Sandbox, headers: Record<string, string>, body: string) {
  const response = await fetch(sandbox.endpoint, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

describe('Function: startSandbox', () => {
  let sandbox: Sandbox;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    // The Kinesis client's default handler speaks HTTP/2 (h2c here): the sandbox must too.
    kinesis = new KinesisClient({ region: REGION, endpoint: sandbox.endpoint, credentials, maxAttempts: 1 });
  });

  afterAll(async () => {
    kinesis.destroy();
    await sandbox.close();
  });

  it('serves HTTP/2 to the Kinesis client, with AWS timestamps', async () => {
    // Act
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamARN: streamArn('a') }),
    );

    // Assess
    expect(StreamDescriptionSummary).toEqual({
      StreamName: 'a',
      StreamARN: streamArn('a'),
      EncryptionType: 'NONE',
      StreamCreationTimestamp: new Date('2025-03-01T12:00:00Z'),
    });
  });

  it('serves HTTP/1.1 to an awsQuery client on the same port', async () => {
    // Prepare
    const sts = new STSClient({ region: REGION, endpoint: sandbox.endpoint, credentials, maxAttempts: 1 });

    // Act
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();

    // Assess
    expect(identity.Account).toBe(ACCOUNT);
  });

  it('pages a list with opaque tokens at the configured page size', async () => {
    // Act
    const first = await kinesis.send(new ListStreamsCommand({}));
    const second = await kinesis.send(new ListStreamsCommand({ NextToken: first.NextToken }));

    // Assess
    expect([first.StreamNames, first.HasMoreStreams, typeof first.NextToken]).toEqual([
      ['a'],
      true,
      'string',
    ]);
    expect([second.StreamNames, second.HasMoreStreams, second.NextToken]).toEqual([['b'], false, undefined]);
  });

  it('rejects a token it did not issue, as Kinesis does', async () => {
    // Act
    const list = kinesis.send(new ListStreamsCommand({ NextToken: 'not-a-token' }));

    // Assess
    await expect(list).rejects.toMatchObject({ name: 'InvalidArgumentException' });
  });

  it('answers a recorded collection error with that error', async () => {
    // Act
    const describe = kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: streamArn('b') }));

    // Assess
    await expect(describe).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'User is not authorized to perform kinesis:DescribeStreamSummary',
    });
  });

  it('answers a stream that does not exist with ResourceNotFoundException', async () => {
    // Act
    const describe = kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'missing' }));

    // Assess
    await expect(describe).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers an unknown JSON operation with UnknownOperationException, never a 200', async () => {
    // Act
    const response = await rawPost(
      sandbox,
      {
        'x-amz-target': 'Kinesis_20131202.DeleteStream',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDSANDBOX/20261129/${REGION}/kinesis/aws4_request, SignedHeaders=host, Signature=0`,
        'content-type': 'application/x-amz-json-1.1',
      },
      '{}',
    );

    // Assess
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      __type: 'UnknownOperationException',
      message: 'Operation Kinesis_20131202.DeleteStream is not supported by the sandbox.',
    });
  });

  it('answers an unknown query action with InvalidAction', async () => {
    // Act
    const response = await rawPost(
      sandbox,
      {
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDSANDBOX/20261129/${REGION}/sts/aws4_request, SignedHeaders=host, Signature=0`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      'Action=GetSessionToken&Version=2011-06-15',
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toMatch(
      /<Code>InvalidAction<\/Code><Message>The action GetSessionToken is not valid/,
    );
  });

  it('refuses an unsigned request', async () => {
    // Act
    const response = await rawPost(sandbox, { 'x-amz-target': 'Kinesis_20131202.ListStreams' }, '{}');

    // Assess
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).__type).toBe('MissingAuthenticationTokenException');
  });
});

describe('Function: startSandbox with latency', () => {
  it('delays every response by the configured latency', async () => {
    // Prepare
    const sandbox = await startSandbox({ snapshot, latencyMs: 50 });
    const sts = new STSClient({ region: REGION, endpoint: sandbox.endpoint, credentials, maxAttempts: 1 });

    // Act
    const started = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    const elapsed = performance.now() - started;
    sts.destroy();
    await sandbox.close();

    // Assess
    expect(elapsed).toBeGreaterThanOrEqual(45);
  });
});
