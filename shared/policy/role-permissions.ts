import type { AccountIndex } from '../snapshot/account-index.js';
import type { RoleDetail } from '../snapshot/types.js';
import {
  type AccessRequest,
  documentAllows,
  type IndexedStatement,
  isConditional,
  statementLabel,
  unconditionalDenials,
} from './access.js';
import type { PolicyDocument, Statement } from './document.js';
import { defaultPolicyVersion, parsedPolicyVersion, type RolePolicy, rolePolicies } from './role-policies.js';

/** The AWS-managed policy that grants every action on every resource. */
export const ADMINISTRATOR_ACCESS = /^arn:[a-z-]+:iam::aws:policy\/AdministratorAccess$/;

// AdministratorAccess has held this one statement since IAM began; knowing it lets a snapshot
// without AWS-managed documents still be judged instead of ending in ERROR.
const ADMINISTRATOR_ACCESS_DOCUMENT: PolicyDocument = {
  version: '2012-10-17',
  statements: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }],
};

/** A role's permissions boundary: the managed policy that caps its identity policies. */
export interface PermissionsBoundary {
  arn: string;
  document?: PolicyDocument;
  /** Why the document is unknown; the boundary is then ignored (it could only remove grants). */
  problem?: string;
}

/** Everything that decides what a role may do: its identity policies and its boundary. */
export interface RolePermissions {
  role: RoleDetail;
  policies: readonly RolePolicy[];
  boundary?: PermissionsBoundary;
}

/** One statement of one of the role's identity policies. */
export interface PolicyStatement extends IndexedStatement {
  policy: RolePolicy;
}

/** Whether an Allow statement's grant is in force once denials and the boundary are applied. */
export interface GrantStanding {
  inForce: boolean;
  /** The statement or the boundary only allows it under a Condition. */
  conditional: boolean;
  /** What cancels the grant: a Deny statement, or the boundary not allowing it. */
  cancelledBy?: string;
}

/**
 * Collects a role's identity policies and its permissions boundary from the snapshot, once per
 * index and role: every least-privilege check asks for them. Shared: do not change the result.
 */
export function rolePermissions(index: AccountIndex, role: RoleDetail): RolePermissions {
  return index.derive(readRolePermissions, role);
}

function readRolePermissions(index: AccountIndex, role: RoleDetail): RolePermissions {
  const policies = rolePolicies(index, role).map((policy) =>
    policy.problem && policy.arn && ADMINISTRATOR_ACCESS.test(policy.arn)
      ? { name: policy.name, source: policy.source, arn: policy.arn, document: ADMINISTRATOR_ACCESS_DOCUMENT }
      : policy,
  );
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  if (!boundaryArn) return { role, policies };
  return { role, policies, boundary: readBoundary(index, boundaryArn) };
}

function readBoundary(index: AccountIndex, arn: string): PermissionsBoundary {
  if (ADMINISTRATOR_ACCESS.test(arn)) return { arn, document: ADMINISTRATOR_ACCESS_DOCUMENT };
  const policy = index.managedPolicy(arn);
  const version = policy ? defaultPolicyVersion(policy) : undefined;
  if (version?.Document === undefined) return { arn, problem: `its document is not in the snapshot` };
  const { document, problem } = parsedPolicyVersion(index, version);
  return document ? { arn, document } : { arn, ...(problem ? { problem } : {}) };
}

/** How a finding names a policy: inline, customer-managed or AWS-managed, by name. */
export function policyLabel(policy: RolePolicy): string {
  if (policy.source === 'inline') return `inline policy "${policy.name}"`;
  const owner = policy.arn && /^arn:[a-z-]+:iam::aws:policy\//.test(policy.arn) ? 'AWS-managed' : 'managed';
  return `${owner} policy "${policy.name}"`;
}

/** Every statement of the role's readable identity policies with the given effect. */
export function policyStatements(
  permissions: RolePermissions,
  effect: Statement['effect'],
): PolicyStatement[] {
  return permissions.policies.flatMap((policy) =>
    (policy.document?.statements ?? []).flatMap((statement, index): PolicyStatement[] =>
      statement.effect === effect
        ? [{ policy, statement, index, label: statementLabel(statement, index) }]
        : [],
    ),
  );
}

/**
 * Whether an Allow statement's grant of `request` is in force: no unconditional Deny of any
 * identity policy or of the boundary holds the request, and a readable boundary allows it too.
 */
export function grantStanding(
  permissions: RolePermissions,
  grant: Statement,
  request: AccessRequest,
): GrantStanding {
  const conditional = isConditional(grant);
  for (const policy of permissions.policies) {
    const denial = policy.document ? unconditionalDenials(policy.document, request)[0] : undefined;
    if (denial) {
      return {
        inForce: false,
        conditional,
        cancelledBy: `${denial.label} of ${policyLabel(policy)} denies it`,
      };
    }
  }
  const boundary = permissions.boundary?.document;
  if (!boundary) return { inForce: true, conditional };
  const decision = documentAllows(boundary, request);
  if (!decision.allowed) {
    const why = decision.deniedBy[0]
      ? `${decision.deniedBy[0].label} of it denies it`
      : 'it does not allow it';
    return {
      inForce: false,
      conditional,
      cancelledBy: `permissions boundary ${permissions.boundary?.arn} caps it (${why})`,
    };
  }
  return { inForce: true, conditional: conditional || decision.conditional };
}
