import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import type { ManagedPolicyDetail, RoleDetail } from '../snapshot/types.js';
import { callAws, callAwsPages, type ScanContext } from './collection-context.js';
import { snapshotShape } from './snapshot-shape.js';

/** The error IAM returns for a role or policy that does not exist (modelled and wire names). */
export const NO_SUCH_ENTITY = ['NoSuchEntityException', 'NoSuchEntity'] as const;

/** A role read call by call, and the managed policies it attaches. */
export interface RoleRead {
  role: RoleDetail;
  policies: ManagedPolicyDetail[];
}

/**
 * Reads one role as a GetAccountAuthorizationDetails RoleDetail entry, built from GetRole,
 * ListRolePolicies + GetRolePolicy and ListAttachedRolePolicies, plus each attached managed
 * policy (GetPolicy + GetPolicyVersion of its default version). Undefined when the role does not
 * exist or GetRole failed (recorded). A failed inline-policy or attachment read is recorded
 * against the role, which the checks then treat as unknown.
 */
export async function readRole(context: ScanContext, roleArn: string): Promise<RoleRead | undefined> {
  const roleName = roleArn.split('/').pop() ?? roleArn;
  const iam = context.clients.iam();
  const got = await callAws(
    context,
    { operation: 'iam:GetRole', resource: roleArn, absentOn: NO_SUCH_ENTITY },
    () => iam.send(new GetRoleCommand({ RoleName: roleName })),
  );
  if (got.status !== 'ok' || !got.value.Role?.Arn) return undefined;
  const [inline, attached] = await Promise.all([
    inlinePolicies(context, roleArn, roleName),
    attachedPolicies(context, roleArn, roleName),
  ]);
  const policies = await Promise.all(
    (attached ?? []).map((policy) => readManagedPolicyOnce(context, policy.PolicyArn)),
  );
  const role = {
    ...snapshotShape(got.value.Role),
    ...(inline ? { RolePolicyList: inline } : {}),
    ...(attached ? { AttachedManagedPolicies: attached } : {}),
  } as RoleDetail; // Safe: GetRole's Role carries RoleName and Arn (checked above).
  return { role, policies: policies.filter((policy) => policy !== undefined) };
}

/** A managed policy with its default version, read once per scan however many roles attach it. */
export function readManagedPolicyOnce(
  context: ScanContext,
  policyArn: string,
): Promise<ManagedPolicyDetail | undefined> {
  return context.once.run(`iam-policy-read|${policyArn}`, () => readManagedPolicy(context, policyArn));
}

async function readManagedPolicy(
  context: ScanContext,
  policyArn: string,
): Promise<ManagedPolicyDetail | undefined> {
  const iam = context.clients.iam();
  const call = { resource: policyArn, absentOn: NO_SUCH_ENTITY };
  const got = await callAws(context, { ...call, operation: 'iam:GetPolicy' }, () =>
    iam.send(new GetPolicyCommand({ PolicyArn: policyArn })),
  );
  const policy = got.status === 'ok' ? got.value.Policy : undefined;
  if (!policy?.DefaultVersionId) return undefined;
  const version = await callAws(context, { ...call, operation: 'iam:GetPolicyVersion' }, () =>
    iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy.DefaultVersionId })),
  );
  if (version.status !== 'ok' || !version.value.PolicyVersion) return undefined;
  return {
    ...snapshotShape(policy),
    Arn: policyArn,
    PolicyVersionList: [snapshotShape(version.value.PolicyVersion)],
  };
}

async function inlinePolicies(
  context: ScanContext,
  roleArn: string,
  roleName: string,
): Promise<RoleDetail['RolePolicyList'] | undefined> {
  const iam = context.clients.iam();
  const call = { resource: roleArn, absentOn: NO_SUCH_ENTITY };
  const listed = await callAwsPages(
    context,
    { ...call, operation: 'iam:ListRolePolicies' },
    (token) => iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker: token })),
    (page) => (page.IsTruncated ? page.Marker : undefined),
  );
  if (listed.status !== 'ok') return undefined;
  const names = listed.value.flatMap((page) => page.PolicyNames ?? []);
  const documents = await Promise.all(
    names.map(async (policyName) => {
      const got = await callAws(context, { ...call, operation: 'iam:GetRolePolicy' }, () =>
        iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
      );
      // IAM returns the document URL-encoded; the snapshot readers accept it as is.
      return got.status === 'ok' && got.value.PolicyDocument !== undefined
        ? [{ PolicyName: policyName, PolicyDocument: got.value.PolicyDocument }]
        : [];
    }),
  );
  return documents.flat();
}

async function attachedPolicies(
  context: ScanContext,
  roleArn: string,
  roleName: string,
): Promise<RoleDetail['AttachedManagedPolicies'] | undefined> {
  const iam = context.clients.iam();
  const listed = await callAwsPages(
    context,
    { operation: 'iam:ListAttachedRolePolicies', resource: roleArn, absentOn: NO_SUCH_ENTITY },
    (token) => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: token })),
    (page) => (page.IsTruncated ? page.Marker : undefined),
  );
  if (listed.status !== 'ok') return undefined;
  return listed.value
    .flatMap((page) => page.AttachedPolicies ?? [])
    .flatMap((policy) =>
      policy.PolicyArn ? [{ ...snapshotShape(policy), PolicyArn: policy.PolicyArn }] : [],
    );
}
