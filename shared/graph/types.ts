/** The dependency graph of one application: what it reads, writes, runs as and is encrypted with. */

/** The kinds of resource an application can depend on. */
export const DEPENDENCY_KINDS = [
  'application',
  'iam-role',
  'kinesis-stream',
  'firehose-delivery-stream',
  's3-bucket',
  'kms-key',
  'log-group',
  'lambda-function',
  'glue-database',
  'vpc',
] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/**
 * The kinds of dependency learnt only by reading a resource of each kind, as `dependencyGraph`
 * expands it: the execution role's grants name streams, delivery streams and buckets; a delivery
 * stream names its source, destinations and key; a stream, a bucket and a log group their key.
 * A kind not listed (a KMS key) names nothing.
 */
export const LEARNT_THROUGH: Readonly<Partial<Record<DependencyKind, readonly DependencyKind[]>>> = {
  'iam-role': ['kinesis-stream', 'firehose-delivery-stream', 's3-bucket'],
  'firehose-delivery-stream': ['kinesis-stream', 's3-bucket', 'kms-key'],
  'kinesis-stream': ['kms-key'],
  's3-bucket': ['kms-key'],
  'log-group': ['kms-key'],
};

/** Where a dependency was learnt from. */
export type DependencyOrigin = 'configuration' | 'properties' | 'role-policy' | 'resource';

/** How the source of an edge uses its target. */
export type DependencyRelation =
  | 'execution-role'
  | 'code'
  | 'source'
  | 'sink'
  | 'reference-data'
  | 'logs'
  | 'custom-artifact'
  | 'studio-deploy'
  | 'catalog'
  | 'network'
  | 'referenced'
  | 'granted'
  | 'encryption-key'
  | 'destination'
  | 'stream-source';

/**
 * Whether the snapshot holds the resource: `present`; `missing` (read, does not exist);
 * `unreadable` (a collection error makes it unknown); `external` (another account's, not read);
 * `not-collected` (a kind kda-auditor does not read, such as a VPC or a Glue database).
 */
export type DependencyState = 'present' | 'missing' | 'unreadable' | 'external' | 'not-collected';

/** One resource in the graph, identified by its ARN. */
export interface DependencyNode {
  arn: string;
  kind: DependencyKind;
  name: string;
  region?: string;
  state: DependencyState;
  origins: DependencyOrigin[];
  /** For code and reference-data buckets: the object keys the application reads. */
  objectKeys?: string[];
}

/** A directed use: `from` uses `to` as `relation`. */
export interface DependencyEdge {
  from: string;
  to: string;
  relation: DependencyRelation;
}

/** Everything one application depends on, directly or through another resource. */
export interface DependencyGraph {
  applicationArn: string;
  nodes: DependencyNode[];
  edges: DependencyEdge[];
}
