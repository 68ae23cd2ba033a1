import { type AccessRequest, accessRequest, patternSetCovers, statementResources } from '../policy/access.js';
import { expandActionPatterns, notActionComplement } from '../policy/action-catalog.js';
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
  for (const allow of policyStatements(permissions, 'Allow')) {
    const { statement } = allow;
    const where = `${policyLabel(allow.policy)} ${allow.label}`;
    const expansion = statement.notActions
      ? notActionComplement(statement.notActions)
      : expandActionPatterns(statement.actions ?? []);
    const actions = [...expansion.actions, ...expansion.unknownActions];
    const resources = statementResources(statement);
    const resourceSets = resources.except
      ? [{ label: `all but ${resources.patterns.join(', ')}`, set: resources }]
      : resources.patterns.map((pattern) => ({
          label: pattern,
          set: { patterns: [pattern], except: false },
        }));
    for (const action of actions) {
      const needed = required.filter((grant) => grant.action.toLowerCase() === action.toLowerCase());
      for (const { label, set } of resourceSets) {
        const covered = needed.some((grant) =>
          patternSetCovers({ patterns: [grant.resource], except: false }, set, 'resource'),
        );
        if (covered) continue;
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
