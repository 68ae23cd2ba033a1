import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { parseArn } from '../arn.js';
import type { ManagedPolicyDetail, RoleDetail } from '../snapshot/types.js';
import { callAwsPages, type ScanContext } from './collection-context.js';
import { readRole } from './iam-role-reads.js';
import type { SnapshotDraft } from './snapshot-draft.js';
import { snapshotShape } from './snapshot-shape.js';

/**
 * Up to this many execution roles are read role by role; above it, one paginated
 * GetAccountAuthorizationDetails is cheaper (see docs/collection.md for the arithmetic).
 */
export const PER_ROLE_READ_LIMIT = 10;

/** How IAM is read: call by call per role, or the whole account's authorization details. */
export type IamStrategy = 'per-role' | 'authorization-details';

/** The cheaper way to read `roleCount` roles. */
export function iamStrategy(roleCount: number): IamStrategy {
  return roleCount <= PER_ROLE_READ_LIMIT ? 'per-role' : 'authorization-details';
}

/**
 * Reads the execution roles of the collected applications, and the managed policies they attach
 * (AWS-managed ones included), into the draft. Returns the role ARNs it looked for, so dependency
 * discovery does not read them again. Roles of other accounts are not read.
 */
export async function collectExecutionRoles(
  context: ScanContext,
  draft: SnapshotDraft,
): Promise<Set<string>> {
  const roleArns = [
    ...new Set(
      draft
        .applications()
        .flatMap(({ application }) => application.ServiceExecutionRole ?? [])
        .filter((arn) => parseArn(arn)?.accountId === context.accountId),
    ),
  ].sort();
  if (roleArns.length === 0) return new Set();
  const strategy = iamStrategy(roleArns.length);
  context.progress(`IAM: ${roleArns.length} execution role(s), read ${strategy}.`);
  if (strategy === 'per-role') {
    const reads = await Promise.all(roleArns.map((arn) => readRole(context, arn)));
    for (const read of reads) {
      if (!read) continue;
      draft.addRole(read.role);
      for (const policy of read.policies) draft.addPolicy(policy);
    }
  } else {
    const details = await authorizationDetails(context);
    if (details) {
      const kept = keepRoles(details.roles, roleArns);
      const attached = new Set(
        kept.flatMap((role) => (role.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn)),
      );
      for (const role of kept) draft.addRole(role);
      for (const policy of details.policies) if (attached.has(policy.Arn)) draft.addPolicy(policy);
    }
  }
  return new Set(roleArns);
}

/** Every role and managed policy of the account, or undefined when the read failed (recorded). */
async function authorizationDetails(
  context: ScanContext,
): Promise<{ roles: RoleDetail[]; policies: ManagedPolicyDetail[] } | undefined> {
  const iam = context.clients.iam();
  const pages = await callAwsPages(
    context,
    { operation: 'iam:GetAccountAuthorizationDetails' },
    (token) =>
      iam.send(
        new GetAccountAuthorizationDetailsCommand({
          Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'],
          // The largest page IAM allows: AWS-managed policies alone fill over a thousand entries.
          MaxItems: 1000,
          Marker: token,
        }),
      ),
    (page) => (page.IsTruncated ? page.Marker : undefined),
  );
  if (pages.status !== 'ok') return undefined;
  // Safe: RoleDetailList and Policies entries are the snapshot's own RoleDetail and
  // ManagedPolicyDetail shapes; entries lacking their identifiers are dropped first.
  const roles = pages.value
    .flatMap((page) => page.RoleDetailList ?? [])
    .filter((role) => role.Arn && role.RoleName)
    .map((role) => snapshotShape(role) as RoleDetail);
  const policies = pages.value
    .flatMap((page) => page.Policies ?? [])
    .filter((policy) => policy.Arn)
    .map((policy) => snapshotShape(policy) as ManagedPolicyDetail);
  return { roles, policies };
}

/** The roles named by `arns`, matched by ARN or, when the ARN's path differs, by role name. */
function keepRoles(roles: readonly RoleDetail[], arns: readonly string[]): RoleDetail[] {
  const wanted = new Set(arns);
  const names = new Set(arns.map((arn) => arn.split('/').pop()));
  return roles.filter((role) => wanted.has(role.Arn) || names.has(role.RoleName));
}
