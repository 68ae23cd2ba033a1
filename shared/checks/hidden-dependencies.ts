import type { DependencyKind, DependencyNode } from '../graph/types.js';
import { rolePermissions } from '../policy/role-permissions.js';
import type { CollectionError } from '../snapshot/types.js';
import { isDenied, readAdvice } from './dependencies.js';
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
  /** The failed reads behind `reasons`, for the advice: a denied one names the permission to grant. */
  errors: CollectionError[];
}

/**
 * The resources of an application's graph behind which a dependency of the given kinds may hide:
 * those that lead to such kinds (directly or through others) and could not be read in full. Empty
 * when everything that could name such a dependency was read.
 */
function resourcesHiding(context: CheckContext, kinds: readonly DependencyKind[]): HidingResource[] {
  return context.graph.nodes.flatMap((node) => {
    if (!leadsTo(node.kind).some((kind) => kinds.includes(kind))) return [];
    const unread = unreadReasons(context, node);
    return unread.reasons.length > 0 ? [{ arn: node.arn, ...unread }] : [];
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
  return resourcesHiding(context, kinds).map(({ arn, reasons, errors }) => ({
    status: 'ERROR',
    resourceArn: arn,
    detail: `Cannot tell: ${arn} could not be read (${reasons.join('; ')}), so any ${what} ${name} uses through it is unknown; ${readAdvice(errors, deniedPermissions(errors))}.`,
  }));
}

// The IAM actions that authorise the reads a scan makes, where they differ from the API's name.
const READ_PERMISSIONS: Readonly<Record<string, string>> = {
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:HeadObject': 's3:GetObject',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
};

/** The permissions whose denial failed some of the reads, or undefined when none was denied. */
function deniedPermissions(errors: readonly CollectionError[]): string | undefined {
  const denied = errors
    .filter((error) => isDenied(error.code))
    .map(({ operation }) => READ_PERMISSIONS[operation] ?? operation);
  return denied.length > 0 ? [...new Set(denied)].join(' and ') : undefined;
}

// Closure of LEARNT_THROUGH: a role's grants name delivery streams, whose destinations' keys follow.
function leadsTo(kind: DependencyKind): readonly DependencyKind[] {
  let reached = LEADS_TO.get(kind);
  if (!reached) {
    const found = new Set<DependencyKind>();
    const pending = [...(LEARNT_THROUGH[kind] ?? [])];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (found.has(next)) continue;
      found.add(next);
      pending.push(...(LEARNT_THROUGH[next] ?? []));
    }
    reached = [...found];
    // Asked for every node of every application: worked out once per kind.
    LEADS_TO.set(kind, reached);
  }
  return reached;
}

const LEADS_TO = new Map<DependencyKind, readonly DependencyKind[]>();

// Unreadable as a whole, or present with the part that names dependencies unread: a bucket's
// encryption (its key), a role's policies (its grants).
function unreadReasons(
  context: CheckContext,
  node: DependencyNode,
): { reasons: string[]; errors: CollectionError[] } {
  const { index } = context;
  if (node.state === 'unreadable') {
    const errors = index.unreadable(node.arn);
    return errors.length > 0 ? failedReads(errors) : { reasons: ['not collected'], errors };
  }
  if (node.state !== 'present') return { reasons: [], errors: [] };
  if (node.kind === 's3-bucket') return failedReads(index.unreadable(node.arn, ['s3:GetBucketEncryption']));
  if (node.kind === 'iam-role') {
    const role = index.role(node.arn);
    if (!role) return { reasons: [], errors: [] };
    // rolePermissions, not rolePolicies: AdministratorAccess's document is known without reading it.
    const unread = rolePermissions(index, role).policies.filter((policy) => !policy.document);
    return {
      reasons: unread.map((policy) => policy.problem ?? `policy ${policy.name} is unknown`),
      errors: unread.flatMap((policy) =>
        policy.arn
          ? index.unreadable(policy.arn, MANAGED_POLICY_READS)
          : index.unreadable(role.Arn, POLICY_LIST_READS),
      ),
    };
  }
  return { reasons: [], errors: [] };
}

function failedReads(errors: CollectionError[]): { reasons: string[]; errors: CollectionError[] } {
  return { reasons: errors.map((error) => `${error.operation} failed with ${error.code}`), errors };
}

const MANAGED_POLICY_READS = ['iam:GetPolicy', 'iam:GetPolicyVersion'];
const POLICY_LIST_READS = ['iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'];
