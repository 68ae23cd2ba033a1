import { parseArn } from '../../arn.js';
import {
  type AccessRequest,
  ALL_RESOURCES,
  accessRequest,
  type PatternSet,
  patternSetCovers,
  statementActions,
  statementCovers,
  statementResources,
} from '../../policy/access.js';
import type { Statement } from '../../policy/document.js';
import {
  grantStanding,
  type PolicyStatement,
  policyLabel,
  policyStatements,
  type RolePermissions,
} from '../../policy/role-permissions.js';
import { patternCovers, patternsOverlap } from '../../policy/wildcard.js';
import type { EscalationPart, EscalationScope, PrivilegeEscalation } from './privilege-escalations.js';
import type { FoundGrant, GrantSearch } from './role-grants.js';

/** What an escalation must reach beyond: the execution role and the application it runs. */
export interface EscalationSubject {
  roleArn: string;
  applicationArn: string;
}

/** One Allow statement granting, in force, one action of a part. */
export interface PartGrant {
  action: string;
  /** Position of the statement among the role's Allow statements, to list findings in policy order. */
  position: number;
  where: string;
  conditional: boolean;
}

/** An escalation whose every part is in force. */
export interface FoundEscalation {
  escalation: PrivilegeEscalation;
  /** The catalog name of a one-part escalation; the actions that fill the parts, joined by ` + `, otherwise. */
  name: string;
  /** Per part, the grants of the action that fills it (unconditional ones when there are). */
  parts: PartGrant[][];
  /** Some part is only granted under a Condition. */
  conditional: boolean;
}

/** What a search of the role's policies for the catalogued escalations found. */
export interface EscalationSearch {
  found: FoundEscalation[];
  /** Escalations every part of which some Allow grants, but a Deny or the boundary cancels, explained. */
  cancelled: string[];
}

interface PartSearch {
  granted: PartGrant[];
  /** Grants of the part that are cancelled: by whom, with the action they were for. */
  refused: { action: string; reason: string }[];
}

/**
 * Looks for each escalation of `catalog` in the role's Allow statements. A part is in force when one
 * statement grants one of its actions within its scope and no Deny or boundary cancels that grant;
 * the escalation is found when every part is, from the same statement or from several.
 */
export function findEscalations(
  permissions: RolePermissions,
  subject: EscalationSubject,
  catalog: readonly PrivilegeEscalation[],
): EscalationSearch {
  const allows = policyStatements(permissions, 'Allow').map((allow) => ({
    allow,
    where: `${policyLabel(allow.policy)} ${allow.label}`,
    actions: statementActions(allow.statement),
  }));
  const reach = {
    'another-role': reachBeyond('another-role', subject),
    'another-application': reachBeyond('another-application', subject),
  };
  const found: FoundEscalation[] = [];
  const cancelled: string[] = [];
  for (const escalation of catalog) {
    const parts: PartSearch[] = [];
    for (const part of escalation.parts) {
      const search = searchPart(permissions, allows, escalation, part, reach);
      // A part no statement grants, even cancelled, settles it: neither found nor cancelled.
      if (search.granted.length === 0 && search.refused.length === 0) break;
      parts.push(search);
    }
    if (parts.length < escalation.parts.length) continue;
    if (parts.every((part) => part.granted.length > 0)) {
      found.push(foundEscalation(escalation, parts));
    } else {
      cancelled.push(cancellation(escalation, parts));
    }
  }
  return { found, cancelled };
}

/**
 * The found escalations as grants per statement, for a least-privilege verdict: an escalation granted
 * by one statement is listed with that statement; one whose parts come from several statements is
 * listed under all of them, each with the actions it gives.
 */
export function escalationGrants(search: EscalationSearch): GrantSearch {
  const entries = new Map<string, FoundGrant & { position: number }>();
  const add = (where: string, position: number, what: string, conditional: boolean) => {
    const entry = entries.get(where) ?? { where, what: [], conditional: false, position };
    if (!entry.what.includes(what)) entry.what.push(what);
    entry.conditional ||= conditional;
    entries.set(where, entry);
  };
  for (const escalation of search.found) {
    const grants = escalation.parts.flat();
    if (escalation.parts.length === 1) {
      for (const grant of grants) add(grant.where, grant.position, escalation.name, grant.conditional);
      continue;
    }
    const statements = [...new Set(grants.map((grant) => grant.position))].sort((a, b) => a - b);
    if (statements.length === 1) {
      add(grants[0]?.where ?? '', statements[0] ?? 0, escalation.name, escalation.conditional);
    } else {
      add(jointWhere(grants, statements), Number.MAX_SAFE_INTEGER, escalation.name, escalation.conditional);
    }
  }
  // Array.prototype.sort is stable: statements in policy order, joint grants after them in catalog order.
  const grants = [...entries.values()]
    .sort((a, b) => a.position - b.position)
    .map(({ where, what, conditional }) => ({ where, what, conditional }));
  return { grants, cancelled: search.cancelled };
}

/** An Allow statement of the role, with how findings name it and the actions it names. */
interface AllowStatement {
  allow: PolicyStatement;
  where: string;
  actions: PatternSet | undefined;
}

/** The resources beyond the subject for each scope that has some: its family, and itself. */
type Reach = Record<'another-role' | 'another-application', { family: string; self: string }>;

function searchPart(
  permissions: RolePermissions,
  allows: readonly AllowStatement[],
  escalation: PrivilegeEscalation,
  part: EscalationPart,
  reach: Reach,
): PartSearch {
  const granted: PartGrant[] = [];
  const refused: PartSearch['refused'] = [];
  for (const [position, { allow, where, actions }] of allows.entries()) {
    // Keyed by how the reason names the grant: a one-part escalation is named once per statement.
    let refusedHere: Map<string, PartSearch['refused'][number]> | undefined;
    let grantedHere = false;
    for (const action of part.actions) {
      // Every request of a part asks for the action alone: a statement not naming it grants none.
      if (!actions || !patternSetCovers(actions, { patterns: [action], except: false }, 'action')) continue;
      const requests = partRequests(allow.statement, action, part.scope, reach);
      if (requests.length === 0) continue;
      const standings = requests.map((request) => grantStanding(permissions, allow.statement, request));
      const inForce = standings.filter((standing) => standing.inForce);
      const named = escalation.parts.length === 1 ? escalation.name : action;
      if (inForce.length > 0) {
        grantedHere = true;
        granted.push({
          action,
          position,
          where,
          conditional: inForce.every((standing) => standing.conditional),
        });
      } else if (standings[0] && !refusedHere?.has(named)) {
        refusedHere ??= new Map();
        refusedHere.set(named, { action, reason: `${named} from ${where}: ${standings[0].cancelledBy}` });
      }
    }
    // A part opened by any of a few actions: one in force in the statement is enough.
    if (!grantedHere && refusedHere) refused.push(...refusedHere.values());
  }
  return { granted, refused };
}

/** The requests whose grant fills the part, each enough on its own; none when the statement misses it. */
function partRequests(
  statement: Statement,
  action: string,
  scope: EscalationScope,
  reach: Reach,
): AccessRequest[] {
  const requests = candidateRequests(statement, action, scope, reach);
  return requests.filter((request) => statementCovers(statement, request));
}

function candidateRequests(
  statement: Statement,
  action: string,
  scope: EscalationScope,
  reach: Reach,
): AccessRequest[] {
  const resources = statementResources(statement);
  if (scope === 'every-resource') return [accessRequest(action, ALL_RESOURCES)];
  // iam:PassRole only passes roles of the caller's own account: all of them is as good as `*`.
  if (scope === 'every-role') return [accessRequest(action, reach['another-role'].family)];
  const actions = { patterns: [action], except: false };
  if (scope === 'any-resource') return [{ actions, resources }];
  const { family, self } = reach[scope];
  if (resources.except) {
    // NotResource reaches the family unless one of its patterns excludes the whole family.
    return resources.patterns.some((pattern) => patternCovers(pattern, family, false))
      ? []
      : [{ actions, resources }];
  }
  // A pattern counts when it names some resource of the family other than the subject itself. One
  // wider than the family (`*`) is asked about the family only, so that a Deny of every role counts.
  return resources.patterns
    .filter((pattern) => patternsOverlap(pattern, family, false) && !patternCovers(self, pattern, false))
    .map((pattern) => accessRequest(action, patternCovers(pattern, family, false) ? family : pattern));
}

function reachBeyond(
  scope: 'another-role' | 'another-application',
  subject: EscalationSubject,
): { family: string; self: string } {
  if (scope === 'another-role') {
    const arn = parseArn(subject.roleArn);
    const family = arn ? `arn:${arn.partition}:iam::${arn.accountId}:role/*` : ALL_RESOURCES;
    return { family, self: subject.roleArn };
  }
  const arn = parseArn(subject.applicationArn);
  const family = arn
    ? `arn:${arn.partition}:kinesisanalytics:*:${arn.accountId}:application/*`
    : ALL_RESOURCES;
  return { family, self: subject.applicationArn };
}

function foundEscalation(escalation: PrivilegeEscalation, parts: PartSearch[]): FoundEscalation {
  const chosen = parts.map((part, index) => chooseGrants(part.granted, escalation.parts[index]));
  const name =
    escalation.parts.length === 1
      ? escalation.name
      : chosen.map((grants) => grants[0]?.action ?? '').join(' + ');
  const conditional = chosen.some((grants) => grants.every((grant) => grant.conditional));
  // A one-part escalation lists every statement that opens it, as each needs fixing.
  const shown = escalation.parts.length === 1 ? parts.map((part) => part.granted) : chosen;
  return { escalation, name, parts: shown, conditional };
}

// Names the part by its first catalogued action in force, preferring unconditional grants of it.
function chooseGrants(granted: PartGrant[], part: EscalationPart | undefined): PartGrant[] {
  const unconditional = granted.filter((grant) => !grant.conditional);
  const pool = unconditional.length > 0 ? unconditional : granted;
  const action = part?.actions.find((candidate) => pool.some((grant) => grant.action === candidate));
  return pool.filter((grant) => grant.action === action);
}

function cancellation(escalation: PrivilegeEscalation, parts: PartSearch[]): string {
  const reasons = parts.flatMap((part) =>
    part.granted.length > 0 ? [] : part.refused.map((refusal) => refusal.reason),
  );
  if (escalation.parts.length === 1) return reasons.join('; ');
  const name = parts
    .map((part, index) =>
      part.granted.length > 0
        ? chooseGrants(part.granted, escalation.parts[index])[0]?.action
        : part.refused[0]?.action,
    )
    .join(' + ');
  return `${name} (${reasons.join(' and ')})`;
}

// "A (iam:PassRole) together with B (lambda:CreateFunction) and C (lambda:InvokeFunction)".
function jointWhere(grants: PartGrant[], statements: number[]): string {
  const described = statements.map((position) => {
    const here = grants.filter((grant) => grant.position === position);
    return `${here[0]?.where} (${[...new Set(here.map((grant) => grant.action))].join(', ')})`;
  });
  const [first, ...rest] = described;
  return `${first} together with ${rest.join(' and ')}`;
}
