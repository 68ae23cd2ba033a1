import {
  DescribeDeliveryStreamCommand,
  type FirehoseClient,
  ListDeliveryStreamsCommand,
} from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type {
  AccountSnapshot,
  DeliveryStreamDescription,
  FirehoseDestination,
} from '../../shared/snapshot/types.js';
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

const deliveryStreamArn = (name: string) => `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`;

function destination(id: number, bucket: string): FirehoseDestination {
  return {
    DestinationId: `destinationId-00000000000${id}`,
    ExtendedS3DestinationDescription: {
      RoleARN: `arn:aws:iam::${ACCOUNT}:role/firehose-role`,
      BucketARN: `arn:aws:s3:::${bucket}`,
      EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
    },
  };
}

function deliveryStream(
  name: string,
  type: string,
  destinations: FirehoseDestination[] = [destination(1, 'lake')],
): DeliveryStreamDescription {
  return {
    DeliveryStreamName: name,
    DeliveryStreamARN: deliveryStreamArn(name),
    DeliveryStreamStatus: 'ACTIVE',
    DeliveryStreamType: type,
    VersionId: '1',
    CreateTimestamp: '2022-01-10T12:00:00Z',
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    Destinations: destinations,
    HasMoreDestinations: false,
  };
}

const twoDestinations = [destination(1, 'lake'), destination(2, 'archive')];

const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  regions: {
    [REGION]: {
      deliveryStreams: [
        deliveryStream('sessions', 'DirectPut', twoDestinations),
        deliveryStream('clicks', 'KinesisStreamAsSource'),
        deliveryStream('denied', 'DirectPut'),
      ],
    },
  },
  collectionErrors: [
    {
      operation: 'firehose:DescribeDeliveryStream',
      resource: deliveryStreamArn('denied'),
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: firehose:DescribeDeliveryStream',
    },
  ],
};

describe('Service: Firehose (sandbox)', () => {
  let sandbox: Sandbox;
  let client: FirehoseClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).firehose(
      REGION,
    );
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: ListDeliveryStreams', () => {
    it('returns the names in alphabetical order, page by page after the last name seen', async () => {
      // Act
      const { $metadata: _first, ...first } = await client.send(new ListDeliveryStreamsCommand({}));
      const { $metadata: _last, ...last } = await client.send(
        new ListDeliveryStreamsCommand({ ExclusiveStartDeliveryStreamName: 'denied' }),
      );

      // Assess
      expect(first).toEqual({ DeliveryStreamNames: ['clicks'], HasMoreDeliveryStreams: true });
      expect(last).toEqual({ DeliveryStreamNames: ['sessions'], HasMoreDeliveryStreams: false });
    });

    it('returns only the streams of the type asked for', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new ListDeliveryStreamsCommand({ DeliveryStreamType: 'KinesisStreamAsSource' }),
      );

      // Assess
      expect(response).toEqual({ DeliveryStreamNames: ['clicks'], HasMoreDeliveryStreams: false });
    });
  });

  describe('Operation: DescribeDeliveryStream', () => {
    it('returns the description with its destinations page by page, timestamps as dates', async () => {
      // Act
      const { $metadata: _first, ...first } = await client.send(
        new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'sessions' }),
      );
      const { $metadata: _second, ...second } = await client.send(
        new DescribeDeliveryStreamCommand({
          DeliveryStreamName: 'sessions',
          ExclusiveStartDestinationId: 'destinationId-000000000001',
        }),
      );

      // Assess
      const expected = {
        ...deliveryStream('sessions', 'DirectPut'),
        CreateTimestamp: new Date('2022-01-10T12:00:00Z'),
      };
      expect(first).toEqual({
        DeliveryStreamDescription: {
          ...expected,
          Destinations: [twoDestinations[0]],
          HasMoreDestinations: true,
        },
      });
      expect(second).toEqual({
        DeliveryStreamDescription: {
          ...expected,
          Destinations: [twoDestinations[1]],
          HasMoreDestinations: false,
        },
      });
    });

    it('returns ResourceNotFoundException for a stream that does not exist', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'gone' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ResourceNotFoundException',
        message: `Firehose gone under account ${ACCOUNT} not found.`,
        status: 400,
      });
    });

    it('returns the recorded AccessDeniedException for a stream collection could not read', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'denied' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDeniedException',
        message: 'User is not authorized to perform: firehose:DescribeDeliveryStream',
        status: 403,
      });
    });
  });

  it('returns UnknownOperationException for an operation the sandbox does not serve', async () => {
    // Act
    const response = await rawJsonCall(sandbox.endpoint, {
      target: 'Firehose_20150804.PutRecord',
      signingName: 'firehose',
      body: { DeliveryStreamName: 'sessions' },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: {
        __type: 'UnknownOperationException',
        message: 'Operation Firehose_20150804.PutRecord is not supported by the sandbox.',
      },
    });
  });

  it('answers the AWS CLI', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, [
      'firehose',
      'list-delivery-streams',
      '--delivery-stream-type',
      'DirectPut',
    ]);

    // Assess
    expect(output).toEqual({ DeliveryStreamNames: ['denied'], HasMoreDeliveryStreams: true });
  }, 60_000);
});
