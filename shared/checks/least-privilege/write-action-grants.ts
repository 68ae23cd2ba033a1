import { ALL_RESOURCES, accessRequest, patternSetCovers, statementResources } from '../../policy/access.js';
import { catalogAction, expandActionPatterns, notActionComplement } from '../../policy/action-catalog.js';
import { grantStanding, type PolicyStatement, type RolePermissions } from '../../policy/role-permissions.js';
import { administratorProbes } from './administrator-grants.js';
import { DATA_ACTIONS } from './data-actions.js';
import type { FoundGrant, Probe } from './role-grants.js';

const EVERY_RESOURCE = { patterns: [ALL_RESOURCES], except: false };
const DATA_ACTION_NAMES = new Set<string>(DATA_ACTIONS.map((action) => action.toLowerCase()));
// Beyond this many actions of one service, a finding names a few and counts the rest.
const LISTED_PER_SERVICE = 6;

/** Whether an action changes resources or permissions (Write or Permissions management). */
export function isWriteAction(action: string): boolean {
  const levels = catalogAction(action)?.accessLevels ?? [];
  return levels.includes('Write') || levels.includes('Permissions management');
}

/**
 * What an Allow statement grants on every resource that writes or manages permissions, through the
 * action catalog: skipped when role-admin-access already reports the statement (its administrator
 * grant is in force), and without the data actions role-data-actions-on-all-resources reports.
 */
export function writeActionProbes(permissions: RolePermissions, allow: PolicyStatement): Probe[] {
  const { statement } = allow;
  if (!patternSetCovers(statementResources(statement), EVERY_RESOURCE, 'resource')) return [];
  const administrator = administratorProbes(statement);
  if (administrator.some(({ request }) => grantStanding(permissions, statement, request).inForce)) return [];
  const expansion = statement.notActions
    ? notActionComplement(statement.notActions)
    : expandActionPatterns(statement.actions ?? []);
  return expansion.actions
    .filter((action) => isWriteAction(action) && !DATA_ACTION_NAMES.has(action.toLowerCase()))
    .map((action) => ({ what: action, request: accessRequest(action, ALL_RESOURCES) }));
}

/** The action patterns of an Allow statement on every resource that the catalog cannot enumerate. */
export function unjudgedPatterns(allow: PolicyStatement): string[] {
  const { statement } = allow;
  if (!statement.actions) return [];
  if (!patternSetCovers(statementResources(statement), EVERY_RESOURCE, 'resource')) return [];
  return statement.actions.filter((pattern) => {
    const expansion = expandActionPatterns([pattern]);
    return expansion.unknownServices.length > 0 || expansion.unknownActions.length > 0;
  });
}

/** A grant with its actions summarised per service, so `kinesis:*` does not list forty actions. */
export function summariseGrant(grant: FoundGrant): FoundGrant {
  const byService = new Map<string, string[]>();
  for (const action of grant.what) {
    const service = action.slice(0, action.indexOf(':'));
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  const what = [...byService].map(([service, actions]) =>
    actions.length <= LISTED_PER_SERVICE
      ? actions.join(', ')
      : `${actions.slice(0, LISTED_PER_SERVICE).join(', ')} and ${moreOf(actions.length - LISTED_PER_SERVICE, service)}`,
  );
  return { ...grant, what };
}

function moreOf(count: number, service: string): string {
  return `${count} more ${service} write action${count === 1 ? '' : 's'}`;
}

/** The cancelled grants as a finding states them: a few named, the rest counted. */
export function summariseCancelled(cancelled: readonly string[]): string[] {
  if (cancelled.length <= LISTED_PER_SERVICE) return [...cancelled];
  const rest = cancelled.length - LISTED_PER_SERVICE;
  return [...cancelled.slice(0, LISTED_PER_SERVICE), `and ${rest} more write action${rest === 1 ? '' : 's'}`];
}
