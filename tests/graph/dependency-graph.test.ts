import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dependencyGraph } from '../../shared/graph/dependency-graph.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import { readSnapshot } from '../../shared/snapshot/read.js';
import type { AccountSnapshot, ApplicationDetail } from '../../shared/snapshot/types.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const example = readSnapshot(
  JSON.parse(readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8')),
);

function graphOf(snapshot: AccountSnapshot, name: string) {
  const index = new AccountIndex(snapshot);
  const found = index.applications().find(({ application }) => application.ApplicationName === name);
  if (!found) throw new Error(`no application ${name}`);
  return dependencyGraph(index, found.region, found.application);
}

function app(name: string, detail: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    ApplicationARN: `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/${name}`,
    ApplicationName: name,
    ...detail,
  };
}

describe('Function: dependencyGraph', () => {
  it('follows configuration, properties and a delivery stream to its bucket', () => {
    // Act
    const graph = graphOf(example, 'legacy-sessionizer');

    // Assess
    const app = `arn:aws:kinesisanalytics:${REGION}:${ACCOUNT}:application/legacy-sessionizer`;
    const role = `arn:aws:iam::${ACCOUNT}:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1`;
    const stream = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/sessions-in`;
    const delivery = `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/sessions-to-lake`;
    expect(graph).toEqual({
      applicationArn: app,
      nodes: [
        {
          arn: app,
          kind: 'application',
          name: 'legacy-sessionizer',
          region: REGION,
          state: 'present',
          origins: ['configuration'],
        },
        {
          arn: role,
          kind: 'iam-role',
          name: 'kinesis-analytics-legacy-sessionizer-eu-west-1',
          state: 'present',
          origins: ['configuration'],
        },
        {
          arn: 'arn:aws:s3:::acme-legacy-jobs',
          kind: 's3-bucket',
          name: 'acme-legacy-jobs',
          region: REGION,
          state: 'present',
          origins: ['configuration', 'resource'],
          objectKeys: ['sessionizer/sessionizer-0.9.jar'],
        },
        {
          arn: stream,
          kind: 'kinesis-stream',
          name: 'sessions-in',
          region: REGION,
          state: 'present',
          origins: ['properties'],
        },
        {
          arn: delivery,
          kind: 'firehose-delivery-stream',
          name: 'sessions-to-lake',
          region: REGION,
          state: 'present',
          origins: ['properties'],
        },
      ],
      edges: [
        { from: app, to: role, relation: 'execution-role' },
        { from: app, to: 'arn:aws:s3:::acme-legacy-jobs', relation: 'code' },
        { from: app, to: stream, relation: 'referenced' },
        { from: app, to: delivery, relation: 'referenced' },
        { from: delivery, to: 'arn:aws:s3:::acme-legacy-jobs', relation: 'destination' },
      ],
    });
  });

  it('resolves a stream key given as an alias and merges what the role grants', () => {
    // Act
    const graph = graphOf(example, 'clickstream-enricher');

    // Assess
    const enriched = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clickstream-enriched`;
    const awsKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f0e0d0c-aaaa-bbbb-cccc-ddddeeeeffff`;
    expect(graph.edges).toContainEqual({ from: enriched, to: awsKey, relation: 'encryption-key' });
    expect(graph.nodes.find((node) => node.arn === enriched)?.origins).toEqual(['properties', 'role-policy']);
    expect(graph.nodes.map((node) => node.kind)).toEqual([
      'application',
      'iam-role',
      's3-bucket',
      'log-group',
      'kinesis-stream',
      'kinesis-stream',
      'kms-key',
      'kms-key',
    ]);
  });

  it('reads SQL inputs, outputs and reference data, and marks what is missing, unreadable or external', () => {
    // Prepare
    const snapshot: AccountSnapshot = {
      snapshotVersion: 1,
      accountId: ACCOUNT,
      regions: {
        [REGION]: {
          applications: [
            app('sql-app', {
              ApplicationConfigurationDescription: {
                SqlApplicationConfigurationDescription: {
                  InputDescriptions: [
                    {
                      KinesisStreamsInputDescription: {
                        ResourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/in`,
                      },
                    },
                  ],
                  OutputDescriptions: [
                    {
                      KinesisFirehoseOutputDescription: {
                        ResourceARN: `arn:aws:firehose:${REGION}:444455556666:deliverystream/shared`,
                      },
                    },
                  ],
                  ReferenceDataSourceDescriptions: [
                    {
                      S3ReferenceDataSourceDescription: {
                        BucketARN: 'arn:aws:s3:::ref-data',
                        FileKey: 'ref.csv',
                      },
                    },
                  ],
                },
              },
            }),
          ],
        },
      },
      collectionErrors: [
        {
          operation: 's3:GetBucketLocation',
          resource: 'arn:aws:s3:::ref-data',
          code: 'AccessDenied',
          message: 'Access Denied',
        },
      ],
    };

    // Act
    const graph = graphOf(snapshot, 'sql-app');

    // Assess
    expect(graph.nodes.slice(1).map(({ kind, state, name }) => ({ kind, state, name }))).toEqual([
      { kind: 'kinesis-stream', state: 'missing', name: 'in' },
      { kind: 'firehose-delivery-stream', state: 'external', name: 'shared' },
      { kind: 's3-bucket', state: 'unreadable', name: 'ref-data' },
    ]);
    expect(graph.edges.map((edge) => edge.relation)).toEqual(['source', 'sink', 'reference-data']);
  });

  it('judges a Firehose stream fed by Kinesis through its source stream and key', () => {
    // Prepare
    const source = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/raw`;
    const delivery = `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/archive`;
    const snapshot: AccountSnapshot = {
      snapshotVersion: 1,
      accountId: ACCOUNT,
      regions: {
        [REGION]: {
          applications: [
            app('archiver', {
              ApplicationConfigurationDescription: {
                EnvironmentPropertyDescriptions: {
                  PropertyGroupDescriptions: [
                    { PropertyGroupId: 'Sink', PropertyMap: { 'sink.arn': delivery } },
                  ],
                },
              },
            }),
          ],
          streams: [
            { StreamName: 'raw', StreamARN: source, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
          ],
          deliveryStreams: [
            {
              DeliveryStreamName: 'archive',
              DeliveryStreamARN: delivery,
              DeliveryStreamType: 'KinesisStreamAsSource',
              Source: { KinesisStreamSourceDescription: { KinesisStreamARN: source } },
              Destinations: [
                {
                  ExtendedS3DestinationDescription: {
                    BucketARN: 'arn:aws:s3:::archive',
                    EncryptionConfiguration: {
                      KMSEncryptionConfig: {
                        AWSKMSKeyARN: `arn:aws:kms:${REGION}:${ACCOUNT}:key/archive-key`,
                      },
                    },
                  },
                },
              ],
            },
          ],
        },
      },
    };

    // Act
    const graph = graphOf(snapshot, 'archiver');

    // Assess
    expect(graph.edges.slice(1)).toEqual([
      { from: delivery, to: source, relation: 'stream-source' },
      { from: delivery, to: 'arn:aws:s3:::archive', relation: 'destination' },
      { from: delivery, to: `arn:aws:kms:${REGION}:${ACCOUNT}:key/archive-key`, relation: 'encryption-key' },
      { from: source, to: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/kinesis`, relation: 'encryption-key' },
    ]);
  });

  it('ignores role grants on resource patterns', () => {
    // Prepare
    const snapshot: AccountSnapshot = {
      snapshotVersion: 1,
      accountId: ACCOUNT,
      iam: {
        roles: [
          {
            RoleName: 'r',
            Arn: `arn:aws:iam::${ACCOUNT}:role/r`,
            RolePolicyList: [
              {
                PolicyName: 'p',
                PolicyDocument: {
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: 'kinesis:*',
                      Resource: [
                        `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/*`,
                        `arn:aws:kinesis:*:${ACCOUNT}:stream/x`,
                      ],
                    },
                    {
                      Effect: 'Allow',
                      Action: 's3:GetObject',
                      Resource: ['arn:aws:s3:::code-*/*', 'arn:aws:s3:::code/app.jar'],
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
      regions: {
        [REGION]: { applications: [app('a', { ServiceExecutionRole: `arn:aws:iam::${ACCOUNT}:role/r` })] },
      },
    };

    // Act
    const graph = graphOf(snapshot, 'a');

    // Assess
    expect(graph.nodes.map((node) => [node.kind, node.name, node.origins])).toEqual([
      ['application', 'a', ['configuration']],
      ['iam-role', 'r', ['configuration']],
      ['s3-bucket', 'code', ['role-policy']],
    ]);
  });
});
