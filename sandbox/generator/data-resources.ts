import type {
  BucketDetail,
  DeliveryStreamDescription,
  StreamDescriptionSummary,
} from '../../shared/snapshot/types.js';
import type { AccountArns } from './account-arns.js';
import { momentBefore } from './generated-time.js';
import type { SeededRandom } from './random.js';

/** A DescribeStreamSummary.StreamDescriptionSummary; a `keyId` (ARN or alias) means SSE-KMS with it. */
export function kinesisStream(
  arns: AccountArns,
  random: SeededRandom,
  region: string,
  name: string,
  keyId: string | undefined,
): StreamDescriptionSummary {
  const onDemand = random.chance(0.6);
  return {
    StreamName: name,
    StreamARN: arns.stream(region, name),
    StreamStatus: 'ACTIVE',
    StreamModeDetails: { StreamMode: onDemand ? 'ON_DEMAND' : 'PROVISIONED' },
    RetentionPeriodHours: random.pick([24, 24, 48, 168]),
    StreamCreationTimestamp: momentBefore(random, 30, 1200),
    EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
    EncryptionType: keyId ? 'KMS' : 'NONE',
    ...(keyId ? { KeyId: keyId } : {}),
    OpenShardCount: onDemand ? 4 : random.between(1, 16),
    ConsumerCount: 0,
  };
}

/** How a delivery stream encrypts what it buffers: a customer key, an AWS owned key, or not at all. */
export type DeliveryEncryption = { keyArn: string } | 'aws-owned' | 'off';

/** A DirectPut Firehose DeliveryStreamDescription writing GZIP objects under `prefix` in a bucket. */
export function deliveryStream(
  arns: AccountArns,
  random: SeededRandom,
  options: {
    region: string;
    name: string;
    roleArn: string;
    bucketName: string;
    prefix: string;
    objectKeyArn: string;
    encryption: DeliveryEncryption;
  },
): DeliveryStreamDescription {
  const { encryption } = options;
  let sse: DeliveryStreamDescription['DeliveryStreamEncryptionConfiguration'] = { Status: 'DISABLED' };
  if (encryption === 'aws-owned') sse = { KeyType: 'AWS_OWNED_CMK', Status: 'ENABLED' };
  else if (encryption !== 'off') {
    sse = { KeyARN: encryption.keyArn, KeyType: 'CUSTOMER_MANAGED_CMK', Status: 'ENABLED' };
  }
  return {
    DeliveryStreamName: options.name,
    DeliveryStreamARN: arns.deliveryStream(options.region, options.name),
    DeliveryStreamStatus: 'ACTIVE',
    DeliveryStreamEncryptionConfiguration: sse,
    DeliveryStreamType: 'DirectPut',
    VersionId: String(random.between(1, 6)),
    CreateTimestamp: momentBefore(random, 30, 900),
    Destinations: [
      {
        DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationDescription: {
          RoleARN: options.roleArn,
          BucketARN: arns.bucket(options.bucketName),
          Prefix: options.prefix,
          ErrorOutputPrefix: `errors/${options.prefix}`,
          BufferingHints: { SizeInMBs: random.pick([64, 128]), IntervalInSeconds: random.pick([60, 300]) },
          CompressionFormat: 'GZIP',
          EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: options.objectKeyArn } },
          CloudWatchLoggingOptions: { Enabled: false },
          S3BackupMode: 'Disabled',
        },
      },
    ],
    HasMoreDestinations: false,
  };
}

const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
} as const;

/** The account-level S3 Block Public Access settings: everything blocked. */
export function accountPublicAccessBlock() {
  return { ...ALL_BLOCKED };
}

/**
 * A bucket: SSE-KMS with `kmsKeyArn` (else SSE-S3), and a bucket policy holding the TLS-only Deny
 * when `tlsOnly`, followed by any `statements` of its own (e.g. CloudTrail's delivery grants).
 */
export function bucket(
  arns: AccountArns,
  name: string,
  region: string,
  options: { kmsKeyArn?: string; tlsOnly: boolean; statements?: Record<string, unknown>[] },
): BucketDetail {
  const rule = options.kmsKeyArn
    ? {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: options.kmsKeyArn },
        BucketKeyEnabled: true,
      }
    : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false };
  const statements = [
    ...(options.tlsOnly
      ? [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [arns.bucket(name), `${arns.bucket(name)}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]
      : []),
    ...(options.statements ?? []),
  ];
  return {
    Name: name,
    Region: region,
    ServerSideEncryptionConfiguration: { Rules: [rule] },
    // GetBucketPolicy returns the policy as a JSON string; no policy at all is null.
    Policy: statements.length > 0 ? JSON.stringify({ Version: '2012-10-17', Statement: statements }) : null,
    PublicAccessBlockConfiguration: { ...ALL_BLOCKED },
    Versioning: { Status: 'Enabled' },
  };
}
