import type {
  AccountSnapshot,
  ApplicationDetail,
  DeliveryStreamDescription,
  KeyDetail,
  TrailDetail,
} from '../../shared/snapshot/types.js';

const EU = 'eu-west-1';

/**
 * The example account, changed so the seed and the scan meet what the example leaves out: a key
 * without rotation and a disabled one (EnableKeyRotation off, DisableKey), Firehose SSE with a
 * customer key (StartDeliveryStreamEncryption), a delivery stream fed by a Kinesis stream into a
 * plain S3 destination, a bucket with no default encryption, a role another account may assume,
 * an encrypted log group, a trail without validation or KMS, and a stopped regional trail with
 * advanced event selectors.
 */
export function edgeAccount(example: AccountSnapshot): AccountSnapshot {
  const account = structuredClone(example);
  const id = account.accountId;
  const eu = account.regions?.[EU] ?? {};
  const streamKey = eu.keys?.find((key) => key.KeyMetadata.KeyManager === 'CUSTOMER');
  if (!streamKey) throw new Error('The example account has no customer managed key in eu-west-1.');
  streamKey.KeyRotationEnabled = false;
  const disabledKey = retiredKey(id, 'd15ab1ed-4444-4555-8666-777788889999', 'alias/acme-retired');
  eu.keys = [...(eu.keys ?? []), disabledKey];

  for (const stream of eu.streams ?? []) {
    if (stream.StreamName === 'clickstream-enriched') stream.KeyId = disabledKey.KeyMetadata.Arn;
  }
  const lake = eu.deliveryStreams?.find((delivery) => delivery.DeliveryStreamName === 'sessions-to-lake');
  if (lake) {
    lake.DeliveryStreamEncryptionConfiguration = {
      Status: 'ENABLED',
      KeyType: 'CUSTOMER_MANAGED_CMK',
      KeyARN: streamKey.KeyMetadata.Arn,
    };
  }
  eu.deliveryStreams = [...(eu.deliveryStreams ?? []), sessionsArchive(id)];
  const sessionizer = eu.applications?.find(
    (application) => application.ApplicationName === 'legacy-sessionizer',
  );
  if (sessionizer) nameArchiveIn(sessionizer, sessionsArchive(id).DeliveryStreamARN);
  eu.logGroups = [
    {
      logGroupName: '/aws/kinesis-analytics/clickstream-enricher',
      arn: `arn:aws:logs:${EU}:${id}:log-group:/aws/kinesis-analytics/clickstream-enricher:*`,
      kmsKeyId: streamKey.KeyMetadata.Arn,
      retentionInDays: 90,
    },
  ];
  eu.trails = [stoppedDataTrail(id)];

  const legacyBucket = account.s3?.buckets?.find((bucket) => bucket.Name === 'acme-legacy-jobs');
  if (legacyBucket) legacyBucket.ServerSideEncryptionConfiguration = null;
  const enricherRole = account.iam?.roles?.find((role) => role.RoleName === 'clickstream-enricher-role');
  if (enricherRole) {
    enricherRole.AssumeRolePolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'kinesisanalytics.amazonaws.com', AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
        },
      ],
    };
  }
  for (const trail of account.regions?.['us-east-1']?.trails ?? []) {
    trail.LogFileValidationEnabled = false;
    delete trail.KmsKeyId;
  }
  return account;
}

// A disabled customer managed key: rotation stays on, KMS just does not rotate it while disabled.
function retiredKey(accountId: string, keyId: string, alias: string): KeyDetail {
  return {
    KeyMetadata: {
      AWSAccountId: accountId,
      KeyId: keyId,
      Arn: `arn:aws:kms:${EU}:${accountId}:key/${keyId}`,
      Enabled: false,
      KeyState: 'Disabled',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
    },
    KeyRotationEnabled: true,
    Aliases: [alias],
  };
}

function sessionsArchive(accountId: string): DeliveryStreamDescription {
  return {
    DeliveryStreamName: 'sessions-archive',
    DeliveryStreamARN: `arn:aws:firehose:${EU}:${accountId}:deliverystream/sessions-archive`,
    DeliveryStreamStatus: 'ACTIVE',
    DeliveryStreamType: 'KinesisStreamAsSource',
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    Source: {
      KinesisStreamSourceDescription: {
        KinesisStreamARN: `arn:aws:kinesis:${EU}:${accountId}:stream/sessions-in`,
        RoleARN: `arn:aws:iam::${accountId}:role/firehose-sessions-role`,
      },
    },
    Destinations: [
      {
        DestinationId: 'destinationId-000000000001',
        S3DestinationDescription: {
          RoleARN: `arn:aws:iam::${accountId}:role/firehose-sessions-role`,
          BucketARN: 'arn:aws:s3:::acme-legacy-jobs',
          Prefix: 'archive/',
          BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
          CompressionFormat: 'UNCOMPRESSED',
          EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
        },
      },
    ],
    HasMoreDestinations: false,
  };
}

// The application names the archive stream by ARN in its runtime properties.
function nameArchiveIn(application: ApplicationDetail, archiveArn: string): void {
  const groups =
    application.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
      ?.PropertyGroupDescriptions ?? [];
  const sink = groups.find((group) => group.PropertyGroupId === 'SinkProperties');
  if (sink) sink.PropertyMap = { ...sink.PropertyMap, 'archive.delivery.stream.arn': archiveArn };
}

function stoppedDataTrail(accountId: string): TrailDetail {
  return {
    Name: 'eu-data-events',
    S3BucketName: 'acme-eu-data-events',
    IncludeGlobalServiceEvents: false,
    IsMultiRegionTrail: false,
    HomeRegion: EU,
    TrailARN: `arn:aws:cloudtrail:${EU}:${accountId}:trail/eu-data-events`,
    LogFileValidationEnabled: true,
    HasCustomEventSelectors: true,
    IsOrganizationTrail: false,
    Status: { IsLogging: false },
    EventSelectors: {
      AdvancedEventSelectors: [
        {
          Name: 'Write management events',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'readOnly', Equals: ['false'] },
          ],
        },
      ],
    },
  };
}
