import { dependencyGraph } from '../graph/dependency-graph.js';
import type { DependencyGraph } from '../graph/types.js';
import { type RequiredGrant, requiredPermissions } from '../permissions/requirements.js';
import type { AccountIndex, RegionalApplication } from '../snapshot/account-index.js';

/**
 * An application's dependency graph, built once per index: evaluation needs it for the
 * application, and role-excess-grants again for every other application sharing its role.
 * Shared: do not change it.
 */
export function applicationGraph(index: AccountIndex, entry: RegionalApplication): DependencyGraph {
  return index.derive(buildGraph, entry);
}

/** What the execution role needs for a graph's dependencies, computed once per index and graph. */
export function graphRequirements(index: AccountIndex, graph: DependencyGraph): readonly RequiredGrant[] {
  return index.derive(requirementsOf, graph);
}

function buildGraph(index: AccountIndex, { region, application }: RegionalApplication): DependencyGraph {
  return dependencyGraph(index, region, application);
}

function requirementsOf(index: AccountIndex, graph: DependencyGraph): RequiredGrant[] {
  return requiredPermissions(graph, index);
}
