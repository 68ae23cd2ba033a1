/**
 * AWS's request-rate quotas for the operations kda-auditor calls, as data: one row per quota,
 * with the page that documents it. Where AWS publishes no number the row says so in `note` and
 * the value is an assumption, to be replaced when a number is published. The scanner paces its
 * calls at these rates; the sandbox throttles at them.
 */

/** Where a quota's tokens are counted. */
export type QuotaScope =
  /** Per account and Region (most services). */
  | 'region'
  /** Per account, whatever the Region (IAM is global). */
  | 'global'
  /** Per S3 bucket prefix, whatever the account's other traffic. */
  | 'prefix';

/** One request-rate quota. */
export interface RequestQuota {
  /** The quota as AWS names it. */
  name: string;
  /** The operations it governs, named as the collector records them (`kinesis:ListStreams`); S3 by request class. */
  operations: readonly string[];
  /** True when the operations draw from one bucket; false when each has its own bucket of this size. */
  shared: boolean;
  /** Requests per second: the bucket's refill rate. */
  rate: number;
  /** Requests at once: the bucket's size (the documented burst, else the rate). */
  burst: number;
  /** Rates that differ by Region (the bucket's size follows the rate there). */
  regionRates?: Readonly<Record<string, number>>;
  scope: QuotaScope;
  source: string;
  note?: string;
}

const KINESIS = 'https://docs.aws.amazon.com/kinesis/latest/APIReference';
const KMS = 'https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html';
const SNS = 'https://docs.aws.amazon.com/general/latest/gr/sns.html';
const SNS_SLOWER_REGIONS = [
  'us-east-2',
  'us-west-1',
  'ap-south-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-central-1',
] as const;
const IAM_ASSUMED =
  'AWS publishes no IAM request-rate quota: AWS Support describes per-API token buckets ' +
  '(hashicorp/terraform-provider-aws#44853); 20/s is an assumption.';

/** The quotas, one row each. */
export const REQUEST_QUOTAS: readonly RequestQuota[] = [
  {
    name: 'DescribeStreamSummary',
    operations: ['kinesis:DescribeStreamSummary'],
    shared: false,
    rate: 20,
    burst: 20,
    scope: 'region',
    source: `${KINESIS}/API_DescribeStreamSummary.html`,
  },
  {
    name: 'ListStreams',
    operations: ['kinesis:ListStreams'],
    shared: false,
    rate: 5,
    burst: 5,
    scope: 'region',
    source: `${KINESIS}/API_ListStreams.html`,
  },
  {
    name: 'Firehose control-plane operations (hard limit, each)',
    operations: ['firehose:DescribeDeliveryStream', 'firehose:ListDeliveryStreams'],
    shared: false,
    rate: 5,
    burst: 5,
    scope: 'region',
    source: 'https://docs.aws.amazon.com/firehose/latest/dev/limits.html',
  },
  {
    name: 'DescribeKey request rate',
    operations: ['kms:DescribeKey'],
    shared: false,
    rate: 2000,
    burst: 2000,
    scope: 'region',
    source: KMS,
  },
  {
    name: 'GetKeyRotationStatus request rate',
    operations: ['kms:GetKeyRotationStatus'],
    shared: false,
    rate: 1000,
    burst: 1000,
    scope: 'region',
    source: KMS,
  },
  {
    name: 'ListAliases / ListKeys request rate (each)',
    operations: ['kms:ListAliases', 'kms:ListKeys'],
    shared: false,
    rate: 500,
    burst: 500,
    scope: 'region',
    source: KMS,
  },
  {
    name: 'CloudTrail get, describe and list APIs (each)',
    operations: [
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetTrailStatus',
      'cloudtrail:GetEventSelectors',
      'cloudtrail:ListTrails',
    ],
    shared: false,
    rate: 10,
    burst: 10,
    scope: 'region',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html',
  },
  {
    name: 'Managed Service for Apache Flink read APIs (each)',
    operations: ['kinesisanalytics:DescribeApplication', 'kinesisanalytics:ListApplications'],
    shared: false,
    rate: 20,
    burst: 20,
    scope: 'region',
    source: 'https://docs.aws.amazon.com/managed-flink/latest/java/limits.html',
    note: 'The quotas page lists resource quotas only, no request rate: 20/s is an assumption.',
  },
  {
    name: 'DescribeLogGroups throttle limit in transactions per second',
    operations: ['logs:DescribeLogGroups'],
    shared: false,
    rate: 10,
    burst: 10,
    scope: 'region',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html',
  },
  {
    name: 'IAM read APIs (each)',
    operations: [
      'iam:GetAccountAuthorizationDetails',
      'iam:ListRoles',
      'iam:GetRole',
      'iam:ListRolePolicies',
      'iam:GetRolePolicy',
      'iam:ListAttachedRolePolicies',
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
    ],
    shared: false,
    rate: 20,
    burst: 20,
    scope: 'global',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
    note: IAM_ASSUMED,
  },
  {
    name: 'STS requests made with AWS credentials (shared)',
    operations: [
      'sts:AssumeRole',
      'sts:DecodeAuthorizationMessage',
      'sts:GetAccessKeyInfo',
      'sts:GetCallerIdentity',
      'sts:GetFederationToken',
      'sts:GetSessionToken',
    ],
    shared: true,
    rate: 600,
    burst: 600,
    scope: 'region',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html',
  },
  {
    name: 'SNS Publish API throttling per account (standard topics)',
    operations: ['sns:Publish'],
    shared: false,
    rate: 300,
    burst: 300,
    regionRates: {
      'us-east-1': 30_000,
      'us-west-2': 9000,
      'eu-west-1': 9000,
      ...Object.fromEntries(SNS_SLOWER_REGIONS.map((region) => [region, 1500])),
    },
    scope: 'region',
    source: SNS,
  },
  {
    name: 'SNS topic management APIs (each)',
    operations: ['sns:CreateTopic', 'sns:GetTopicAttributes'],
    shared: false,
    rate: 30,
    burst: 30,
    regionRates: {
      'us-east-1': 3000,
      'us-west-2': 900,
      'eu-west-1': 900,
      ...Object.fromEntries(SNS_SLOWER_REGIONS.map((region) => [region, 150])),
    },
    scope: 'region',
    source: SNS,
  },
  {
    name: 'EC2 non-mutating actions (request token bucket)',
    operations: ['ec2:DescribeRegions'],
    shared: false,
    rate: 20,
    burst: 100,
    scope: 'region',
    source: 'https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html',
  },
  {
    name: 'S3 GET/HEAD requests per partitioned prefix',
    operations: ['s3:GET/HEAD'],
    shared: true,
    rate: 5500,
    burst: 5500,
    scope: 'prefix',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html',
  },
  {
    name: 'S3 PUT/COPY/POST/DELETE requests per partitioned prefix',
    operations: ['s3:PUT/COPY/POST/DELETE'],
    shared: true,
    rate: 3500,
    burst: 3500,
    scope: 'prefix',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html',
  },
];

/** A request rate: tokens refilled per second, and how many may go at once. */
export interface RateLimit {
  /** Requests per second. */
  rate: number;
  /** Requests at once after a quiet spell (the bucket's size). */
  burst: number;
}

/**
 * The quota assumed for an operation REQUEST_QUOTAS does not list, of a service it lists nothing
 * of either: 10 requests per second, the lowest rate most AWS read APIs document, so an unknown
 * operation is paced rather than risked. (An unlisted operation of a listed service is assumed to
 * have that service's lowest per-operation quota: `iam:ListAccessKeys` IAM's 20/s.)
 */
export const UNLISTED_OPERATION_QUOTA: RateLimit = { rate: 10, burst: 10 };

/** The quota an (operation, region) draws from, as the governor, the sandbox and the bench see it. */
interface ResolvedQuota {
  /** Names the token bucket: a shared quota's name, else the operation (or S3 request class, or the override's name). */
  bucket: string;
  /** The quota at its full size: the region's own rate where it differs, else the documented one. */
  limit: RateLimit;
  scope: QuotaScope;
  /** `documented`: a row of REQUEST_QUOTAS; `override`: the caller's; `assumed`: no number is known (see UNLISTED_OPERATION_QUOTA). */
  basis: 'documented' | 'override' | 'assumed';
}

/** How resolveQuota looks an operation up. */
interface QuotaLookup {
  /** Quotas that replace the documented ones, by operation or S3 request class; each is a bucket of its own. */
  overrides?: Readonly<Record<string, RateLimit>>;
  /** The quota the operation counts under when it is not the operation (S3's request class); derived from the name when absent. */
  quotaName?: string;
}

const QUOTA_BY_OPERATION = new Map(
  REQUEST_QUOTAS.flatMap((quota) => quota.operations.map((operation) => [operation, quota] as const)),
);
// Shared quotas count many operations together: their rate says nothing of one operation's.
const LOWEST_BY_SERVICE = new Map<string, RequestQuota>();
for (const quota of REQUEST_QUOTAS) {
  const service = serviceOf(quota.operations[0] ?? '');
  const lowest = LOWEST_BY_SERVICE.get(service);
  if (!quota.shared && (!lowest || quota.rate < lowest.rate)) LOWEST_BY_SERVICE.set(service, quota);
}
// S3's quotas are per request class (REQUEST_QUOTAS names them `s3:GET/HEAD`), not per operation.
const S3_READ = /^s3:(Get|Head|List)/;

/**
 * The quota `operation` (`kms:DescribeKey`) draws from when sent to `region`: an override of the
 * operation or of its request class first, then its row of REQUEST_QUOTAS (at the region's rate
 * where AWS documents one), else an assumed quota: the service's lowest per-operation quota, or
 * UNLISTED_OPERATION_QUOTA for a service the table does not know.
 */
export function resolveQuota(operation: string, region: string, lookup: QuotaLookup = {}): ResolvedQuota {
  const quotaName = lookup.quotaName ?? s3RequestClass(operation) ?? operation;
  const quota = QUOTA_BY_OPERATION.get(quotaName);
  const override = [operation, quotaName]
    .map((name) => ({ name, limit: lookup.overrides?.[name] }))
    .find((candidate) => candidate.limit !== undefined);
  if (override?.limit) {
    return {
      bucket: override.name,
      limit: override.limit,
      scope: quota?.scope ?? defaultScope(quotaName),
      basis: 'override',
    };
  }
  if (!quota) {
    const lowest = LOWEST_BY_SERVICE.get(serviceOf(operation));
    const limit = lowest ? { rate: lowest.rate, burst: lowest.burst } : UNLISTED_OPERATION_QUOTA;
    return { bucket: operation, limit, scope: defaultScope(quotaName), basis: 'assumed' };
  }
  const regionRate = quota.regionRates?.[region];
  return {
    bucket: quota.shared ? quota.name : quotaName,
    limit:
      regionRate === undefined
        ? { rate: quota.rate, burst: quota.burst }
        : { rate: regionRate, burst: regionRate },
    scope: quota.scope,
    basis: 'documented',
  };
}

/** Where a quota's tokens are counted for a request sent to `region`: `global`, else the region. */
export function quotaPlace(scope: QuotaScope, region: string): string {
  return scope === 'global' ? 'global' : region;
}

function s3RequestClass(operation: string): string | undefined {
  if (!operation.startsWith('s3:')) return undefined;
  return S3_READ.test(operation) ? 's3:GET/HEAD' : 's3:PUT/COPY/POST/DELETE';
}

function defaultScope(quotaName: string): QuotaScope {
  if (quotaName.startsWith('s3:')) return 'prefix';
  return serviceOf(quotaName) === 'iam' ? 'global' : 'region';
}

function serviceOf(operation: string): string {
  const colon = operation.indexOf(':');
  return colon < 0 ? operation : operation.slice(0, colon);
}
