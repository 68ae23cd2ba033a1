import { parseArn } from '../arn.js';
import type {
  BucketDetail,
  CollectionError,
  DeliveryStreamDescription,
  KeyDetail,
  LogGroupDetail,
  ManagedPolicyDetail,
  RoleDetail,
  StreamDescriptionSummary,
} from './types.js';

/**
 * The lookups an application's dependency graph and its role's policies are built from. An
 * `AccountIndex` (a finished snapshot, for evaluation) provides them, and so does the snapshot
 * draft while collection runs, so discovery graphs applications without indexing a copy each time.
 */
export interface ResourceLookup {
  readonly accountId: string;
  readonly partition: string;
  /** An IAM role by ARN (or by name, when the ARN's path differs). */
  role(arn: string): RoleDetail | undefined;
  /** A managed policy (customer or AWS) by ARN. */
  managedPolicy(arn: string): ManagedPolicyDetail | undefined;
  /** An S3 bucket by name. */
  bucket(name: string): BucketDetail | undefined;
  /** A Kinesis data stream by ARN. */
  stream(arn: string): StreamDescriptionSummary | undefined;
  /** A Firehose delivery stream by ARN. */
  deliveryStream(arn: string): DeliveryStreamDescription | undefined;
  /** A KMS key by key ARN, alias ARN, or (within a region) key id or alias name. */
  key(reference: string, region: string): KeyDetail | undefined;
  /** A CloudWatch Logs log group by region and name. */
  logGroup(region: string, name: string): LogGroupDetail | undefined;
  /** The collection errors that make a resource unknown (see AccountIndex.unreadable). */
  unreadable(resourceArn: string, operations?: readonly string[]): CollectionError[];
  /**
   * `compute(this, key)`, once per key where the resources cannot change (a finished snapshot's
   * AccountIndex caches it); a draft still collecting computes it on each call.
   */
  derive<K extends object, V>(compute: (index: ResourceLookup, key: K) => V, key: K): V;
}

/**
 * The references a KMS key is found by in `key()`: its ARN, and within its region its id, each
 * alias name and each alias ARN.
 */
export function keyReferences(
  lookup: Pick<ResourceLookup, 'accountId' | 'partition'>,
  region: string,
  key: KeyDetail,
): string[] {
  const { KeyId, Arn } = key.KeyMetadata;
  return [
    Arn,
    `${region}|${KeyId}`,
    ...(key.Aliases ?? []).flatMap((alias) => [
      `${region}|${alias}`,
      `arn:${lookup.partition}:kms:${region}:${lookup.accountId}:${alias}`,
    ]),
  ];
}

/** The name of the role an ARN names, whatever its path: `role()` falls back to it. */
export function roleNameOf(arn: string): string | undefined {
  return parseArn(arn)?.resource.split('/').pop();
}
