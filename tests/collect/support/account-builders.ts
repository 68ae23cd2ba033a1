/**
 * Small builders for the accounts the fake AWS serves: each returns AWS's own shape with sensible
 * defaults, so a test states only what its outcome depends on.
 */
import type {
  AccountSnapshot,
  ApplicationDetail,
  BucketDetail,
  DeliveryStreamDescription,
  KeyDetail,
  ManagedPolicyDetail,
  RegionSnapshot,
  RoleDetail,
  StreamDescriptionSummary,
  TrailDetail,
} from '../../../shared/snapshot/types.js';

/** The account every fixture lives in. */
export const ACCOUNT_ID = '111122223333';
/** The region every fixture lives in unless told otherwise. */
export const REGION = 'eu-west-1';

/** The ARN of a role in the fixture account. */
export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
/** The ARN of a Kinesis data stream. */
export const streamArn = (name: string, region = REGION) =>
  `arn:aws:kinesis:${region}:${ACCOUNT_ID}:stream/${name}`;
/** The ARN of a Firehose delivery stream. */
export const deliveryStreamArn = (name: string, region = REGION) =>
  `arn:aws:firehose:${region}:${ACCOUNT_ID}:deliverystream/${name}`;
/** The ARN of a KMS key. */
export const keyArn = (id: string, region = REGION) => `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${id}`;
/** The ARN of an application. */
export const applicationArn = (name: string, region = REGION) =>
  `arn:aws:kinesisanalytics:${region}:${ACCOUNT_ID}:application/${name}`;

/** An account holding the given regions, roles, policies and buckets. */
export function account(parts: {
  regions?: Record<string, RegionSnapshot>;
  roles?: RoleDetail[];
  policies?: ManagedPolicyDetail[];
  buckets?: BucketDetail[];
}): AccountSnapshot {
  return {
    snapshotVersion: 1,
    accountId: ACCOUNT_ID,
    partition: 'aws',
    iam: { roles: parts.roles ?? [], policies: parts.policies ?? [] },
    s3: { accountPublicAccessBlock: null, buckets: parts.buckets ?? [] },
    regions: parts.regions ?? { [REGION]: {} },
  };
}

/** A Flink application; `properties` become its runtime property group, `code` its code bucket. */
export function application(
  name: string,
  options: { region?: string; role?: string; properties?: Record<string, string>; code?: string } = {},
): ApplicationDetail {
  const region = options.region ?? REGION;
  return {
    ApplicationARN: applicationArn(name, region),
    ApplicationName: name,
    RuntimeEnvironment: 'FLINK-1_20',
    ApplicationStatus: 'RUNNING',
    ApplicationVersionId: 1,
    CreateTimestamp: '2025-03-02T10:00:00.000Z',
    ...(options.role ? { ServiceExecutionRole: roleArn(options.role) } : {}),
    ApplicationConfigurationDescription: {
      ...(options.code
        ? {
            ApplicationCodeConfigurationDescription: {
              CodeContentType: 'ZIPFILE',
              CodeContentDescription: {
                S3ApplicationCodeLocationDescription: {
                  BucketARN: `arn:aws:s3:::${options.code}`,
                  FileKey: 'app.jar',
                },
              },
            },
          }
        : {}),
      EnvironmentPropertyDescriptions: {
        PropertyGroupDescriptions: options.properties
          ? [{ PropertyGroupId: 'FlinkApplicationProperties', PropertyMap: options.properties }]
          : [],
      },
    },
  };
}

/** A role with one inline policy allowing `actions` on `resources`, and the given attached policies. */
export function role(name: string, options: { allow?: string[]; attached?: string[] } = {}): RoleDetail {
  return {
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().replace(/[^A-Z]/g, '')}`,
    Arn: roleArn(name),
    Path: '/',
    CreateDate: '2025-01-01T00:00:00.000Z',
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'kinesisanalytics.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    RolePolicyList: options.allow
      ? [
          {
            PolicyName: `${name}-access`,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'kinesis:*', Resource: options.allow }],
            },
          },
        ]
      : [],
    AttachedManagedPolicies: (options.attached ?? []).map((arn) => ({
      PolicyName: arn.split('/').pop() ?? arn,
      PolicyArn: arn,
    })),
  };
}

/** A managed policy with one default version allowing `action` on everything. */
export function managedPolicy(arn: string, action = 'kinesis:*'): ManagedPolicyDetail {
  return {
    PolicyName: arn.split('/').pop() ?? arn,
    Arn: arn,
    DefaultVersionId: 'v2',
    PolicyVersionList: [
      {
        VersionId: 'v2',
        IsDefaultVersion: true,
        Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] },
      },
    ],
  };
}

/** A Kinesis data stream, KMS-encrypted with `keyId` when given. */
export function stream(name: string, keyId?: string, region = REGION): StreamDescriptionSummary {
  return {
    StreamName: name,
    StreamARN: streamArn(name, region),
    StreamStatus: 'ACTIVE',
    StreamCreationTimestamp: '2025-03-01T12:00:00.000Z',
    EncryptionType: keyId ? 'KMS' : 'NONE',
    ...(keyId ? { KeyId: keyId } : {}),
  };
}

/** A Direct PUT delivery stream writing to each bucket, one destination per bucket. */
export function deliveryStream(name: string, buckets: string[], region = REGION): DeliveryStreamDescription {
  return {
    DeliveryStreamName: name,
    DeliveryStreamARN: deliveryStreamArn(name, region),
    DeliveryStreamStatus: 'ACTIVE',
    DeliveryStreamType: 'DirectPut',
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    Destinations: buckets.map((bucket, index) => ({
      DestinationId: `destinationId-${String(index + 1).padStart(12, '0')}`,
      ExtendedS3DestinationDescription: {
        BucketARN: `arn:aws:s3:::${bucket}`,
        EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
      },
    })),
    HasMoreDestinations: false,
  };
}

/** A bucket with SSE-KMS under `kmsKeyId`, or SSE-S3 when no key is given. */
export function bucket(name: string, kmsKeyId?: string, region = REGION): BucketDetail {
  return {
    Name: name,
    Region: region,
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: kmsKeyId
            ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKeyId }
            : { SSEAlgorithm: 'AES256' },
          BucketKeyEnabled: false,
        },
      ],
    },
    Policy: null,
    PublicAccessBlockConfiguration: null,
    Versioning: { Status: 'Enabled' },
  };
}

/** An enabled symmetric key, customer managed unless told otherwise. */
export function key(
  id: string,
  options: { aliases?: string[]; manager?: 'CUSTOMER' | 'AWS'; rotation?: boolean; region?: string } = {},
): KeyDetail {
  const region = options.region ?? REGION;
  return {
    KeyMetadata: {
      AWSAccountId: ACCOUNT_ID,
      KeyId: id,
      Arn: keyArn(id, region),
      CreationDate: '2024-05-01T00:00:00.000Z',
      Enabled: true,
      KeyState: 'Enabled',
      KeyManager: options.manager ?? 'CUSTOMER',
      Origin: 'AWS_KMS',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
    },
    KeyRotationEnabled: options.rotation ?? true,
    Aliases: options.aliases ?? [],
  };
}

/** A logging trail with management events, single- or multi-region. */
export function trail(name: string, homeRegion: string, multiRegion: boolean): TrailDetail {
  const arn = `arn:aws:cloudtrail:${homeRegion}:${ACCOUNT_ID}:trail/${name}`;
  return {
    Name: name,
    S3BucketName: `${name}-logs`,
    IsMultiRegionTrail: multiRegion,
    HomeRegion: homeRegion,
    TrailARN: arn,
    LogFileValidationEnabled: true,
    HasCustomEventSelectors: false,
    IsOrganizationTrail: false,
    Status: { IsLogging: true, LatestDeliveryTime: '2026-11-29T01:55:00.000Z' },
    EventSelectors: {
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    },
  };
}
