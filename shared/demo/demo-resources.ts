import type {
  ApplicationDetail,
  BucketDetail,
  KeyDetail,
  LogGroupDetail,
  StreamDescriptionSummary,
} from '../snapshot/types.js';
import { DEMO_ACCOUNT_ID, demoApplicationArn, demoKeyArn } from './demo-iam.js';

/** What a demo Flink application is made of; everything else takes AWS's usual values. */
export interface DemoFlinkApplication {
  region: string;
  name: string;
  runtime: string;
  roleName: string;
  codeBucket: string;
  codeKey: string;
  properties: Record<string, string>;
  logging: boolean;
}

/** A DescribeApplication.ApplicationDetail for a Flink application running from S3 code. */
export function flinkApplication(app: DemoFlinkApplication): ApplicationDetail {
  return {
    ApplicationARN: demoApplicationArn(app.region, app.name),
    ApplicationName: app.name,
    RuntimeEnvironment: app.runtime,
    ApplicationMode: 'STREAMING',
    ServiceExecutionRole: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/${app.roleName}`,
    ApplicationStatus: 'RUNNING',
    ApplicationVersionId: 4,
    CreateTimestamp: '2025-04-01T10:00:00Z',
    LastUpdateTimestamp: '2026-10-15T08:30:00Z',
    ApplicationConfigurationDescription: {
      ApplicationCodeConfigurationDescription: {
        CodeContentType: 'ZIPFILE',
        CodeContentDescription: {
          CodeMD5: 'a3c65c2974270fd093ee8a9bf8ae7d0b',
          CodeSize: 41_204_113,
          S3ApplicationCodeLocationDescription: {
            BucketARN: `arn:aws:s3:::${app.codeBucket}`,
            FileKey: app.codeKey,
          },
        },
      },
      EnvironmentPropertyDescriptions: {
        PropertyGroupDescriptions: [
          { PropertyGroupId: 'FlinkApplicationProperties', PropertyMap: app.properties },
        ],
      },
      FlinkApplicationConfigurationDescription: {
        CheckpointConfigurationDescription: {
          ConfigurationType: 'DEFAULT',
          CheckpointingEnabled: true,
          CheckpointInterval: 60000,
        },
        MonitoringConfigurationDescription: {
          ConfigurationType: 'CUSTOM',
          MetricsLevel: 'APPLICATION',
          LogLevel: 'INFO',
        },
        ParallelismConfigurationDescription: {
          ConfigurationType: 'CUSTOM',
          Parallelism: 2,
          ParallelismPerKPU: 1,
          CurrentParallelism: 2,
          AutoScalingEnabled: true,
        },
      },
      ApplicationSnapshotConfigurationDescription: { SnapshotsEnabled: true },
      ApplicationEncryptionConfigurationDescription: { KeyType: 'AWS_OWNED_KEY' },
    },
    CloudWatchLoggingOptionDescriptions: app.logging
      ? [
          {
            CloudWatchLoggingOptionId: '1.1',
            LogStreamARN: `${logGroupArnOf(app.region, app.name)}:log-stream:kinesis-analytics-log-stream`,
          },
        ]
      : [],
  };
}

function logGroupArnOf(region: string, application: string): string {
  return `arn:aws:logs:${region}:${DEMO_ACCOUNT_ID}:log-group:/aws/kinesis-analytics/${application}`;
}

/** The DescribeLogGroups entry of an application's log group. */
export function applicationLogGroup(region: string, application: string): LogGroupDetail {
  return {
    logGroupName: `/aws/kinesis-analytics/${application}`,
    creationTime: 1_743_501_600_000,
    retentionInDays: 30,
    metricFilterCount: 0,
    arn: `${logGroupArnOf(region, application)}:*`,
    logGroupArn: logGroupArnOf(region, application),
    storedBytes: 52_428_800,
    logGroupClass: 'STANDARD',
  };
}

/** A DescribeStreamSummary.StreamDescriptionSummary; `keyId` set means SSE-KMS with that key. */
export function stream(region: string, name: string, keyId?: string): StreamDescriptionSummary {
  return {
    StreamName: name,
    StreamARN: `arn:aws:kinesis:${region}:${DEMO_ACCOUNT_ID}:stream/${name}`,
    StreamStatus: 'ACTIVE',
    StreamModeDetails: { StreamMode: 'ON_DEMAND' },
    RetentionPeriodHours: 24,
    StreamCreationTimestamp: '2025-03-20T12:00:00Z',
    EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
    EncryptionType: keyId ? 'KMS' : 'NONE',
    ...(keyId ? { KeyId: keyId } : {}),
    OpenShardCount: 2,
    ConsumerCount: 0,
  };
}

/** A customer managed symmetric key; pass `pendingDeletion` to schedule its deletion. */
export function customerKey(
  region: string,
  keyId: string,
  alias: string,
  pendingDeletion?: { deletionDate: string },
): KeyDetail {
  return {
    KeyMetadata: {
      AWSAccountId: DEMO_ACCOUNT_ID,
      KeyId: keyId,
      Arn: demoKeyArn(region, keyId),
      CreationDate: '2025-01-15T09:00:00Z',
      Enabled: !pendingDeletion,
      Description: `Demo key ${alias}`,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: pendingDeletion ? 'PendingDeletion' : 'Enabled',
      ...(pendingDeletion
        ? { DeletionDate: pendingDeletion.deletionDate, PendingDeletionWindowInDays: 7 }
        : {}),
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    },
    // KMS reports rotation off while a key is pending deletion (GetKeyRotationStatus).
    KeyRotationEnabled: !pendingDeletion,
    Aliases: [alias],
  };
}

/** The AWS managed key behind `alias/aws/kinesis` in a region. */
export function awsKinesisKey(region: string, keyId: string): KeyDetail {
  return {
    KeyMetadata: {
      AWSAccountId: DEMO_ACCOUNT_ID,
      KeyId: keyId,
      Arn: demoKeyArn(region, keyId),
      CreationDate: '2024-06-01T00:00:00Z',
      Enabled: true,
      Description: 'Default key that protects my Kinesis data when no other key is defined',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'AWS',
      KeySpec: 'SYMMETRIC_DEFAULT',
      MultiRegion: false,
    },
    KeyRotationEnabled: true,
    Aliases: ['alias/aws/kinesis'],
  };
}

const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
} as const;

/** A bucket; `kmsKeyArn` set means SSE-KMS with it (else SSE-S3), `tlsOnly` adds the Deny policy. */
export function bucket(
  name: string,
  region: string,
  options: { kmsKeyArn?: string; tlsOnly: boolean },
): BucketDetail {
  const rule = options.kmsKeyArn
    ? {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: options.kmsKeyArn },
        BucketKeyEnabled: true,
      }
    : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false };
  const tlsOnly = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
  return {
    Name: name,
    Region: region,
    ServerSideEncryptionConfiguration: { Rules: [rule] },
    // GetBucketPolicy returns the policy as a JSON string.
    Policy: options.tlsOnly ? JSON.stringify(tlsOnly) : null,
    PublicAccessBlockConfiguration: { ...ALL_BLOCKED },
    Versioning: { Status: 'Enabled' },
  };
}

/** The account-level S3 Block Public Access settings of the demo account. */
export const demoAccountPublicAccessBlock = { ...ALL_BLOCKED };
