import {
  type AccessRequest,
  accessRequest,
  type PatternSet,
  patternSetCovers,
  statementResources,
} from '../policy/access.js';
import { expandActionPatterns, notActionComplement } from '../policy/action-catalog.js';
import type { Statement } from '../policy/document.js';
import {
  grantStanding,
  policyLabel,
  policyStatements,
  type RolePermissions,
} from '../policy/role-permissions.js';
import type { RequiredGrant } from './requirements.js';

/** An action the role's policies grant, in force, on a resource (pattern) that no requirement needs. */
export interface ExcessGrant {
  action: string;
  /** The granted resource pattern, or `all but X` for NotResource. */
  resource: string;
  /** The policy statement that grants it. */
  where: string;
  conditional: boolean;
}

// Expanded once per statement: a managed policy's statements are shared by every role it is
// attached to, and `*` expands to thousands of actions. Parsed statements are never changed.
const grantedActionsOf = new WeakMap<Statement, readonly string[]>();

function grantedActions(statement: Statement): readonly string[] {
  let actions = grantedActionsOf.get(statement);
  if (!actions) {
    const expansion = statement.notActions
      ? notActionComplement(statement.notActions)
      : expandActionPatterns(statement.actions ?? []);
    actions = [...expansion.actions, ...expansion.unknownActions];
    grantedActionsOf.set(statement, actions);
  }
  return actions;
}

/**
 * Everything the role's Allow statements grant in force beyond `required`: each action (wildcards
 * and NotAction expanded through the action catalog; literal actions it does not know kept as
 * written) on each granted resource pattern that no required grant of the same action covers.
 */
export function excessGrants(
  required: readonly RequiredGrant[],
  permissions: RolePermissions,
): ExcessGrant[] {
  const excess: ExcessGrant[] = [];
  // A wildcard expands to hundreds of actions: look each one's requirements up, not through them all.
  const neededResources = new Map<string, PatternSet[]>();
  for (const grant of required) {
    const action = grant.action.toLowerCase();
    const resource: PatternSet = { patterns: [grant.resource], except: false };
    const known = neededResources.get(action);
    if (known) known.push(resource);
    else neededResources.set(action, [resource]);
  }
  for (const allow of policyStatements(permissions, 'Allow')) {
    const { statement } = allow;
    const where = `${policyLabel(allow.policy)} ${allow.label}`;
    const actions = grantedActions(statement);
    const resources = statementResources(statement);
    const resourceSets = resources.except
      ? [{ label: `all but ${resources.patterns.join(', ')}`, set: resources }]
      : resources.patterns.map((pattern) => ({
          label: pattern,
          set: { patterns: [pattern], except: false },
        }));
    for (const action of actions) {
      const needed = neededResources.get(action.toLowerCase()) ?? [];
      for (const { label, set } of resourceSets) {
        if (needed.some((resource) => patternSetCovers(resource, set, 'resource'))) continue;
        const request: AccessRequest = set.except
          ? { actions: { patterns: [action], except: false }, resources: set }
          : accessRequest(action, set.patterns);
        const standing = grantStanding(permissions, statement, request);
        if (standing.inForce)
          excess.push({ action, resource: label, where, conditional: standing.conditional });
      }
    }
  }
  return excess;
}
