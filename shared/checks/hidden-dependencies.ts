import { type DependencyKind, type DependencyNode, LEARNT_THROUGH } from '../graph/types.js';
import { policyLabel, rolePermissions } from '../policy/role-permissions.js';
import type { RolePolicy } from '../policy/role-policies.js';
import type { CollectionError } from '../snapshot/types.js';
import { readAdvice } from './dependencies.js';
import type { CheckContext, CheckOutcome } from './types.js';

/** A resource of the graph that was not read in full, so what it leads to is unknown. */
interface HidingResource {
  arn: string;
  /** The failed reads (or unreadable policies) that leave it unknown, each in a clause. */
  reasons: string[];
  /** What to do about it: grant or retry the failed reads, or fix a policy that cannot be parsed. */
  advice: string;
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
    return unread ? [{ arn: node.arn, ...unread }] : [];
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
  return resourcesHiding(context, kinds).map(({ arn, reasons, advice }) => ({
    status: 'ERROR',
    resourceArn: arn,
    detail: `Cannot tell: ${arn} could not be read (${reasons.join('; ')}), so any ${what} ${name} uses through it is unknown; ${advice}.`,
  }));
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
// encryption (its key), a role's policies (its grants). Undefined when read in full.
function unreadReasons(context: CheckContext, node: DependencyNode): Omit<HidingResource, 'arn'> | undefined {
  const { index } = context;
  if (node.state === 'unreadable') {
    const errors = index.unreadable(node.arn);
    return errors.length > 0
      ? failedReads(errors)
      : { reasons: ['not collected'], advice: readAdvice(errors) };
  }
  if (node.state !== 'present') return undefined;
  if (node.kind === 's3-bucket') {
    const errors = index.unreadable(node.arn, ['s3:GetBucketEncryption']);
    return errors.length > 0 ? failedReads(errors) : undefined;
  }
  if (node.kind !== 'iam-role') return undefined;
  const role = index.role(node.arn);
  // rolePermissions, not rolePolicies: AdministratorAccess's document is known without reading it.
  const unread = role ? rolePermissions(index, role).policies.filter((policy) => !policy.document) : [];
  if (unread.length === 0) return undefined;
  return {
    reasons: unread.map((policy) => policy.problem ?? `policy ${policy.name} is unknown`),
    advice: policiesAdvice(unread),
  };
}

function failedReads(errors: readonly CollectionError[]): Omit<HidingResource, 'arn'> {
  return {
    reasons: errors.map((error) => `${error.operation} failed with ${error.code}`),
    advice: readAdvice(errors),
  };
}

// A policy that was read but cannot be parsed needs fixing, not a permission: only the others
// (failed or never read) need reading again.
function policiesAdvice(unread: readonly RolePolicy[]): string {
  const unparseable = unread.filter((policy) => policy.unparseable);
  const advice =
    unparseable.length < unread.length
      ? [readAdvice(unread.flatMap((policy) => (policy.error ? [policy.error] : [])))]
      : [];
  if (unparseable.length > 0) {
    const labels = unparseable.map(policyLabel).join(' and ');
    advice.push(
      `fix the policy document of ${labels} so that IAM's policy grammar parses it, then scan again`,
    );
  }
  return advice.join('; ');
}
