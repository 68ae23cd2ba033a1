import type { DependencyKind, DependencyNode, DependencyRelation } from '../graph/types.js';
import { iamActionOf } from '../snapshot/read-permissions.js';
import type { CollectionError } from '../snapshot/types.js';
import { hiddenDependencyOutcomes } from './hidden-dependencies.js';
import type { CheckContext, CheckOutcome } from './types.js';

/** The graph's nodes of some kinds, optionally only those reached through given relations. */
export function dependenciesOfKind(
  context: CheckContext,
  kinds: readonly DependencyKind[],
  relations?: readonly DependencyRelation[],
): DependencyNode[] {
  const { nodes, edges } = context.graph;
  return nodes.filter(
    (node) =>
      kinds.includes(node.kind) &&
      (!relations || edges.some((edge) => edge.to === node.arn && relations.includes(edge.relation))),
  );
}

/**
 * Judges every present dependency of some kinds with `judge`; an unreadable or other-account one
 * is ERROR (unknown is never compliant); a missing one is left to `dependency-exists`. A resource
 * not read in full that may lead to more of them (a stream's key, a role's granted buckets) is
 * ERROR too. Only with nothing to judge and nothing hidden, one NOT_APPLICABLE outcome says so.
 */
export function judgeDependencies(
  context: CheckContext,
  kinds: readonly DependencyKind[],
  what: string,
  judge: (node: DependencyNode) => CheckOutcome | CheckOutcome[],
): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  for (const node of dependenciesOfKind(context, kinds)) {
    if (node.state === 'present') outcomes.push(...[judge(node)].flat());
    else if (node.state === 'unreadable') outcomes.push(unreadableOutcome(context, node.arn));
    else if (node.state === 'external' && node.origins.some((origin) => origin !== 'role-policy')) {
      outcomes.push({
        status: 'ERROR',
        resourceArn: node.arn,
        detail: `${node.arn} belongs to another account, which this scan does not read; audit that account too.`,
      });
    }
  }
  outcomes.push(...hiddenDependencyOutcomes(context, kinds, what));
  if (outcomes.length > 0) return outcomes;
  return [
    {
      status: 'NOT_APPLICABLE',
      resourceArn: context.application.ApplicationARN,
      detail: `${context.application.ApplicationName} depends on no ${what}.`,
    },
  ];
}

/** ERROR for a resource that collection could not read, quoting the failed call. */
export function unreadableOutcome(
  context: CheckContext,
  arn: string,
  operations?: readonly string[],
): CheckOutcome {
  const errors = context.index.unreadable(arn, operations);
  const reasons = errors.map((error) => `${error.operation} failed with ${error.code}`).join('; ');
  return {
    status: 'ERROR',
    resourceArn: arn,
    detail: `Could not read ${arn} (${reasons || 'not collected'}); ${readAdvice(errors)}.`,
  };
}

// Error codes AWS answers a denied read with (AccessDenied, AccessDeniedException,
// UnauthorizedOperation, AuthorizationError, KMS's AccessDeniedException…).
const DENIED = /denied|unauthori[sz]ed|not ?authori[sz]ed|authorization|forbidden/i;

/** Whether an error code is AWS refusing the read (as opposed to failing it). */
export function isDenied(code: string): boolean {
  return DENIED.test(code);
}

/**
 * What to do about failed reads: a denied one needs the IAM actions that authorise the denied
 * reads; any other (500, 503, throttling, timeout, reset) only another scan. Nothing failed (not
 * collected): read access in general, since no read names the action.
 */
export function readAdvice(errors: readonly Pick<CollectionError, 'operation' | 'code'>[]): string {
  if (errors.length > 0 && !errors.some(({ code }) => isDenied(code))) {
    return 'scan again: the read was not denied, so no permission is missing';
  }
  const denied = errors.filter(({ code }) => isDenied(code)).map(({ operation }) => iamActionOf(operation));
  return denied.length > 0
    ? `allow ${[...new Set(denied)].join(' and ')} to the auditor and scan again`
    : 'grant the auditor read access and scan again';
}
