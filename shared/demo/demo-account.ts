import type {
  AccountSnapshot,
  ApplicationDetail,
  DeliveryStreamDescription,
  TrailDetail,
} from '../snapshot/types.js';
import { DEMO_ACCESS_KEYS, demoCodeObject } from './demo-artifacts.js';
import {
  DEMO_ACCOUNT_ID,
  DEMO_KEYS,
  demoApplicationArn,
  demoKeyArn,
  demoPolicies,
  demoRoles,
} from './demo-iam.js';
import {
  applicationLogGroup,
  awsKinesisKey,
  bucket,
  customerKey,
  demoAccountPublicAccessBlock,
  flinkApplication,
  stream,
} from './demo-resources.js';

const EU = 'eu-west-1';
const US = 'us-east-1';
const STREAM_KEY = demoKeyArn(EU, DEMO_KEYS.streams);

/**
 * The applications of the demo account and what each one shows. payments-aggregator is the
 * clean one; every other carries one kind of problem, so the report reads like a tour.
 */
export const DEMO_APPLICATIONS = {
  'payments-aggregator': 'clean: scoped role, encrypted streams and bucket, logging, CloudTrail',
  'fraud-scorer':
    'AdministratorAccess role, BASIC (long-term) credentials in runtime properties, a live access key in its JAR',
  'clickstream-sessionizer': 'unencrypted source stream and a Firehose sink with SSE off',
  'inventory-snapshots': 'code bucket without a TLS-only policy, SSE-S3 only, and a key pending deletion',
  'orders-router': 'trust policy without aws:SourceAccount/SourceArn, role shared with legacy-sql-alerts',
  'legacy-sql-alerts': 'region without CloudTrail, logging disabled, discontinued SQL-1_0 runtime',
  'partner-feed-loader': 'a key the scan could not read (AccessDenied): its checks are ERROR, never PASS',
} as const;

// A SQL application (v2 API shape): inputs and outputs live in its SQL configuration.
const legacySqlAlerts: ApplicationDetail = {
  ApplicationARN: demoApplicationArn(US, 'legacy-sql-alerts'),
  ApplicationName: 'legacy-sql-alerts',
  ApplicationDescription: 'Threshold alerts, written before the move to Flink',
  RuntimeEnvironment: 'SQL-1_0',
  ServiceExecutionRole: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/demo-orders-shared-role`,
  ApplicationStatus: 'READY',
  ApplicationVersionId: 12,
  CreateTimestamp: '2021-05-04T10:00:00Z',
  LastUpdateTimestamp: '2023-02-01T10:00:00Z',
  ApplicationConfigurationDescription: {
    ApplicationCodeConfigurationDescription: {
      CodeContentType: 'PLAINTEXT',
      CodeContentDescription: {
        TextContent:
          'CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), price DOUBLE);\n' +
          'CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM" ' +
          'SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001" WHERE price > 100;',
      },
    },
    SqlApplicationConfigurationDescription: {
      InputDescriptions: [
        {
          InputId: '1.1',
          NamePrefix: 'SOURCE_SQL_STREAM',
          InAppStreamNames: ['SOURCE_SQL_STREAM_001'],
          KinesisStreamsInputDescription: { ResourceARN: stream(US, 'alerts-in').StreamARN },
          InputSchema: {
            RecordFormat: {
              RecordFormatType: 'JSON',
              MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } },
            },
            RecordEncoding: 'UTF-8',
            RecordColumns: [
              { Name: 'ticker', Mapping: '$.ticker', SqlType: 'VARCHAR(4)' },
              { Name: 'price', Mapping: '$.price', SqlType: 'DOUBLE' },
            ],
          },
          InputParallelism: { Count: 1 },
          InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' },
        },
      ],
      OutputDescriptions: [
        {
          OutputId: '1.1',
          Name: 'DESTINATION_SQL_STREAM',
          KinesisStreamsOutputDescription: { ResourceARN: stream(US, 'alerts-out').StreamARN },
          DestinationSchema: { RecordFormatType: 'JSON' },
        },
      ],
    },
  },
  CloudWatchLoggingOptionDescriptions: [],
};

const clicksToLake: DeliveryStreamDescription = {
  DeliveryStreamName: 'clicks-to-lake',
  DeliveryStreamARN: `arn:aws:firehose:${EU}:${DEMO_ACCOUNT_ID}:deliverystream/clicks-to-lake`,
  DeliveryStreamStatus: 'ACTIVE',
  DeliveryStreamType: 'DirectPut',
  VersionId: '3',
  CreateTimestamp: '2025-06-02T12:00:00Z',
  DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
  Destinations: [
    {
      DestinationId: 'destinationId-000000000001',
      ExtendedS3DestinationDescription: {
        RoleARN: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/demo-firehose-lake-role`,
        BucketARN: 'arn:aws:s3:::acme-demo-lake',
        Prefix: 'clicks/',
        BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 300 },
        CompressionFormat: 'GZIP',
        EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: STREAM_KEY } },
      },
    },
  ],
  HasMoreDestinations: false,
};

// A single-region trail: it covers eu-west-1 only, which leaves us-east-1 unmonitored.
const regionalTrail: TrailDetail = {
  Name: 'demo-eu-audit',
  S3BucketName: 'acme-demo-cloudtrail',
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: false,
  HomeRegion: EU,
  TrailARN: `arn:aws:cloudtrail:${EU}:${DEMO_ACCOUNT_ID}:trail/demo-eu-audit`,
  LogFileValidationEnabled: true,
  KmsKeyId: STREAM_KEY,
  HasCustomEventSelectors: false,
  HasInsightSelectors: false,
  IsOrganizationTrail: false,
  Status: {
    IsLogging: true,
    LatestDeliveryTime: '2026-11-29T01:55:00Z',
    StartLoggingTime: '2025-01-01T00:00:00Z',
    LatestDigestDeliveryTime: '2026-11-29T01:30:00Z',
  },
  EventSelectors: {
    TrailARN: `arn:aws:cloudtrail:${EU}:${DEMO_ACCOUNT_ID}:trail/demo-eu-audit`,
    EventSelectors: [
      { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: [] },
    ],
  },
};

const code = (application: string) => `${application}/${application}-2.3.1.jar`;
const unreadableKey = demoKeyArn(EU, DEMO_KEYS.unreadable);

/** A fictional account with seven applications in two regions, one clean and six with problems. */
export const demoAccount: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: DEMO_ACCOUNT_ID,
  partition: 'aws',
  collectedAt: '2026-11-29T02:00:00Z',
  iam: { roles: demoRoles, policies: demoPolicies, accessKeys: DEMO_ACCESS_KEYS },
  s3: {
    accountPublicAccessBlock: demoAccountPublicAccessBlock,
    buckets: [
      {
        ...bucket('acme-demo-artifacts', EU, { kmsKeyArn: STREAM_KEY, tlsOnly: true }),
        Objects: [
          'clickstream-sessionizer',
          'fraud-scorer',
          'orders-router',
          'partner-feed-loader',
          'payments-aggregator',
        ].map((name) => demoCodeObject(name, code(name))),
      },
      bucket('acme-demo-lake', EU, { kmsKeyArn: STREAM_KEY, tlsOnly: true }),
      {
        ...bucket('acme-demo-inventory-code', EU, { tlsOnly: false }),
        Objects: [demoCodeObject('inventory-snapshots', code('inventory-snapshots'))],
      },
    ],
  },
  regions: {
    [EU]: {
      applications: [
        flinkApplication({
          region: EU,
          name: 'payments-aggregator',
          runtime: 'FLINK-1_20',
          roleName: 'demo-payments-aggregator-role',
          codeBucket: 'acme-demo-artifacts',
          codeKey: code('payments-aggregator'),
          properties: {
            'aws.region': EU,
            'input.stream.name': 'payments-raw',
            'output.stream.name': 'payments-totals',
          },
          logging: true,
        }),
        flinkApplication({
          region: EU,
          name: 'fraud-scorer',
          runtime: 'FLINK-1_20',
          roleName: 'demo-fraud-scorer-role',
          codeBucket: 'acme-demo-artifacts',
          codeKey: code('fraud-scorer'),
          // AWS's documentation example keys: they look real to the detector and are not.
          properties: {
            'aws.region': EU,
            'input.stream.name': 'fraud-events',
            'aws.credentials.provider': 'BASIC',
            'aws.credentials.provider.basic.accesskeyid': 'AKIAIOSFODNN7EXAMPLE',
            'aws.credentials.provider.basic.secretkey': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          },
          logging: true,
        }),
        flinkApplication({
          region: EU,
          name: 'clickstream-sessionizer',
          runtime: 'FLINK-1_20',
          roleName: 'demo-clickstream-sessionizer-role',
          codeBucket: 'acme-demo-artifacts',
          codeKey: code('clickstream-sessionizer'),
          properties: {
            'aws.region': EU,
            'input.stream.name': 'clickstream-raw',
            'delivery.stream.name': 'clicks-to-lake',
          },
          logging: true,
        }),
        flinkApplication({
          region: EU,
          name: 'inventory-snapshots',
          runtime: 'FLINK-1_20',
          roleName: 'demo-inventory-snapshots-role',
          codeBucket: 'acme-demo-inventory-code',
          codeKey: code('inventory-snapshots'),
          properties: { 'aws.region': EU, 'input.stream.name': 'inventory-changes' },
          logging: true,
        }),
        flinkApplication({
          region: EU,
          name: 'orders-router',
          runtime: 'FLINK-1_20',
          roleName: 'demo-orders-shared-role',
          codeBucket: 'acme-demo-artifacts',
          codeKey: code('orders-router'),
          properties: {
            'aws.region': EU,
            'input.stream.name': 'orders-in',
            'output.stream.name': 'orders-routed',
          },
          logging: true,
        }),
        flinkApplication({
          region: EU,
          name: 'partner-feed-loader',
          runtime: 'FLINK-1_20',
          roleName: 'demo-partner-feed-loader-role',
          codeBucket: 'acme-demo-artifacts',
          codeKey: code('partner-feed-loader'),
          properties: { 'aws.region': EU, 'input.stream.name': 'partner-feed' },
          logging: true,
        }),
      ],
      streams: [
        stream(EU, 'payments-raw', STREAM_KEY),
        stream(EU, 'payments-totals', STREAM_KEY),
        stream(EU, 'fraud-events', STREAM_KEY),
        stream(EU, 'clickstream-raw'),
        stream(EU, 'inventory-changes', demoKeyArn(EU, DEMO_KEYS.pendingDeletion)),
        stream(EU, 'orders-in', 'alias/aws/kinesis'),
        stream(EU, 'orders-routed', 'alias/aws/kinesis'),
        stream(EU, 'partner-feed', unreadableKey),
      ],
      deliveryStreams: [clicksToLake],
      trails: [regionalTrail],
      keys: [
        customerKey(EU, DEMO_KEYS.streams, 'alias/demo-streams'),
        customerKey(EU, DEMO_KEYS.pendingDeletion, 'alias/demo-inventory', {
          deletionDate: '2026-12-04T00:00:00Z',
        }),
        awsKinesisKey(EU, DEMO_KEYS.awsKinesisEu),
      ],
      logGroups: [
        'payments-aggregator',
        'fraud-scorer',
        'clickstream-sessionizer',
        'inventory-snapshots',
        'orders-router',
        'partner-feed-loader',
      ].map((name) => applicationLogGroup(EU, name)),
    },
    [US]: {
      applications: [legacySqlAlerts],
      streams: [stream(US, 'alerts-in', 'alias/aws/kinesis'), stream(US, 'alerts-out', 'alias/aws/kinesis')],
      deliveryStreams: [],
      trails: [],
      keys: [awsKinesisKey(US, DEMO_KEYS.awsKinesisUs)],
      logGroups: [],
    },
  },
  collectionErrors: [
    {
      operation: 'kms:DescribeKey',
      resource: unreadableKey,
      region: EU,
      code: 'AccessDeniedException',
      message: `User: arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/kda-auditor-scan/kda-auditor is not authorized to perform: kms:DescribeKey on resource: ${unreadableKey} because no resource-based policy allows the kms:DescribeKey action`,
    },
  ],
};
