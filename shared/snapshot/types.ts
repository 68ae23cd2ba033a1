import type { ArtifactCredentialScan } from './artifact-scan.js';
/**
 * The account snapshot, format version 1 (see docs/snapshot-format.md).
 * Every object inside keeps the exact shape the named AWS API returns; only the fields
 * kda-auditor reads are typed, everything else is kept and ignored.
 */

/** A policy document as IAM returns it: an object, a JSON string, or a URL-encoded JSON string. */
export type RawPolicyDocument = Record<string, unknown> | string;

/** Entry of GetAccountAuthorizationDetails.RoleDetailList. */
export interface RoleDetail {
  RoleName: string;
  RoleId?: string;
  Arn: string;
  Path?: string;
  AssumeRolePolicyDocument?: RawPolicyDocument;
  RolePolicyList?: { PolicyName: string; PolicyDocument: RawPolicyDocument }[];
  AttachedManagedPolicies?: { PolicyName?: string; PolicyArn: string }[];
  PermissionsBoundary?: { PermissionsBoundaryType?: string; PermissionsBoundaryArn?: string } | null;
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
  Tags?: { Key: string; Value: string }[];
  [field: string]: unknown;
}

/** Entry of GetAccountAuthorizationDetails.Policies. */
export interface ManagedPolicyDetail {
  PolicyName?: string;
  Arn: string;
  DefaultVersionId?: string;
  PolicyVersionList?: {
    VersionId?: string;
    IsDefaultVersion?: boolean;
    Document?: RawPolicyDocument;
    CreateDate?: string;
    [field: string]: unknown;
  }[];
  [field: string]: unknown;
}

/** S3 GetPublicAccessBlock.PublicAccessBlockConfiguration. */
export interface PublicAccessBlockConfiguration {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

/** GetBucketEncryption.ServerSideEncryptionConfiguration. */
export interface ServerSideEncryptionConfiguration {
  Rules?: {
    ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string };
    BucketKeyEnabled?: boolean;
  }[];
}

/**
 * A code artifact of the bucket: its content to inspect (ContentBase64), or, as collection records
 * it, HeadObject's ETag and LastModified with the result of scanning it (CredentialScan).
 */
export interface BucketObject {
  Key: string;
  VersionId?: string | null;
  Size?: number;
  ETag?: string;
  LastModified?: string;
  ContentBase64?: string;
  CredentialScan?: ArtifactCredentialScan;
}

/** One S3 bucket with the settings kda-auditor judges. */
export interface BucketDetail {
  Name: string;
  Region?: string;
  ServerSideEncryptionConfiguration?: ServerSideEncryptionConfiguration | null;
  Policy?: RawPolicyDocument | null;
  PublicAccessBlockConfiguration?: PublicAccessBlockConfiguration | null;
  Versioning?: { Status?: string; MFADelete?: string } | null;
  Objects?: BucketObject[];
  [field: string]: unknown;
}

/** KinesisAnalyticsV2 DescribeApplication.ApplicationDetail (fields kda-auditor reads). */
export interface ApplicationDetail {
  ApplicationARN: string;
  ApplicationName: string;
  RuntimeEnvironment?: string;
  ApplicationMode?: string;
  ServiceExecutionRole?: string;
  ApplicationStatus?: string;
  ApplicationVersionId?: number;
  ApplicationConfigurationDescription?: ApplicationConfigurationDescription;
  CloudWatchLoggingOptionDescriptions?: {
    CloudWatchLoggingOptionId?: string;
    LogStreamARN: string;
    RoleARN?: string;
  }[];
  [field: string]: unknown;
}

export interface S3ReferenceDescription {
  BucketARN?: string;
  FileKey?: string;
  ObjectVersion?: string;
}

export interface ApplicationConfigurationDescription {
  ApplicationCodeConfigurationDescription?: {
    CodeContentType?: string;
    CodeContentDescription?: {
      TextContent?: string;
      CodeMD5?: string;
      CodeSize?: number;
      S3ApplicationCodeLocationDescription?: S3ReferenceDescription;
    };
  };
  EnvironmentPropertyDescriptions?: {
    PropertyGroupDescriptions?: { PropertyGroupId: string; PropertyMap?: Record<string, string> }[];
  };
  SqlApplicationConfigurationDescription?: {
    InputDescriptions?: {
      InputId?: string;
      NamePrefix?: string;
      KinesisStreamsInputDescription?: { ResourceARN: string; RoleARN?: string };
      KinesisFirehoseInputDescription?: { ResourceARN: string; RoleARN?: string };
      [field: string]: unknown;
    }[];
    OutputDescriptions?: {
      OutputId?: string;
      Name?: string;
      KinesisStreamsOutputDescription?: { ResourceARN: string; RoleARN?: string };
      KinesisFirehoseOutputDescription?: { ResourceARN: string; RoleARN?: string };
      LambdaOutputDescription?: { ResourceARN: string; RoleARN?: string };
      [field: string]: unknown;
    }[];
    ReferenceDataSourceDescriptions?: {
      ReferenceId?: string;
      TableName?: string;
      S3ReferenceDataSourceDescription?: { BucketARN: string; FileKey: string; ReferenceRoleARN?: string };
      [field: string]: unknown;
    }[];
  };
  ZeppelinApplicationConfigurationDescription?: {
    CatalogConfigurationDescription?: {
      GlueDataCatalogConfigurationDescription?: { DatabaseARN: string };
    };
    DeployAsApplicationConfigurationDescription?: {
      S3ContentLocationDescription?: { BucketARN: string; BasePath?: string };
    };
    CustomArtifactsConfigurationDescription?: {
      ArtifactType?: string;
      S3ContentLocationDescription?: S3ReferenceDescription;
      MavenReferenceDescription?: Record<string, string>;
    }[];
    [field: string]: unknown;
  };
  VpcConfigurationDescriptions?: {
    VpcConfigurationId?: string;
    VpcId?: string;
    SubnetIds?: string[];
    SecurityGroupIds?: string[];
  }[];
  ApplicationEncryptionConfigurationDescription?: { KeyType?: string; KeyId?: string };
  [field: string]: unknown;
}

/** Kinesis DescribeStreamSummary.StreamDescriptionSummary. */
export interface StreamDescriptionSummary {
  StreamName: string;
  StreamARN: string;
  StreamStatus?: string;
  EncryptionType?: string;
  KeyId?: string;
  [field: string]: unknown;
}

/** Firehose DescribeDeliveryStream.DeliveryStreamDescription. */
export interface DeliveryStreamDescription {
  DeliveryStreamName: string;
  DeliveryStreamARN: string;
  DeliveryStreamStatus?: string;
  DeliveryStreamType?: string;
  DeliveryStreamEncryptionConfiguration?: {
    Status?: string;
    KeyType?: string;
    KeyARN?: string;
    FailureDescription?: { Type?: string; Details?: string };
  };
  Source?: {
    KinesisStreamSourceDescription?: { KinesisStreamARN?: string; RoleARN?: string };
    MSKSourceDescription?: Record<string, unknown>;
    [field: string]: unknown;
  };
  Destinations?: FirehoseDestination[];
  [field: string]: unknown;
}

/** One Firehose destination description; only S3-backed ones carry buckets and keys. */
export interface FirehoseDestination {
  DestinationId?: string;
  S3DestinationDescription?: FirehoseS3Destination;
  ExtendedS3DestinationDescription?: FirehoseS3Destination & { S3BackupDescription?: FirehoseS3Destination };
  RedshiftDestinationDescription?: {
    S3DestinationDescription?: FirehoseS3Destination;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export interface FirehoseS3Destination {
  RoleARN?: string;
  BucketARN?: string;
  Prefix?: string;
  EncryptionConfiguration?: {
    NoEncryptionConfig?: string;
    KMSEncryptionConfig?: { AWSKMSKeyARN?: string };
  };
  [field: string]: unknown;
}

/** A CloudTrail DescribeTrails trailList entry plus its status and event selectors. */
export interface TrailDetail {
  Name: string;
  TrailARN: string;
  HomeRegion: string;
  S3BucketName?: string;
  IsMultiRegionTrail?: boolean;
  IsOrganizationTrail?: boolean;
  IncludeGlobalServiceEvents?: boolean;
  LogFileValidationEnabled?: boolean;
  KmsKeyId?: string;
  HasCustomEventSelectors?: boolean;
  Status?: {
    IsLogging?: boolean;
    LatestDeliveryError?: string;
    LatestDeliveryTime?: string;
    [field: string]: unknown;
  };
  EventSelectors?: {
    TrailARN?: string;
    EventSelectors?: {
      ReadWriteType?: string;
      IncludeManagementEvents?: boolean;
      ExcludeManagementEventSources?: string[];
    }[];
    AdvancedEventSelectors?: {
      Name?: string;
      FieldSelectors?: { Field: string; Equals?: string[]; NotEquals?: string[]; [op: string]: unknown }[];
    }[];
  };
  [field: string]: unknown;
}

/** KMS DescribeKey.KeyMetadata plus rotation status and aliases. */
export interface KeyDetail {
  KeyMetadata: {
    KeyId: string;
    Arn: string;
    AWSAccountId?: string;
    Enabled?: boolean;
    KeyState?: string;
    KeyManager?: string;
    KeySpec?: string;
    KeyUsage?: string;
    Origin?: string;
    DeletionDate?: string;
    [field: string]: unknown;
  };
  KeyRotationEnabled?: boolean | null;
  Aliases?: string[];
}

/** CloudWatch Logs DescribeLogGroups entry. */
export interface LogGroupDetail {
  logGroupName: string;
  arn?: string;
  kmsKeyId?: string;
  retentionInDays?: number;
  [field: string]: unknown;
}

/** Everything collected in one region. */
export interface RegionSnapshot {
  applications?: ApplicationDetail[];
  streams?: StreamDescriptionSummary[];
  deliveryStreams?: DeliveryStreamDescription[];
  trails?: TrailDetail[];
  keys?: KeyDetail[];
  logGroups?: LogGroupDetail[];
}

/**
 * An access key id found in an application, looked up (optional, additive to format version 1):
 * AccessKeyId, UserName, Status and CreateDate as IAM ListAccessKeys.AccessKeyMetadata returns
 * them, Account from STS GetAccessKeyInfo, AccessKeyLastUsed as IAM GetAccessKeyLastUsed returns
 * it. A key of this account with no Status no longer exists (see docs/snapshot-format.md).
 */
export interface AccessKeyDetail {
  AccessKeyId: string;
  Account?: string;
  UserName?: string;
  Status?: string;
  CreateDate?: string;
  AccessKeyLastUsed?: { LastUsedDate?: string; ServiceName?: string; Region?: string };
  [field: string]: unknown;
}

/** A read that collection could not make: the resource it concerns is unknown, never compliant. */
export interface CollectionError {
  operation: string;
  resource?: string;
  region?: string;
  code: string;
  message: string;
}

/** An SNS topic the sandbox serves (ListTopics entry plus GetTopicAttributes' Attributes). */
export interface SnsTopicDetail {
  TopicArn: string;
  Attributes?: Record<string, string>;
  [field: string]: unknown;
}

/** The whole account, as collected or as assembled by hand. */
export interface AccountSnapshot {
  snapshotVersion: 1;
  accountId: string;
  partition?: string;
  collectedAt?: string;
  iam?: { roles?: RoleDetail[]; policies?: ManagedPolicyDetail[]; accessKeys?: AccessKeyDetail[] };
  s3?: { accountPublicAccessBlock?: PublicAccessBlockConfiguration | null; buckets?: BucketDetail[] };
  regions?: Record<string, RegionSnapshot>;
  /** Optional: topics the sandbox accepts SNS Publish for (the auditor itself never reads them). */
  sns?: { topics?: SnsTopicDetail[] };
  collectionErrors?: CollectionError[];
  [field: string]: unknown;
}
