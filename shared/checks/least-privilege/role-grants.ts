import type { AccessRequest } from '../../policy/access.js';
import {
  grantStanding,
  type PolicyStatement,
  policyLabel,
  policyStatements,
  type RolePermissions,
  rolePermissions,
} from '../../policy/role-permissions.js';
import { readAdvice } from '../dependencies.js';
import { executionRole, unjudgedRoleOutcome } from '../iam-roles/execution-role.js';
import type { CheckContext, CheckOutcome } from '../types.js';

/** Something a check objects to that one Allow statement grants. */
export interface Probe {
  /** How the finding names it, e.g. `kinesis:*`. */
  what: string;
  /** The request whose denial or capping by the boundary would cancel it. */
  request: AccessRequest;
}

/** An Allow statement that grants, in force, things a check objects to. */
export interface FoundGrant {
  where: string;
  what: string[];
  conditional: boolean;
}

/** What a search of the role's Allow statements found. */
export interface GrantSearch {
  grants: FoundGrant[];
  /** Grants that a Deny or the permissions boundary cancels, explained. */
  cancelled: string[];
}

/** How a least-privilege verdict words what it looked for. */
export interface GrantWording {
  /** Completes "Role R allows …:" on FAIL, e.g. `service-wide wildcards on every resource`. */
  found: string;
  /** Completes "Role R allows …" on PASS, e.g. `no service-wide wildcard on every resource`. */
  none: string;
}

/**
 * Runs `judge` on the application's execution role and its permissions; without a role to judge,
 * says NOT_APPLICABLE (not set, missing) or ERROR (unreadable, another account's).
 */
export function judgeExecutionRole(
  context: CheckContext,
  judge: (permissions: RolePermissions) => CheckOutcome,
): CheckOutcome[] {
  const role = executionRole(context);
  if (role.state !== 'present') return [unjudgedRoleOutcome(context, role)];
  return [judge(rolePermissions(context.index, role.role))];
}

/** Asks `probe` what each Allow statement grants that the check objects to, and keeps what is in force. */
export function findGrants(
  permissions: RolePermissions,
  probe: (statement: PolicyStatement) => Probe[],
): GrantSearch {
  const grants: FoundGrant[] = [];
  const cancelled: string[] = [];
  for (const allow of policyStatements(permissions, 'Allow')) {
    const where = `${policyLabel(allow.policy)} ${allow.label}`;
    const what: string[] = [];
    const refused = new Map<string, string>();
    let conditional = false;
    for (const { what: name, request } of probe(allow)) {
      const standing = grantStanding(permissions, allow.statement, request);
      if (standing.inForce) {
        if (!what.includes(name)) what.push(name);
        conditional ||= standing.conditional;
      } else if (!refused.has(name)) {
        refused.set(name, `${name} from ${where}: ${standing.cancelledBy}`);
      }
    }
    // Several probes may share a name (an escalation opened by any of a few actions): one in force is enough.
    for (const [name, reason] of refused) if (!what.includes(name)) cancelled.push(reason);
    if (what.length > 0) grants.push({ where, what, conditional });
  }
  return { grants, cancelled };
}

/** One grant as a finding states it. */
export function describeGrant(grant: FoundGrant): string {
  return `${grant.where} allows ${grant.what.join(', ')}${grant.conditional ? ' (conditional)' : ''}`;
}

/**
 * The verdict of a least-privilege check: FAIL naming every grant found in readable policies;
 * otherwise ERROR when a policy could not be read (unknown is not compliant); otherwise PASS.
 * The detail also says what was cancelled and whether the boundary was ignored.
 */
export function grantVerdict(
  context: CheckContext,
  permissions: RolePermissions,
  search: GrantSearch,
  wording: GrantWording,
): CheckOutcome {
  const { role } = permissions;
  const subject = `Role ${role.RoleName} (execution role of ${context.application.ApplicationName})`;
  const notes = verdictNotes(permissions, search);
  if (search.grants.length > 0) {
    return {
      status: 'FAIL',
      resourceArn: role.Arn,
      detail: `${subject} allows ${wording.found}: ${search.grants.map(describeGrant).join('; ')}.${notes}`,
    };
  }
  const unread = unreadPolicies(permissions);
  if (unread) {
    return {
      status: 'ERROR',
      resourceArn: role.Arn,
      detail: `${subject} allows ${wording.none} in the policies that could be read, but ${unread}; ${unreadPoliciesAdvice(permissions)}.${notes}`,
    };
  }
  return { status: 'PASS', resourceArn: role.Arn, detail: `${subject} allows ${wording.none}.${notes}` };
}

/** The policies of the role that could not be read, as one clause; undefined when all were read. */
export function unreadPolicies(permissions: RolePermissions): string | undefined {
  const unread = permissions.policies.filter((policy) => policy.problem);
  if (unread.length === 0) return undefined;
  return `could not read ${unread.map((policy) => `${policyLabel(policy)} (${policy.problem})`).join(', ')}`;
}

/**
 * What to do about the role's unread policies: allow a denied read, fix a document IAM's grammar
 * does not parse, or collect documents a snapshot file left out.
 */
export function unreadPoliciesAdvice(permissions: RolePermissions): string {
  const unread = permissions.policies.filter((policy) => policy.problem);
  const failedReads = unread.flatMap((policy) => (policy.error ? [policy.error] : []));
  const advice: string[] = [];
  if (failedReads.length > 0) advice.push(readAdvice(failedReads));
  if (unread.some((policy) => policy.unparseable)) {
    advice.push("fix the policy documents so that IAM's policy grammar parses them, then scan again");
  }
  if (unread.some((policy) => !policy.error && !policy.unparseable)) {
    advice.push('collect the missing documents (iam:GetAccountAuthorizationDetails) and scan again');
  }
  return advice.join('; ');
}

function verdictNotes(permissions: RolePermissions, search: GrantSearch): string {
  const notes: string[] = [];
  const boundary = permissions.boundary;
  if (boundary?.problem) {
    notes.push(` Its permissions boundary ${boundary.arn} was ignored: ${boundary.problem}.`);
  }
  if (search.cancelled.length > 0) notes.push(` Not counted: ${search.cancelled.join('; ')}.`);
  return notes.join('');
}
