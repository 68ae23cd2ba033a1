import { bucketArn, deliveryStreamArn, parseArn, streamArn } from '../arn.js';
import { propertyReferences } from '../graph/property-references.js';
import type { DependencyEdge, DependencyGraph, DependencyKind, DependencyNode } from '../graph/types.js';
import type { AccountIndex } from '../snapshot/account-index.js';
import type { ApplicationDetail } from '../snapshot/types.js';

/** One permission the execution role needs: an action on a resource, and the dependency that needs it. */
export interface RequiredGrant {
  action: string;
  /** An ARN, an ARN pattern (`bucket/*`) or `*` where AWS accepts nothing narrower. */
  resource: string;
  reason: string;
}

/** Whether the application reads from a dependency or writes to it. */
export type Access = 'read' | 'write';

/**
 * Where a requirement's actions apply, relative to the dependency: the resource itself, the object
 * keys the application reads (`bucket/key`, or `bucket/*` without keys), every object, the stream's
 * consumers, the log streams the application writes, every stream of the log group, every log group
 * of the region, the Glue catalog and tables, or `*`.
 */
export type ResourceScope =
  | 'resource'
  | 'object-keys'
  | 'objects'
  | 'consumers'
  | 'log-streams'
  | 'every-log-stream'
  | 'every-log-group'
  | 'glue-catalog'
  | 'glue-tables'
  | 'everything';

/** One row of the requirements table: what a kind of dependency used one way needs. */
export interface Requirement {
  kind: DependencyKind;
  access: Access;
  /** Only for Kinesis sources read through enhanced fan-out. */
  efo?: true;
  actions: readonly string[];
  scope: ResourceScope;
}

const STREAM_READ = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
  'kinesis:SubscribeToShard',
] as const;

/** What each dependency needs; docs/required-permissions.md explains every row. */
export const REQUIREMENTS: readonly Requirement[] = [
  { kind: 'kinesis-stream', access: 'read', actions: STREAM_READ, scope: 'resource' },
  {
    kind: 'kinesis-stream',
    access: 'read',
    efo: true,
    actions: ['kinesis:RegisterStreamConsumer', 'kinesis:ListStreamConsumers'],
    scope: 'resource',
  },
  {
    kind: 'kinesis-stream',
    access: 'read',
    efo: true,
    actions: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'],
    scope: 'consumers',
  },
  {
    kind: 'kinesis-stream',
    access: 'write',
    actions: [
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:PutRecord',
      'kinesis:PutRecords',
      'kinesis:ListShards',
    ],
    scope: 'resource',
  },
  {
    kind: 'firehose-delivery-stream',
    access: 'read',
    actions: ['firehose:DescribeDeliveryStream'],
    scope: 'resource',
  },
  {
    kind: 'firehose-delivery-stream',
    access: 'write',
    actions: ['firehose:PutRecord', 'firehose:PutRecordBatch', 'firehose:DescribeDeliveryStream'],
    scope: 'resource',
  },
  {
    kind: 's3-bucket',
    access: 'read',
    actions: ['s3:GetObject', 's3:GetObjectVersion'],
    scope: 'object-keys',
  },
  {
    kind: 's3-bucket',
    access: 'write',
    actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
    scope: 'objects',
  },
  { kind: 's3-bucket', access: 'write', actions: ['s3:ListBucket'], scope: 'resource' },
  { kind: 'log-group', access: 'write', actions: ['logs:PutLogEvents'], scope: 'log-streams' },
  // AWS's example policy for Managed Flink scopes these two to every stream, and every group.
  { kind: 'log-group', access: 'write', actions: ['logs:DescribeLogStreams'], scope: 'every-log-stream' },
  { kind: 'log-group', access: 'write', actions: ['logs:DescribeLogGroups'], scope: 'every-log-group' },
  { kind: 'kms-key', access: 'read', actions: ['kms:Decrypt'], scope: 'resource' },
  { kind: 'kms-key', access: 'write', actions: ['kms:GenerateDataKey'], scope: 'resource' },
  {
    kind: 'lambda-function',
    access: 'write',
    actions: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
    scope: 'resource',
  },
  {
    kind: 'vpc',
    access: 'write',
    // AWS documents these for VPC applications; the Describe and Create actions take no resource.
    actions: [
      'ec2:DescribeVpcs',
      'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeDhcpOptions',
      'ec2:DescribeNetworkInterfaces',
      'ec2:CreateNetworkInterface',
      'ec2:CreateNetworkInterfacePermission',
      'ec2:DeleteNetworkInterface',
    ],
    scope: 'everything',
  },
  {
    kind: 'glue-database',
    access: 'read',
    actions: ['glue:GetDatabase', 'glue:GetDatabases'],
    scope: 'glue-catalog',
  },
  { kind: 'glue-database', access: 'read', actions: ['glue:GetDatabase'], scope: 'resource' },
  {
    kind: 'glue-database',
    access: 'read',
    actions: ['glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
    scope: 'glue-tables',
  },
];

const READ_KEY = /(input|source|consumer)/i;
const WRITE_KEY = /(output|sink|producer)/i;
const EFO_KEY = /(^|[._-])efo([._-]|$)|recordpublisher/i;

/** How the application uses the target of a direct edge; undefined when it needs no permission for it. */
function accessOf(edge: DependencyEdge, referencedAccess: ReadonlyMap<string, Access>): Access | undefined {
  switch (edge.relation) {
    case 'code':
    case 'reference-data':
    case 'custom-artifact':
    case 'source':
    case 'catalog':
    case 'granted':
      return 'read';
    case 'sink':
    case 'studio-deploy':
    case 'logs':
    case 'network':
      return 'write';
    case 'referenced':
      return referencedAccess.get(edge.to) ?? 'read';
    default:
      return undefined;
  }
}

/**
 * The permissions an application's execution role needs for its dependencies, from the
 * REQUIREMENTS table: one grant per action and resource, first reason kept, in graph order.
 */
export function requiredPermissions(graph: DependencyGraph, index: AccountIndex): RequiredGrant[] {
  const found = index.application(graph.applicationArn);
  const application = found?.application;
  const nodes = new Map(graph.nodes.map((node) => [node.arn, node]));
  const referenced = referencedAccess(application, found?.region ?? '', index);
  const efo = usesEnhancedFanOut(application);
  const grants = new Map<string, RequiredGrant>();
  const add = (node: DependencyNode, access: Access, reason: string) => {
    for (const row of REQUIREMENTS) {
      if (row.kind !== node.kind || row.access !== access || (row.efo && !efo)) continue;
      for (const resource of resourcesOf(row.scope, node, application)) {
        for (const action of row.actions) {
          const key = `${action}|${resource}`;
          if (!grants.has(key)) grants.set(key, { action, resource, reason });
        }
      }
    }
  };
  for (const edge of graph.edges) {
    if (edge.from !== graph.applicationArn) continue;
    const node = nodes.get(edge.to);
    if (!node) continue;
    if (edge.relation === 'encryption-key') {
      add(node, 'read', `the application's own encryption key ${node.name}`);
      add(node, 'write', `the application's own encryption key ${node.name}`);
      continue;
    }
    const access = accessOf(edge, referenced);
    if (!access) continue;
    const reason = `${edge.relation} ${node.kind} ${node.name}`;
    add(node, access, reason);
    for (const keyEdge of graph.edges) {
      const key = nodes.get(keyEdge.to);
      if (keyEdge.from === node.arn && keyEdge.relation === 'encryption-key' && key) {
        // Firehose and CloudWatch Logs encrypt on the service side: their writers need no key access.
        if (node.kind === 'firehose-delivery-stream' || node.kind === 'log-group') continue;
        add(key, access, `encryption key of ${reason}`);
      }
    }
  }
  return [...grants.values()];
}

function resourcesOf(scope: ResourceScope, node: DependencyNode, application?: ApplicationDetail): string[] {
  switch (scope) {
    case 'resource':
      return [node.arn];
    case 'object-keys':
      return node.objectKeys?.length ? node.objectKeys.map((key) => `${node.arn}/${key}`) : [`${node.arn}/*`];
    case 'objects':
      return [`${node.arn}/*`];
    case 'consumers':
      return [`${node.arn}/consumer/*`];
    case 'log-streams': {
      const streams = (application?.CloudWatchLoggingOptionDescriptions ?? [])
        .map(({ LogStreamARN }) => LogStreamARN)
        .filter((arn) => arn.startsWith(`${node.arn}:log-stream:`));
      return streams.length > 0 ? streams : [`${node.arn}:log-stream:*`];
    }
    case 'every-log-stream':
      return [`${node.arn}:log-stream:*`];
    case 'every-log-group': {
      const arn = parseArn(node.arn);
      return arn ? [`arn:${arn.partition}:logs:${arn.region}:${arn.accountId}:log-group:*`] : [node.arn];
    }
    case 'glue-catalog':
    case 'glue-tables': {
      const arn = parseArn(node.arn);
      if (!arn) return [node.arn];
      const prefix = `arn:${arn.partition}:glue:${arn.region}:${arn.accountId}`;
      return scope === 'glue-catalog' ? [`${prefix}:catalog`] : [`${prefix}:table/${node.name}/*`];
    }
    case 'everything':
      return ['*'];
  }
}

// Properties name streams without saying which way data flows; only the key can tell.
function referencedAccess(
  application: ApplicationDetail | undefined,
  region: string,
  index: AccountIndex,
): Map<string, Access> {
  const access = new Map<string, Access>();
  const groups =
    application?.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
      ?.PropertyGroupDescriptions ?? [];
  for (const reference of propertyReferences(groups)) {
    const where = reference.region ?? region;
    const { partition, accountId } = index;
    const arn = reference.value.startsWith('arn:')
      ? reference.value
      : reference.kind === 's3-bucket'
        ? bucketArn(partition, reference.value)
        : reference.kind === 'kinesis-stream'
          ? streamArn(partition, where, accountId, reference.value)
          : deliveryStreamArn(partition, where, accountId, reference.value);
    const key = reference.propertyKey;
    // Firehose has no read API: a delivery stream an application names is one it writes to.
    const writes =
      reference.kind === 'firehose-delivery-stream' || (WRITE_KEY.test(key) && !READ_KEY.test(key));
    if (writes) access.set(arn, 'write');
    else if (!access.has(arn)) access.set(arn, 'read');
  }
  return access;
}

function usesEnhancedFanOut(application: ApplicationDetail | undefined): boolean {
  const groups =
    application?.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
      ?.PropertyGroupDescriptions ?? [];
  return groups.some(({ PropertyMap }) =>
    Object.entries(PropertyMap ?? {}).some(
      ([key, value]) => EFO_KEY.test(key) && /^(efo|true|enabled?)$/i.test(String(value).trim()),
    ),
  );
}
