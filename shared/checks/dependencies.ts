import type { DependencyKind, DependencyNode, DependencyRelation } from '../graph/types.js';
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
 * is ERROR (unknown is never compliant); a missing one is left to `dependency-exists`. With nothing
 * to judge, one NOT_APPLICABLE outcome on the application says so.
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
    detail: `Could not read ${arn} (${reasons || 'not collected'}); grant the auditor read access and scan again.`,
  };
}
