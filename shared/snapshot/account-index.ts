import { parseArn } from '../arn.js';
import type {
  AccessKeyDetail,
  AccountSnapshot,
  ApplicationDetail,
  BucketDetail,
  CollectionError,
  DeliveryStreamDescription,
  KeyDetail,
  LogGroupDetail,
  ManagedPolicyDetail,
  RoleDetail,
  StreamDescriptionSummary,
  TrailDetail,
} from './types.js';

/** An application together with the region it runs in. */
export interface RegionalApplication {
  region: string;
  application: ApplicationDetail;
}

/**
 * Read-only lookups over an account snapshot: every resource by ARN, name or alias, and the
 * collection errors that make a resource unknown. Built once per evaluation.
 */
export class AccountIndex {
  readonly accountId: string;
  readonly partition: string;
  readonly snapshot: AccountSnapshot;
  readonly #roles = new Map<string, RoleDetail>();
  readonly #policies = new Map<string, ManagedPolicyDetail>();
  readonly #accessKeys = new Map<string, AccessKeyDetail>();
  readonly #buckets = new Map<string, BucketDetail>();
  readonly #streams = new Map<string, StreamDescriptionSummary>();
  readonly #deliveryStreams = new Map<string, DeliveryStreamDescription>();
  readonly #keys = new Map<string, KeyDetail>();
  readonly #logGroups = new Map<string, LogGroupDetail>();
  readonly #trails: TrailDetail[] = [];
  #applications: readonly RegionalApplication[] | undefined;
  #applicationsByArn: Map<string, RegionalApplication> | undefined;

  constructor(snapshot: AccountSnapshot) {
    this.snapshot = snapshot;
    this.accountId = snapshot.accountId;
    this.partition = snapshot.partition ?? 'aws';
    for (const role of snapshot.iam?.roles ?? []) {
      this.#roles.set(role.Arn, role);
      this.#roles.set(`name:${role.RoleName}`, role);
    }
    for (const policy of snapshot.iam?.policies ?? []) this.#policies.set(policy.Arn, policy);
    for (const key of snapshot.iam?.accessKeys ?? []) this.#accessKeys.set(key.AccessKeyId, key);
    for (const bucket of snapshot.s3?.buckets ?? []) this.#buckets.set(bucket.Name, bucket);
    for (const [region, content] of Object.entries(snapshot.regions ?? {})) {
      for (const stream of content.streams ?? []) this.#streams.set(stream.StreamARN, stream);
      for (const delivery of content.deliveryStreams ?? []) {
        this.#deliveryStreams.set(delivery.DeliveryStreamARN, delivery);
      }
      for (const key of content.keys ?? []) this.#indexKey(region, key);
      for (const group of content.logGroups ?? [])
        this.#logGroups.set(`${region}|${group.logGroupName}`, group);
      this.#trails.push(...(content.trails ?? []));
    }
  }

  #indexKey(region: string, key: KeyDetail): void {
    const { KeyId, Arn } = key.KeyMetadata;
    this.#keys.set(Arn, key);
    this.#keys.set(`${region}|${KeyId}`, key);
    for (const alias of key.Aliases ?? []) {
      this.#keys.set(`${region}|${alias}`, key);
      this.#keys.set(`arn:${this.partition}:kms:${region}:${this.accountId}:${alias}`, key);
    }
  }

  /** Regions present in the snapshot. */
  regions(): string[] {
    return Object.keys(this.snapshot.regions ?? {});
  }

  /**
   * Every application with its region, in snapshot order. Listed once per index: checks ask for it
   * once per application, which rebuilt the list each time (quadratic at thousands of applications).
   */
  applications(): readonly RegionalApplication[] {
    this.#applications ??= Object.entries(this.snapshot.regions ?? {}).flatMap(([region, content]) =>
      (content.applications ?? []).map((application) => ({ region, application })),
    );
    return this.#applications;
  }

  /** An application of the snapshot, with its region, by ARN (the first, should a snapshot repeat one). */
  application(applicationArn: string): RegionalApplication | undefined {
    if (!this.#applicationsByArn) {
      this.#applicationsByArn = new Map();
      for (const entry of this.applications()) {
        const arn = entry.application.ApplicationARN;
        if (!this.#applicationsByArn.has(arn)) this.#applicationsByArn.set(arn, entry);
      }
    }
    return this.#applicationsByArn.get(applicationArn);
  }

  /** An IAM role by ARN (or by name, when the ARN's path differs). */
  role(arn: string): RoleDetail | undefined {
    const byArn = this.#roles.get(arn);
    if (byArn) return byArn;
    const name = parseArn(arn)?.resource.split('/').pop();
    return name ? this.#roles.get(`name:${name}`) : undefined;
  }

  /** A managed policy (customer or AWS) by ARN. */
  managedPolicy(arn: string): ManagedPolicyDetail | undefined {
    return this.#policies.get(arn);
  }

  /** What the snapshot learnt about an access key id (owner account, user, status, last use). */
  accessKey(accessKeyId: string): AccessKeyDetail | undefined {
    return this.#accessKeys.get(accessKeyId);
  }

  /** An S3 bucket by name. */
  bucket(name: string): BucketDetail | undefined {
    return this.#buckets.get(name);
  }

  /** A Kinesis data stream by ARN. */
  stream(arn: string): StreamDescriptionSummary | undefined {
    return this.#streams.get(arn);
  }

  /** A Firehose delivery stream by ARN. */
  deliveryStream(arn: string): DeliveryStreamDescription | undefined {
    return this.#deliveryStreams.get(arn);
  }

  /** A KMS key by key ARN, alias ARN, or (within a region) key id or alias name. */
  key(reference: string, region: string): KeyDetail | undefined {
    return this.#keys.get(reference) ?? this.#keys.get(`${region}|${reference}`);
  }

  /** A CloudWatch Logs log group by region and name. */
  logGroup(region: string, name: string): LogGroupDetail | undefined {
    return this.#logGroups.get(`${region}|${name}`);
  }

  /** Every trail in the account, each listed once under its home region. */
  trails(): TrailDetail[] {
    return [...this.#trails];
  }

  /** Trails that record events of a region: its home-region trails and every multi-region trail. */
  trailsCovering(region: string): TrailDetail[] {
    return this.#trails.filter((trail) => trail.HomeRegion === region || trail.IsMultiRegionTrail === true);
  }

  /**
   * The collection errors that make a resource unknown: errors naming it, and errors with no
   * resource for the same service (in its region, or everywhere when the error names no region).
   */
  unreadable(resourceArn: string, operations?: readonly string[]): CollectionError[] {
    const arn = parseArn(resourceArn);
    return (this.snapshot.collectionErrors ?? []).filter((error) => {
      if (operations && !operations.includes(error.operation)) return false;
      if (error.resource) return error.resource === resourceArn;
      if (!arn) return false;
      const service = error.operation.split(':')[0];
      const sameService = service === arn.service;
      const sameRegion = !error.region || !arn.region || error.region === arn.region;
      return sameService && sameRegion;
    });
  }

  /** Collection errors of a service-wide read in a region (e.g. cloudtrail:DescribeTrails). */
  unreadableOperation(operation: string, region?: string): CollectionError[] {
    return (this.snapshot.collectionErrors ?? []).filter(
      (error) => error.operation === operation && (!region || !error.region || error.region === region),
    );
  }
}
