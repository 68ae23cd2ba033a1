import {
  ALL_ACTIONS,
  ALL_RESOURCES,
  accessRequest,
  patternSetCovers,
  statementResources,
} from '../../policy/access.js';
import type { Statement } from '../../policy/document.js';
import type { Probe } from './role-grants.js';

const EVERY_RESOURCE = { patterns: [ALL_RESOURCES], except: false };

/**
 * What an Allow statement grants that amounts to administrator access: every action (`*`) on every
 * resource, or every action but a few (NotAction) on every resource.
 */
export function administratorProbes(statement: Statement): Probe[] {
  if (!patternSetCovers(statementResources(statement), EVERY_RESOURCE, 'resource')) return [];
  if (statement.notActions) {
    return [
      {
        what: `every action except ${statement.notActions.join(', ')} (NotAction) on every resource`,
        request: { actions: { patterns: statement.notActions, except: true }, resources: EVERY_RESOURCE },
      },
    ];
  }
  const request = accessRequest(ALL_ACTIONS, ALL_RESOURCES);
  return patternSetCovers({ patterns: statement.actions ?? [], except: false }, request.actions, 'action')
    ? [{ what: 'every action (Action "*") on every resource', request }]
    : [];
}
