// What each call costs in the lower bound: AWS's page sizes, how deep in the chain of round trips
// an operation's first call can be, and the quota it draws from (resolveQuota: the governor's lookup).
import { quotaPlace, resolveQuota } from '../../shared/aws/request-quotas.js';
import type { BucketDemand } from './lower-bound.js';

/** AWS's page sizes for the list calls the bound counts (each API reference's maximum). */
export const PAGE_SIZES = {
  listApplications: 50,
  describeLogGroups: 50,
  /** DescribeLogGroups' logGroupIdentifiers: names per call. */
  logGroupIdentifiers: 50,
  listAliases: 100,
  authorizationDetails: 1000,
} as const;

/**
 * Round trips that must complete before an operation's first call can be sent: what names its
 * target. The smallest over every way the target can be learnt (a bucket named by an application
 * is known after DescribeApplication, one named by a delivery stream a round trip later).
 */
export const CHAIN_DEPTH: Readonly<Record<string, number>> = {
  'sts:GetCallerIdentity': 0,
  'kinesisanalytics:ListApplications': 0,
  'kinesisanalytics:DescribeApplication': 1,
  'iam:GetAccountAuthorizationDetails': 0,
  'iam:GetRole': 2,
  'iam:ListRolePolicies': 2,
  'iam:ListAttachedRolePolicies': 2,
  'iam:GetRolePolicy': 3,
  'iam:GetPolicy': 3,
  'iam:GetPolicyVersion': 4,
  'kinesis:DescribeStreamSummary': 2,
  'firehose:DescribeDeliveryStream': 2,
  'logs:DescribeLogGroups': 2,
  's3:GetBucketLocation': 2,
  's3:GetBucketEncryption': 2,
  's3:GetBucketPolicy': 2,
  's3:GetPublicAccessBlock': 2,
  's3:GetBucketVersioning': 2,
  's3:HeadObject': 2,
  's3:GetObject': 2,
  'kms:DescribeKey': 3,
  'kms:GetKeyRotationStatus': 3,
  'kms:ListAliases': 3,
  'cloudtrail:DescribeTrails': 0,
  'cloudtrail:GetTrailStatus': 1,
  'cloudtrail:GetEventSelectors': 1,
  's3control:GetPublicAccessBlock': 0,
  'sts:GetAccessKeyInfo': 2,
  'iam:GetAccessKeyLastUsed': 3,
  'iam:ListAccessKeys': 4,
};

/**
 * The calls of `operation` sent to `region`, as a demand on the bucket the governor paces them in
 * (resolveQuota: a documented quota, or the one assumed for an unlisted operation). S3's quotas are
 * per prefix (each bucket its own), so S3 calls add latency only.
 */
export function demandOf(operation: string, region: string, calls: number): BucketDemand {
  const depth = CHAIN_DEPTH[operation] ?? 0;
  const quota = resolveQuota(operation, region);
  const place = quotaPlace(quota.scope, region);
  if (quota.scope === 'prefix') return { bucket: operation, place, calls, depth };
  return { bucket: quota.bucket, place, calls, rate: quota.limit.rate, burst: quota.limit.burst, depth };
}
