import { parseArn } from '../arn.js';
import { DESCRIBE_APPLICATION } from './application-listing.js';
import { keyReferences, type ResourceLookup, roleNameOf } from './resource-lookup.js';
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
import { UnreadableErrors } from './unreadable-errors.js';

/** An application together with the region it runs in. */
export interface RegionalApplication {
  region: string;
  application: ApplicationDetail;
}

/** What to build an index with. */
interface AccountIndexOptions {
  /**
   * Collection errors to watch: `consulting` tells whether a piece of work got one of them in an
   * answer (e.g. the reads a time-limited scan did not start, whose absence may change a verdict).
   */
  watch?: (error: CollectionError) => boolean;
}

/** An application whose description failed, so its role and properties are unknown. */
export interface UndescribedApplication {
  entry: RegionalApplication;
  /** The failed DescribeApplication reads. */
  errors: readonly CollectionError[];
}

/** A value derived once per index, and whether deriving it consulted a watched collection error. */
interface Derived<V> {
  value: V;
  consulted: boolean;
}

/**
 * Read-only lookups over an account snapshot: every resource by ARN, name or alias, and the
 * collection errors that make a resource unknown. Built once per evaluation.
 */
export class AccountIndex implements ResourceLookup {
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
  #applicationsByRole: Map<string, RegionalApplication[]> | undefined;
  #undescribed: Derived<readonly UndescribedApplication[]> | undefined;
  readonly #unreadable: UnreadableErrors;
  readonly #errors: readonly CollectionError[];
  readonly #watched: readonly boolean[];
  #consulted = false;
  readonly #derived = new Map<unknown, WeakMap<object, Derived<unknown>>>();

  constructor(snapshot: AccountSnapshot, options: AccountIndexOptions = {}) {
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
      for (const key of content.keys ?? []) {
        for (const reference of keyReferences(this, region, key)) this.#keys.set(reference, key);
      }
      for (const group of content.logGroups ?? [])
        this.#logGroups.set(`${region}|${group.logGroupName}`, group);
      this.#trails.push(...(content.trails ?? []));
    }
    this.#errors = snapshot.collectionErrors ?? [];
    this.#watched = this.#errors.map((error) => options.watch?.(error) === true);
    this.#unreadable = new UnreadableErrors(this.#errors);
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

  /**
   * Every application of the snapshot whose execution role is the role `roleArn` names, this one
   * included, in snapshot order. A role is known by partition, account and name: names are unique
   * in an account whatever the path, so `role/team/app-role` and `role/app-role` are one role (as
   * `role()` finds it), and for well-formed ARNs this is grouping by ARN.
   */
  applicationsUsingRole(roleArn: string): readonly RegionalApplication[] {
    if (!this.#applicationsByRole) {
      this.#applicationsByRole = new Map();
      for (const entry of this.applications()) {
        const role = entry.application.ServiceExecutionRole;
        if (!role) continue;
        const identity = roleIdentity(role);
        const group = this.#applicationsByRole.get(identity);
        if (group) group.push(entry);
        else this.#applicationsByRole.set(identity, [entry]);
      }
    }
    return this.#applicationsByRole.get(roleIdentity(roleArn)) ?? [];
  }

  /**
   * Every application whose DescribeApplication failed, with those errors, in snapshot order:
   * listed once per index, since every application's verdict on its role names them (comparing
   * each application with every other one was quadratic).
   */
  undescribedApplications(): readonly UndescribedApplication[] {
    this.#undescribed ??= this.consulting(() =>
      this.applications().flatMap((entry) => {
        const errors = this.unreadable(entry.application.ApplicationARN, [DESCRIBE_APPLICATION]);
        return errors.length > 0 ? [{ entry, errors }] : [];
      }),
    );
    // Cached, so whether it consulted a watched error travels with it as with `derive`.
    this.#consulted ||= this.#undescribed.consulted;
    return this.#undescribed.value;
  }

  /** An IAM role by ARN (or by name, when the ARN's path differs). */
  role(arn: string): RoleDetail | undefined {
    const byArn = this.#roles.get(arn);
    if (byArn) return byArn;
    const name = roleNameOf(arn);
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
    return this.#answer(this.#unreadable.positions(resourceArn, operations));
  }

  /** Collection errors of a service-wide read in a region (e.g. cloudtrail:DescribeTrails). */
  unreadableOperation(operation: string, region?: string): CollectionError[] {
    const positions: number[] = [];
    for (const [position, error] of this.#errors.entries()) {
      if (error.operation === operation && (!region || !error.region || error.region === region)) {
        positions.push(position);
      }
    }
    return this.#answer(positions);
  }

  #answer(positions: readonly number[]): CollectionError[] {
    if (positions.some((position) => this.#watched[position])) this.#consulted = true;
    return positions.map((position) => this.#errors[position] as CollectionError);
  }

  /**
   * Runs `work` and tells whether it got a watched collection error in an answer, directly or
   * through a value `derive` computed for it earlier (or for other work: the flag travels with it).
   */
  consulting<T>(work: () => T): { value: T; consulted: boolean } {
    const outer = this.#consulted;
    this.#consulted = false;
    try {
      const value = work();
      return { value, consulted: this.#consulted };
    } finally {
      this.#consulted ||= outer;
    }
  }

  /**
   * `compute(this, key)` computed once per index and key (a snapshot object: a role, a policy
   * version, an application): the snapshot does not change while it is judged, and checks ask for
   * the same role's permissions or the same application's graph many times.
   */
  derive<K extends object, V>(compute: (index: AccountIndex, key: K) => V, key: K): V {
    let table = this.#derived.get(compute);
    if (!table) {
      table = new WeakMap();
      this.#derived.set(compute, table);
    }
    const known = table.get(key) as Derived<V> | undefined;
    if (known) {
      this.#consulted ||= known.consulted;
      return known.value;
    }
    const derived = this.consulting(() => compute(this, key));
    table.set(key, derived);
    return derived.value;
  }
}

// Role names are unique in an account whatever their path, and an application may name its role
// with or without the path: a role is known by partition, account and name.
function roleIdentity(arn: string): string {
  const parsed = parseArn(arn);
  if (!parsed) return arn;
  return `${parsed.partition}:${parsed.accountId}:${parsed.resource.split('/').pop()}`;
}
