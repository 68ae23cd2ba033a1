import type { DependencyKind, DependencyNode } from '../graph/types.js';
import { rolePermissions } from '../policy/role-permissions.js';
import type { CheckContext, CheckOutcome } from './types.js';

/**
 * The kinds of dependency learnt only by reading a resource of each kind, as `dependencyGraph`
 * expands it: the execution role's grants name streams, delivery streams and buckets; a delivery
 * stream names its source, destinations and key; a stream, a bucket and a log group their key.
 */
const LEARNT_THROUGH: Partial<Record<DependencyKind, readonly DependencyKind[]>> = {
  'iam-role': ['kinesis-stream', 'firehose-delivery-stream', 's3-bucket'],
  'firehose-delivery-stream': ['kinesis-stream', 's3-bucket', 'kms-key'],
  'kinesis-stream': ['kms-key'],
  's3-bucket': ['kms-key'],
  'log-group': ['kms-key'],
};

/** A resource of the graph that was not read in full, so what it leads to is unknown. */
interface HidingResource {
  arn: string;
  /** The failed reads (or unreadable policies) that leave it unknown, each in a clause. */
  reasons: string[];
}

/**
 * The resources of an application's graph behind which a dependency of the given kinds may hide:
 * those that lead to such kinds (directly or through others) and could not be read in full. Empty
 * when everything that could name such a dependency was read.
 */
function resourcesHiding(context: CheckContext, kinds: readonly DependencyKind[]): HidingResource[] {
  return context.graph.nodes.flatMap((node) => {
    if (!leadsTo(node.kind).some((kind) => kinds.includes(kind))) return [];
    const reasons = unreadReasons(context, node);
    return reasons.length > 0 ? [{ arn: node.arn, reasons }] : [];
  });
}

/**
 * One ERROR per resource hiding dependencies of the given kinds: the clean scan may have found a
 * `what` there, so "nothing to judge" (or only what was seen) would claim more than was read.
 */
export function hiddenDependencyOutcomes(
  context: CheckContext,
  kinds: readonly DependencyKind[],
  what: string,
): CheckOutcome[] {
  const name = context.application.ApplicationName;
  return resourcesHiding(context, kinds).map(({ arn, reasons }) => ({
    status: 'ERROR',
    resourceArn: arn,
    detail: `Cannot tell: ${arn} could not be read (${reasons.join('; ')}), so any ${what} ${name} uses through it is unknown; scan again once it can be read.`,
  }));
}

// Closure of LEARNT_THROUGH: a role's grants name delivery streams, whose destinations' keys follow.
function leadsTo(kind: DependencyKind): DependencyKind[] {
  const reached = new Set<DependencyKind>();
  const pending = [...(LEARNT_THROUGH[kind] ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (reached.has(next)) continue;
    reached.add(next);
    pending.push(...(LEARNT_THROUGH[next] ?? []));
  }
  return [...reached];
}

// Unreadable as a whole, or present with the part that names dependencies unread: a bucket's
// encryption (its key), a role's policies (its grants).
function unreadReasons(context: CheckContext, node: DependencyNode): string[] {
  const { index } = context;
  if (node.state === 'unreadable') {
    const errors = index.unreadable(node.arn);
    return errors.length > 0
      ? errors.map((error) => `${error.operation} failed with ${error.code}`)
      : ['not collected'];
  }
  if (node.state !== 'present') return [];
  if (node.kind === 's3-bucket') {
    return index
      .unreadable(node.arn, ['s3:GetBucketEncryption'])
      .map((error) => `${error.operation} failed with ${error.code}`);
  }
  if (node.kind === 'iam-role') {
    const role = index.role(node.arn);
    if (!role) return [];
    // rolePermissions, not rolePolicies: AdministratorAccess's document is known without reading it.
    return rolePermissions(index, role).policies.flatMap((policy) =>
      policy.document ? [] : [policy.problem ?? `policy ${policy.name} is unknown`],
    );
  }
  return [];
}
