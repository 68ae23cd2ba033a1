import type { ServiceCatalog } from '../../../sandbox/router.js';
import { kinesisService } from '../../../sandbox/services/kinesis.js';
import { stsService } from '../../../sandbox/services/sts.js';
import { type ClientFactory, createClientFactory } from '../../../shared/aws/clients.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';

/** The account every load test serves. */
export const ACCOUNT = '111122223333';
/** The Region the load tests call. */
export const REGION = 'eu-west-1';

const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;

/** A small account: two streams are enough to call Kinesis, STS answers from the account id. */
export const loadSnapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  regions: {
    [REGION]: {
      streams: [
        { StreamName: 'orders', StreamARN: streamArn('orders'), EncryptionType: 'KMS' },
        { StreamName: 'clicks', StreamARN: streamArn('clicks'), EncryptionType: 'NONE' },
      ],
    },
  },
};

/**
 * Kinesis and STS as the sandbox serves them, plus minimal stand-ins for one operation each of
 * KMS (awsJson), SNS (awsQuery), EC2 (ec2Query) and S3 (restXml): the load tests exercise the
 * front door, not these services.
 */
export const loadServices: ServiceCatalog = {
  json: [
    kinesisService,
    {
      signingName: 'kms',
      targetPrefixes: ['TrentService'],
      operations: { ListAliases: () => ({ Aliases: [], Truncated: false }) },
    },
  ],
  query: [
    stsService,
    {
      signingName: 'sns',
      flavour: 'query',
      xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
      operations: { Publish: () => ({ MessageId: 'message-1' }) },
    },
    {
      signingName: 'ec2',
      flavour: 'ec2',
      xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
      operations: { DescribeRegions: () => ({ regionInfo: [] }) },
    },
  ],
  rest: [
    {
      signingName: 's3',
      handle: () => ({
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body:
          '<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
          '<Owner><ID>sandbox</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>',
      }),
    },
  ],
};

/** SDK clients for a sandbox, as kda-auditor builds them (HTTP/1.1 everywhere). */
export function sandboxClients(endpoint: string, maxAttempts = 1) {
  return createClientFactory({
    endpoint,
    credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' },
    maxAttempts,
    env: {},
  });
}

/** Destroys the clients the load tests use (built on demand if a test did not use one). */
export function destroyClients(clients: ClientFactory): void {
  for (const client of [
    clients.kinesis(REGION),
    clients.kms(REGION),
    clients.sts(REGION),
    clients.sns(REGION),
    clients.ec2(REGION),
    clients.s3(REGION),
    clients.kinesisAnalytics(REGION),
  ]) {
    client.destroy();
  }
}

/** A clock the test moves by hand, so token buckets refill without sleeping. */
export function manualClock(start = 0) {
  let now = start;
  return {
    clock: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** How a call ended: `ok`, or the name of the error it was rejected with. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof Error) return error.name;
    throw error;
  }
}
