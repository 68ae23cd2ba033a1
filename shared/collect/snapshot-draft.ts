import { keyReferences, type ResourceLookup, roleNameOf } from '../snapshot/resource-lookup.js';
import type {
  AccessKeyDetail,
  AccountSnapshot,
  ApplicationDetail,
  BucketDetail,
  BucketObject,
  CollectionError,
  DeliveryStreamDescription,
  KeyDetail,
  LogGroupDetail,
  ManagedPolicyDetail,
  PublicAccessBlockConfiguration,
  RegionSnapshot,
  RoleDetail,
  StreamDescriptionSummary,
  TrailDetail,
} from '../snapshot/types.js';
import { UnreadableErrors } from '../snapshot/unreadable-errors.js';
import { readFirstOrder } from './read-first.js';

/** Everything read in one region, each resource once, by its identifying name. */
interface RegionDraft {
  applications: ApplicationDetail[];
  streams: Map<string, StreamDescriptionSummary>;
  deliveryStreams: Map<string, DeliveryStreamDescription>;
  trails: Map<string, TrailDetail>;
  keys: Map<string, KeyDetail>;
  logGroups: Map<string, LogGroupDetail>;
}

/**
 * The snapshot being collected: resources arrive in any order from parallel reads and are kept
 * once each; `snapshot()` renders it in a stable order, so two scans of an unchanged account give
 * the same document. It answers the lookups of a finished snapshot's AccountIndex as resources
 * arrive, so discovery graphs applications over it without rendering and indexing a copy.
 */
export class SnapshotDraft implements ResourceLookup {
  readonly accountId: string;
  readonly partition: string;
  readonly #scope: readonly string[];
  readonly #errors: readonly CollectionError[];
  readonly #unreadable: UnreadableErrors;
  readonly #regions = new Map<string, RegionDraft>();
  readonly #roles = new Map<string, RoleDetail>();
  /** Lookups by something other than where a resource is kept, as AccountIndex has them. */
  readonly #rolesByName = new Map<string, RoleDetail>();
  readonly #streamsByArn = new Map<string, StreamDescriptionSummary>();
  readonly #deliveryStreamsByArn = new Map<string, DeliveryStreamDescription>();
  readonly #keysByReference = new Map<string, KeyDetail>();
  readonly #policies = new Map<string, ManagedPolicyDetail>();
  readonly #buckets = new Map<string, BucketDetail>();
  readonly #accessKeys = new Map<string, AccessKeyDetail>();
  #accountPublicAccessBlock: PublicAccessBlockConfiguration | null | undefined;
  readonly #first = new Set<string>();

  /**
   * `errors`: the scan's collection errors as they are recorded (the draft only reads them), which
   * make a resource unreadable rather than missing for `unreadable`.
   */
  constructor(
    accountId: string,
    partition: string,
    regionsInScope: readonly string[],
    errors: readonly CollectionError[] = [],
  ) {
    this.accountId = accountId;
    this.partition = partition;
    this.#errors = errors;
    this.#unreadable = new UnreadableErrors(errors);
    this.#scope = [...regionsInScope].sort();
    for (const region of this.#scope) this.#region(region);
  }

  /** Applications of a region, in the order ListApplications returned them. */
  setApplications(region: string, applications: readonly ApplicationDetail[]): void {
    this.#region(region).applications = [...applications];
  }

  /** One application, as soon as it is described (setApplications puts them in order afterwards). */
  addApplication(region: string, application: ApplicationDetail): void {
    this.#region(region).applications.push(application);
  }

  /**
   * Every application collected, with its region: those given to `readFirst` first (each later
   * phase then starts their reads first), the others in collection order.
   */
  applications(): { region: string; application: ApplicationDetail }[] {
    const all = [...this.#regions.entries()].flatMap(([region, draft]) =>
      draft.applications.map((application) => ({ region, application })),
    );
    return readFirstOrder(all, ({ application }) => this.#first.has(application.ApplicationARN));
  }

  /** Applications (ARNs) whose reads go first; the rendered snapshot keeps ListApplications order. */
  readFirst(applicationArns: Iterable<string>): void {
    for (const arn of applicationArns) this.#first.add(arn);
  }

  /** Adds a Kinesis data stream under its region. */
  addStream(region: string, stream: StreamDescriptionSummary): void {
    this.#region(region).streams.set(stream.StreamARN, stream);
    this.#streamsByArn.set(stream.StreamARN, stream);
  }

  /** Adds a Firehose delivery stream under its region. */
  addDeliveryStream(region: string, delivery: DeliveryStreamDescription): void {
    this.#region(region).deliveryStreams.set(delivery.DeliveryStreamARN, delivery);
    this.#deliveryStreamsByArn.set(delivery.DeliveryStreamARN, delivery);
  }

  /** Adds a trail under its home region; a trail already there is kept as first read. */
  addTrail(trail: TrailDetail): void {
    const trails = this.#region(trail.HomeRegion).trails;
    if (!trails.has(trail.TrailARN)) trails.set(trail.TrailARN, trail);
  }

  /** Adds a key; reading it again through another alias only adds that alias. */
  addKey(region: string, key: KeyDetail): void {
    const keys = this.#region(region).keys;
    const known = keys.get(key.KeyMetadata.Arn);
    const merged = known
      ? { ...known, Aliases: [...new Set([...(known.Aliases ?? []), ...(key.Aliases ?? [])])].sort() }
      : key;
    keys.set(key.KeyMetadata.Arn, merged);
    // A merged key replaces the entries of the one it extends.
    for (const reference of keyReferences(this, region, merged)) this.#keysByReference.set(reference, merged);
  }

  /** Adds a CloudWatch Logs log group under its region. */
  addLogGroup(region: string, group: LogGroupDetail): void {
    this.#region(region).logGroups.set(group.logGroupName, group);
  }

  /** Adds an IAM role (GetAccountAuthorizationDetails RoleDetail shape). */
  addRole(role: RoleDetail): void {
    this.#roles.set(role.Arn, role);
    this.#rolesByName.set(role.RoleName, role);
  }

  /** Adds a managed policy with its default version. */
  addPolicy(policy: ManagedPolicyDetail): void {
    this.#policies.set(policy.Arn, policy);
  }

  /** Adds an S3 bucket with its settings. */
  addBucket(bucket: BucketDetail): void {
    this.#buckets.set(bucket.Name, bucket);
  }

  /** The buckets collected so far. */
  buckets(): BucketDetail[] {
    return [...this.#buckets.values()];
  }

  /** A bucket collected so far, by name. */
  bucket(name: string): BucketDetail | undefined {
    return this.#buckets.get(name);
  }

  /** Adds (or replaces, by key and version) an object of a collected bucket: a scanned code artifact. */
  addBucketObject(bucketName: string, object: BucketObject): void {
    const bucket = this.#buckets.get(bucketName);
    if (!bucket) return;
    const others = (bucket.Objects ?? []).filter(
      (known) => known.Key !== object.Key || (known.VersionId ?? null) !== (object.VersionId ?? null),
    );
    const objects = [...others, object].sort((a, b) => compare(a.Key, b.Key));
    this.#buckets.set(bucketName, { ...bucket, Objects: objects });
  }

  /** Adds what was learnt about an access key id found in an application (see AccessKeyLookups). */
  addAccessKey(key: AccessKeyDetail): void {
    this.#accessKeys.set(key.AccessKeyId, key);
  }

  /** The account-level S3 Block Public Access settings; null when none are set. */
  setAccountPublicAccessBlock(configuration: PublicAccessBlockConfiguration | null): void {
    this.#accountPublicAccessBlock = configuration;
  }

  /** An IAM role collected so far, by ARN (or by name, when the ARN's path differs). */
  role(arn: string): RoleDetail | undefined {
    const byArn = this.#roles.get(arn);
    if (byArn) return byArn;
    const name = roleNameOf(arn);
    return name ? this.#rolesByName.get(name) : undefined;
  }

  /** A managed policy collected so far, by ARN. */
  managedPolicy(arn: string): ManagedPolicyDetail | undefined {
    return this.#policies.get(arn);
  }

  /** A Kinesis data stream collected so far, by ARN. */
  stream(arn: string): StreamDescriptionSummary | undefined {
    return this.#streamsByArn.get(arn);
  }

  /** A Firehose delivery stream collected so far, by ARN. */
  deliveryStream(arn: string): DeliveryStreamDescription | undefined {
    return this.#deliveryStreamsByArn.get(arn);
  }

  /** A KMS key collected so far, by key ARN, alias ARN, or (within a region) key id or alias name. */
  key(reference: string, region: string): KeyDetail | undefined {
    return this.#keysByReference.get(reference) ?? this.#keysByReference.get(`${region}|${reference}`);
  }

  /** A log group collected so far, by region and name. */
  logGroup(region: string, name: string): LogGroupDetail | undefined {
    return this.#regions.get(region)?.logGroups.get(name);
  }

  /** The collection errors so far that make a resource unknown, by AccountIndex.unreadable's rule. */
  unreadable(resourceArn: string, operations?: readonly string[]): CollectionError[] {
    return this.#unreadable
      .positions(resourceArn, operations)
      .map((position) => this.#errors[position] as CollectionError);
  }

  /** `compute(this, key)` afresh on each call: resources keep arriving, so nothing is cached. */
  derive<K extends object, V>(compute: (index: ResourceLookup, key: K) => V, key: K): V {
    return compute(this, key);
  }

  /** Whether an application's reads go first (see `readFirst`). */
  readsFirst(applicationArn: string): boolean {
    return this.#first.has(applicationArn);
  }

  /** The snapshot as collected so far, with the given collection errors. */
  snapshot(errors: readonly CollectionError[] = [], collectedAt?: string): AccountSnapshot {
    const s3: NonNullable<AccountSnapshot['s3']> = { buckets: sortedValues(this.#buckets) };
    if (this.#accountPublicAccessBlock !== undefined) {
      s3.accountPublicAccessBlock = this.#accountPublicAccessBlock;
    }
    const regionNames = [
      ...this.#scope,
      ...[...this.#regions.keys()].filter((region) => !this.#scope.includes(region)).sort(),
    ];
    return {
      snapshotVersion: 1,
      accountId: this.accountId,
      partition: this.partition,
      ...(collectedAt ? { collectedAt } : {}),
      iam: {
        roles: sortedValues(this.#roles),
        policies: sortedValues(this.#policies),
        // Optional in the format: left out when no key was looked up, as older snapshots have it.
        ...(this.#accessKeys.size > 0 ? { accessKeys: sortedValues(this.#accessKeys) } : {}),
      },
      s3,
      regions: Object.fromEntries(regionNames.map((region) => [region, this.#renderRegion(region)])),
      ...(errors.length > 0 ? { collectionErrors: sortedErrors(errors) } : {}),
    };
  }

  #renderRegion(region: string): RegionSnapshot {
    const draft = this.#region(region);
    const rendered: RegionSnapshot = { applications: [...draft.applications] };
    // Empty lists are left out: in a snapshot a missing section already means "none exist".
    const streams = sortedValues(draft.streams);
    const deliveryStreams = sortedValues(draft.deliveryStreams);
    const trails = sortedValues(draft.trails);
    const keys = sortedValues(draft.keys);
    const logGroups = sortedValues(draft.logGroups);
    if (streams.length > 0) rendered.streams = streams;
    if (deliveryStreams.length > 0) rendered.deliveryStreams = deliveryStreams;
    if (trails.length > 0) rendered.trails = trails;
    if (keys.length > 0) rendered.keys = keys;
    if (logGroups.length > 0) rendered.logGroups = logGroups;
    return rendered;
  }

  #region(region: string): RegionDraft {
    let draft = this.#regions.get(region);
    if (!draft) {
      draft = {
        applications: [],
        streams: new Map(),
        deliveryStreams: new Map(),
        trails: new Map(),
        keys: new Map(),
        logGroups: new Map(),
      };
      this.#regions.set(region, draft);
    }
    return draft;
  }
}

function sortedValues<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => compare(a, b)).map(([, value]) => value);
}

function sortedErrors(errors: readonly CollectionError[]): CollectionError[] {
  const order = (error: CollectionError) =>
    `${error.operation}|${error.region ?? ''}|${error.resource ?? ''}|${error.code}`;
  return [...errors].sort((a, b) => compare(order(a), order(b)));
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
