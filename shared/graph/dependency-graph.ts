import { bucketArn, bucketNameFromArn, deliveryStreamArn, logGroupArn, parseArn, streamArn } from '../arn.js';
import { rolePolicies } from '../policy/role-policies.js';
import type { ResourceLookup } from '../snapshot/resource-lookup.js';
import type { ApplicationDetail, FirehoseS3Destination } from '../snapshot/types.js';
import { propertyReferences } from './property-references.js';
import type {
  DependencyEdge,
  DependencyGraph,
  DependencyKind,
  DependencyNode,
  DependencyOrigin,
  DependencyRelation,
} from './types.js';

/**
 * Builds an application's dependency graph from three sources: what its configuration names,
 * what its runtime properties reference, and what its role's policies grant on Kinesis, Firehose
 * and S3; then follows each resource to the resources it uses in turn (a delivery stream's
 * buckets and source stream, every encryption key). Pure: the same index gives the same graph,
 * which is how collection learns what to fetch next and evaluation what to judge.
 */
export function dependencyGraph(
  index: ResourceLookup,
  region: string,
  application: ApplicationDetail,
): DependencyGraph {
  const builder = new GraphBuilder(index);
  const app = application.ApplicationARN;
  builder.node(app, 'application', application.ApplicationName, region, 'configuration');
  addConfiguration(builder, region, application);
  addProperties(builder, region, application);
  addRoleGrants(builder, application);
  builder.expand();
  return { applicationArn: app, nodes: builder.nodes(), edges: builder.edges() };
}

function addConfiguration(b: GraphBuilder, region: string, application: ApplicationDetail): void {
  const app = application.ApplicationARN;
  const config = application.ApplicationConfigurationDescription;
  if (application.ServiceExecutionRole) {
    b.link(app, application.ServiceExecutionRole, 'iam-role', 'execution-role', 'configuration');
  }
  const code = config?.ApplicationCodeConfigurationDescription?.CodeContentDescription;
  const codeLocation = code?.S3ApplicationCodeLocationDescription;
  if (codeLocation?.BucketARN)
    b.linkBucket(app, codeLocation.BucketARN, 'code', 'configuration', codeLocation.FileKey);

  const sql = config?.SqlApplicationConfigurationDescription;
  for (const input of sql?.InputDescriptions ?? []) {
    const stream = input.KinesisStreamsInputDescription?.ResourceARN;
    const delivery = input.KinesisFirehoseInputDescription?.ResourceARN;
    if (stream) b.link(app, stream, 'kinesis-stream', 'source', 'configuration');
    if (delivery) b.link(app, delivery, 'firehose-delivery-stream', 'source', 'configuration');
  }
  for (const output of sql?.OutputDescriptions ?? []) {
    const stream = output.KinesisStreamsOutputDescription?.ResourceARN;
    const delivery = output.KinesisFirehoseOutputDescription?.ResourceARN;
    const lambda = output.LambdaOutputDescription?.ResourceARN;
    if (stream) b.link(app, stream, 'kinesis-stream', 'sink', 'configuration');
    if (delivery) b.link(app, delivery, 'firehose-delivery-stream', 'sink', 'configuration');
    if (lambda) b.link(app, lambda, 'lambda-function', 'sink', 'configuration');
  }
  for (const reference of sql?.ReferenceDataSourceDescriptions ?? []) {
    const s3 = reference.S3ReferenceDataSourceDescription;
    if (s3) b.linkBucket(app, s3.BucketARN, 'reference-data', 'configuration', s3.FileKey);
  }

  const studio = config?.ZeppelinApplicationConfigurationDescription;
  const database =
    studio?.CatalogConfigurationDescription?.GlueDataCatalogConfigurationDescription?.DatabaseARN;
  if (database) b.link(app, database, 'glue-database', 'catalog', 'configuration');
  const deploy = studio?.DeployAsApplicationConfigurationDescription?.S3ContentLocationDescription;
  if (deploy?.BucketARN) b.linkBucket(app, deploy.BucketARN, 'studio-deploy', 'configuration');
  for (const artifact of studio?.CustomArtifactsConfigurationDescription ?? []) {
    const location = artifact.S3ContentLocationDescription;
    if (location?.BucketARN) {
      b.linkBucket(app, location.BucketARN, 'custom-artifact', 'configuration', location.FileKey);
    }
  }

  for (const vpc of config?.VpcConfigurationDescriptions ?? []) {
    if (!vpc.VpcId) continue;
    const vpcArn = `arn:${b.partition}:ec2:${region}:${b.accountId}:vpc/${vpc.VpcId}`;
    b.link(app, vpcArn, 'vpc', 'network', 'configuration');
  }

  for (const logging of application.CloudWatchLoggingOptionDescriptions ?? []) {
    const arn = parseArn(logging.LogStreamARN);
    const groupName = arn?.resource.match(/^log-group:(.+?)(:log-stream:.*)?$/)?.[1];
    if (arn && groupName) {
      const group = logGroupArn(arn.partition, arn.region, arn.accountId, groupName);
      b.link(app, group, 'log-group', 'logs', 'configuration');
    }
  }

  const encryption = config?.ApplicationEncryptionConfigurationDescription;
  if (encryption?.KeyType === 'CUSTOMER_MANAGED_KEY' && encryption.KeyId) {
    b.linkKey(app, encryption.KeyId, region, 'configuration');
  }
}

function addProperties(b: GraphBuilder, region: string, application: ApplicationDetail): void {
  const app = application.ApplicationARN;
  const groups =
    application.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
      ?.PropertyGroupDescriptions ?? [];
  for (const reference of propertyReferences(groups)) {
    const where = reference.region ?? region;
    if (reference.kind === 's3-bucket') {
      const arn = reference.value.startsWith('arn:')
        ? reference.value
        : bucketArn(b.partition, reference.value);
      b.linkBucket(app, arn, 'referenced', 'properties');
    } else if (reference.kind === 'kinesis-stream') {
      const arn = reference.value.startsWith('arn:')
        ? reference.value
        : streamArn(b.partition, where, b.accountId, reference.value);
      b.link(app, arn, 'kinesis-stream', 'referenced', 'properties');
    } else {
      const arn = reference.value.startsWith('arn:')
        ? reference.value
        : deliveryStreamArn(b.partition, where, b.accountId, reference.value);
      b.link(app, arn, 'firehose-delivery-stream', 'referenced', 'properties');
    }
  }
}

function addRoleGrants(b: GraphBuilder, application: ApplicationDetail): void {
  const roleArn = application.ServiceExecutionRole;
  const role = roleArn ? b.index.role(roleArn) : undefined;
  if (!role) return;
  for (const policy of rolePolicies(b.index, role)) {
    for (const statement of policy.document?.statements ?? []) {
      if (statement.effect !== 'Allow') continue;
      for (const resource of statement.resources ?? []) {
        const granted = grantedDependency(resource);
        if (granted?.kind === 's3-bucket')
          b.linkBucket(application.ApplicationARN, granted.arn, 'granted', 'role-policy');
        else if (granted)
          b.link(application.ApplicationARN, granted.arn, granted.kind, 'granted', 'role-policy');
      }
    }
  }
}

/** The one stream, delivery stream or bucket a policy resource names; patterns name none. */
function grantedDependency(resource: string): { kind: DependencyKind; arn: string } | undefined {
  const arn = parseArn(resource);
  if (!arn || hasWildcard(arn.region + arn.accountId)) return undefined;
  const [first, second] = arn.resource.split('/');
  if (arn.service === 's3') {
    return first && !hasWildcard(first)
      ? { kind: 's3-bucket', arn: bucketArn(arn.partition, first) }
      : undefined;
  }
  if (!second || hasWildcard(second)) return undefined;
  const prefix = `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}`;
  if (arn.service === 'kinesis' && first === 'stream')
    return { kind: 'kinesis-stream', arn: `${prefix}:stream/${second}` };
  if (arn.service === 'firehose' && first === 'deliverystream') {
    return { kind: 'firehose-delivery-stream', arn: `${prefix}:deliverystream/${second}` };
  }
  return undefined;
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** The short name of a resource: a role's name without its path, a key's id, a log group's name. */
function resourceName(arn: string, kind: DependencyKind): string {
  const parsed = parseArn(arn);
  if (!parsed) return arn;
  if (kind === 'iam-role') return parsed.resource.split('/').pop() ?? parsed.resource;
  if (kind === 'kms-key') return parsed.resource;
  return parsed.resource.replace(/^[a-z-]+[/:]/, '');
}

/** Accumulates nodes and edges, merging repeated mentions of one resource. */
class GraphBuilder {
  readonly index: ResourceLookup;
  readonly partition: string;
  readonly accountId: string;
  readonly #nodes = new Map<string, DependencyNode>();
  readonly #edges = new Map<string, DependencyEdge>();

  constructor(index: ResourceLookup) {
    this.index = index;
    this.partition = index.partition;
    this.accountId = index.accountId;
  }

  node(
    arn: string,
    kind: DependencyKind,
    name: string,
    region: string | undefined,
    origin: DependencyOrigin,
  ) {
    let node = this.#nodes.get(arn);
    if (!node) {
      node = {
        arn,
        kind,
        name,
        ...(region ? { region } : {}),
        state: this.#state(arn, kind, name, region),
        origins: [],
      };
      this.#nodes.set(arn, node);
    }
    if (!node.origins.includes(origin)) node.origins.push(origin);
    return node;
  }

  link(
    from: string,
    arn: string,
    kind: DependencyKind,
    relation: DependencyRelation,
    origin: DependencyOrigin,
  ) {
    const node = this.node(arn, kind, resourceName(arn, kind), parseArn(arn)?.region || undefined, origin);
    const key = `${from}|${arn}|${relation}`;
    if (!this.#edges.has(key)) this.#edges.set(key, { from, to: arn, relation });
    return node;
  }

  linkBucket(
    from: string,
    arn: string,
    relation: DependencyRelation,
    origin: DependencyOrigin,
    objectKey?: string,
  ) {
    const name = bucketNameFromArn(arn);
    if (!name) return;
    const node = this.link(from, bucketArn(this.partition, name), 's3-bucket', relation, origin);
    node.name = name;
    const region = this.index.bucket(name)?.Region;
    if (region) node.region = region;
    if (objectKey) node.objectKeys = [...new Set([...(node.objectKeys ?? []), objectKey])];
  }

  /** Links a key given as key ARN, alias ARN, key id or alias name, resolved through the index. */
  linkKey(from: string, reference: string, region: string, origin: DependencyOrigin) {
    const key = this.index.key(reference, region);
    let arn = key?.KeyMetadata.Arn;
    if (!arn) {
      const parsed = parseArn(reference);
      arn = parsed
        ? reference
        : `arn:${this.partition}:kms:${region}:${this.accountId}:${reference.startsWith('alias/') ? reference : `key/${reference}`}`;
    }
    this.link(from, arn, 'kms-key', 'encryption-key', origin);
  }

  nodes(): DependencyNode[] {
    return [...this.#nodes.values()];
  }

  edges(): DependencyEdge[] {
    return [...this.#edges.values()];
  }

  /** Follows every resource to the resources it uses, until nothing new appears. */
  expand(): void {
    const done = new Set<string>();
    let pending = [...this.#nodes.values()];
    while (pending.length > 0) {
      for (const node of pending) {
        done.add(node.arn);
        this.#expandNode(node);
      }
      pending = [...this.#nodes.values()].filter((node) => !done.has(node.arn));
    }
  }

  #expandNode(node: DependencyNode): void {
    const region = node.region ?? '';
    if (node.kind === 'kinesis-stream') {
      const stream = this.index.stream(node.arn);
      if (stream?.EncryptionType === 'KMS' && stream.KeyId)
        this.linkKey(node.arn, stream.KeyId, region, 'resource');
    } else if (node.kind === 'firehose-delivery-stream') {
      const delivery = this.index.deliveryStream(node.arn);
      if (!delivery) return;
      const sse = delivery.DeliveryStreamEncryptionConfiguration;
      if (sse?.KeyType === 'CUSTOMER_MANAGED_CMK' && sse.KeyARN)
        this.linkKey(node.arn, sse.KeyARN, region, 'resource');
      const source = delivery.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
      if (source) this.link(node.arn, source, 'kinesis-stream', 'stream-source', 'resource');
      for (const destination of delivery.Destinations ?? []) {
        const s3 = destination.ExtendedS3DestinationDescription;
        const backup = destination.ExtendedS3DestinationDescription?.S3BackupDescription;
        const plain =
          destination.S3DestinationDescription ??
          destination.RedshiftDestinationDescription?.S3DestinationDescription;
        for (const target of [s3, backup, plain])
          if (target) this.#linkFirehoseBucket(node.arn, target, region);
      }
    } else if (node.kind === 's3-bucket') {
      const bucket = this.index.bucket(node.name);
      for (const rule of bucket?.ServerSideEncryptionConfiguration?.Rules ?? []) {
        const keyId = rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID;
        if (keyId) this.linkKey(node.arn, keyId, bucket?.Region ?? region, 'resource');
      }
    } else if (node.kind === 'log-group') {
      const group = this.index.logGroup(region, node.name);
      if (group?.kmsKeyId) this.linkKey(node.arn, group.kmsKeyId, region, 'resource');
    }
  }

  #linkFirehoseBucket(from: string, destination: FirehoseS3Destination, region: string): void {
    if (destination.BucketARN) this.linkBucket(from, destination.BucketARN, 'destination', 'resource');
    const key = destination.EncryptionConfiguration?.KMSEncryptionConfig?.AWSKMSKeyARN;
    if (key) this.linkKey(from, key, region, 'resource');
  }

  #state(
    arn: string,
    kind: DependencyKind,
    name: string,
    region: string | undefined,
  ): DependencyNode['state'] {
    const parsed = parseArn(arn);
    if (parsed?.accountId && parsed.accountId !== this.accountId && kind !== 'kms-key') return 'external';
    const found = this.#find(arn, kind, name, region);
    if (found === undefined) return 'not-collected';
    if (found) return 'present';
    return this.index.unreadable(arn).length > 0 ? 'unreadable' : 'missing';
  }

  #find(arn: string, kind: DependencyKind, name: string, region: string | undefined): boolean | undefined {
    switch (kind) {
      case 'application':
        return true;
      case 'iam-role':
        return this.index.role(arn) !== undefined;
      case 'kinesis-stream':
        return this.index.stream(arn) !== undefined;
      case 'firehose-delivery-stream':
        return this.index.deliveryStream(arn) !== undefined;
      case 's3-bucket':
        return this.index.bucket(bucketNameFromArn(arn) ?? name) !== undefined;
      case 'kms-key':
        return this.index.key(arn, region ?? '') !== undefined;
      case 'log-group':
        return this.index.logGroup(region ?? '', name) !== undefined;
      default:
        return undefined;
    }
  }
}
