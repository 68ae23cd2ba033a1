import { describe, expect, it } from 'vitest';
import {
  describeGeneratedAccount,
  formatAccountDescription,
} from '../../../sandbox/generator/describe-account.js';
import type { AccountSnapshot, ApplicationDetail } from '../../../shared/snapshot/types.js';

const ACCOUNT = '444455556666';
const EU = 'eu-west-1';
const US = 'us-east-1';

function application(
  region: string,
  name: string,
  options: { role: string; bucket: string; properties: Record<string, string>; description?: string },
): ApplicationDetail {
  return {
    ApplicationARN: `arn:aws:kinesisanalytics:${region}:${ACCOUNT}:application/${name}`,
    ApplicationName: name,
    ...(options.description ? { ApplicationDescription: options.description } : {}),
    ServiceExecutionRole: `arn:aws:iam::${ACCOUNT}:role/${options.role}`,
    ApplicationConfigurationDescription: {
      ApplicationCodeConfigurationDescription: {
        CodeContentDescription: {
          S3ApplicationCodeLocationDescription: {
            BucketARN: `arn:aws:s3:::${options.bucket}`,
            FileKey: `${name}.jar`,
          },
        },
      },
      EnvironmentPropertyDescriptions: {
        PropertyGroupDescriptions: [
          { PropertyGroupId: 'FlinkApplicationProperties', PropertyMap: options.properties },
        ],
      },
    },
  };
}

const stream = (region: string, name: string) => ({
  StreamName: name,
  StreamARN: `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${name}`,
});

const key = (region: string, id: string, manager: string) => ({
  KeyMetadata: { KeyId: id, Arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`, KeyManager: manager },
});

// Two applications in eu-west-1 share a role, a source stream and a code bucket; one in us-east-1,
// which no trail covers, has its own of each and two planted problems.
const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  iam: {
    roles: ['orders-shared-role', 'fraud-scorer-1-role', 'orders-firehose-delivery-role'].map((name) => ({
      RoleName: name,
      Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    })),
  },
  s3: { buckets: [{ Name: 'orders-code' }, { Name: 'fraud-code' }, { Name: 'orders-lake' }] },
  regions: {
    [EU]: {
      applications: [
        application(EU, 'orders-router-1', {
          role: 'orders-shared-role',
          bucket: 'orders-code',
          properties: {
            'input.stream.name': 'orders-events-1',
            'output.stream.name': 'orders-router-1-sink',
          },
          description: 'Router of the orders team (synthetic). Planted problems: none.',
        }),
        application(EU, 'orders-joiner-1', {
          role: 'orders-shared-role',
          bucket: 'orders-code',
          properties: { 'input.stream.arn': stream(EU, 'orders-events-1').StreamARN },
        }),
      ],
      streams: [stream(EU, 'orders-events-1'), stream(EU, 'orders-router-1-sink')],
      deliveryStreams: [
        {
          DeliveryStreamName: 'orders-to-lake',
          DeliveryStreamARN: `arn:aws:firehose:${EU}:${ACCOUNT}:deliverystream/orders-to-lake`,
        },
      ],
      keys: [key(EU, 'aws-kinesis-eu', 'AWS'), key(EU, 'orders-data', 'CUSTOMER')],
      trails: [
        {
          Name: 'management-events-eu-west-1',
          TrailARN: `arn:aws:cloudtrail:${EU}:${ACCOUNT}:trail/management-events-eu-west-1`,
          HomeRegion: EU,
          IsMultiRegionTrail: false,
          Status: { IsLogging: true },
        },
      ],
    },
    [US]: {
      applications: [
        application(US, 'fraud-scorer-1', {
          role: 'fraud-scorer-1-role',
          bucket: 'fraud-code',
          // The replay stream does not exist: it counts for nothing.
          properties: {
            'input.stream.name': 'fraud-scorer-1-source',
            'replay.stream.name': 'fraud-scorer-1-replay',
          },
          description:
            'Scorer of the fraud team (synthetic). Planted problems: logging-off, no-trail-coverage.',
        }),
      ],
      streams: [stream(US, 'fraud-scorer-1-source')],
      keys: [key(US, 'aws-kinesis-us', 'AWS')],
    },
  },
  collectionErrors: [
    {
      operation: 'kms:DescribeKey',
      resource: `arn:aws:kms:${US}:${ACCOUNT}:key/x`,
      code: 'AccessDeniedException',
      message: 'denied',
    },
  ],
};

describe('Function: describeGeneratedAccount', () => {
  it('returns the counts of applications, sharing, keys, trails and planted problems', () => {
    // Act
    const description = describeGeneratedAccount(snapshot);

    // Assess
    expect(description).toEqual({
      accountId: ACCOUNT,
      applications: 3,
      applicationsPerRegion: { [EU]: 2, [US]: 1 },
      cleanApplications: 2,
      roles: 3,
      executionRoles: 2,
      sharedRoles: { shared: 1, applications: 2 },
      streams: 3,
      sharedStreams: { shared: 1, applications: 2 },
      deliveryStreams: 1,
      buckets: 3,
      sharedCodeBuckets: { shared: 1, applications: 2 },
      keys: { customerManaged: 1, awsManaged: 2 },
      trails: 1,
      regionsWithoutTrailCoverage: [US],
      plantedProblems: {
        'admin-role': 0,
        'wildcard-role': 0,
        'escalation-role': 0,
        'trust-without-source': 0,
        'basic-credentials': 0,
        'keys-in-code': 0,
        'unencrypted-stream': 0,
        'firehose-sse-off': 0,
        'sse-s3-bucket': 0,
        'no-tls-policy': 0,
        'key-pending-deletion': 0,
        'key-rotation-off': 0,
        'unreadable-key': 0,
        'logging-off': 1,
        'old-runtime': 0,
        'missing-dependency': 0,
        'no-trail-coverage': 1,
      },
      collectionErrors: 1,
    });
  });

  it('returns zeros for an account with nothing in it', () => {
    // Act
    const description = describeGeneratedAccount({ snapshotVersion: 1, accountId: ACCOUNT });

    // Assess
    expect({
      ...description,
      plantedProblems: Object.values(description.plantedProblems).some(Boolean),
    }).toEqual({
      accountId: ACCOUNT,
      applications: 0,
      applicationsPerRegion: {},
      cleanApplications: 0,
      roles: 0,
      executionRoles: 0,
      sharedRoles: { shared: 0, applications: 0 },
      streams: 0,
      sharedStreams: { shared: 0, applications: 0 },
      deliveryStreams: 0,
      buckets: 0,
      sharedCodeBuckets: { shared: 0, applications: 0 },
      keys: { customerManaged: 0, awsManaged: 0 },
      trails: 0,
      regionsWithoutTrailCoverage: [],
      plantedProblems: false,
      collectionErrors: 0,
    });
  });
});

describe('Function: formatAccountDescription', () => {
  it('returns the description as lines of text', () => {
    // Act
    const text = formatAccountDescription(describeGeneratedAccount(snapshot));

    // Assess
    expect(text.split('\n')).toEqual([
      `Account ${ACCOUNT}: 3 applications (2 without planted problems)`,
      '  per region: eu-west-1 2, us-east-1 1',
      'IAM roles: 3; execution roles: 2, shared: 1 (by 2 applications)',
      'Kinesis streams: 3, shared: 1 (by 2 applications); Firehose delivery streams: 1',
      'S3 buckets: 3; shared code buckets: 1 (by 2 applications)',
      'KMS keys: 1 customer managed, 2 AWS managed',
      'CloudTrail trails: 1; regions without coverage: us-east-1',
      'Planted problems (applications): logging-off 1, no-trail-coverage 1; collection errors: 1',
    ]);
  });
});
