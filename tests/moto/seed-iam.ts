import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  type IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { parseArn } from '../../shared/arn.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type {
  AccountSnapshot,
  ManagedPolicyDetail,
  RawPolicyDocument,
  RoleDetail,
} from '../../shared/snapshot/types.js';
import type { IdMapping } from './id-mapping.js';
import { MotoCrossCheckError } from './moto-errors.js';

/** The version moto gives a customer managed policy's document when it creates the policy. */
export type PolicyVersions = Map<string, string>;

/**
 * Creates the snapshot's customer managed policies (CreatePolicy with the default version's
 * document) and roles (CreateRole with the trust policy, PutRolePolicy for each inline policy,
 * AttachRolePolicy for each managed one; AWS managed policies are moto's own, loaded at start).
 * Records moto's role and policy ids; returns the version id moto gave each policy.
 */
export async function seedIam(
  clients: ClientFactory,
  snapshot: AccountSnapshot,
  mapping: IdMapping,
): Promise<PolicyVersions> {
  const iam = clients.iam();
  const versions: PolicyVersions = new Map();
  const customerPolicies = (snapshot.iam?.policies ?? []).filter(
    (policy) => parseArn(policy.Arn)?.accountId !== 'aws',
  );
  // Policies first: roles attach them.
  await Promise.all(
    customerPolicies.map(async (policy) => {
      const created = await createPolicy(iam, policy);
      if (typeof policy.PolicyId === 'string' && created.PolicyId)
        mapping.add(policy.PolicyId, created.PolicyId);
      if (created.DefaultVersionId) versions.set(policy.Arn, created.DefaultVersionId);
    }),
  );
  await Promise.all(
    (snapshot.iam?.roles ?? []).map(async (role) => {
      const roleId = await createRole(iam, role);
      if (role.RoleId && roleId) mapping.add(role.RoleId, roleId);
    }),
  );
  return versions;
}

async function createPolicy(iam: IAMClient, policy: ManagedPolicyDetail) {
  const document = defaultVersion(policy)?.Document;
  const name = policy.PolicyName ?? policy.Arn.split('/').pop();
  if (document === undefined || !name) {
    throw new MotoCrossCheckError(`Policy ${policy.Arn} has no name or default version document to create.`);
  }
  const created = await iam.send(
    new CreatePolicyCommand({
      PolicyName: name,
      Path: pathOf(policy.Arn, 'policy/'),
      PolicyDocument: policyText(document),
      Description: typeof policy.Description === 'string' ? policy.Description : undefined,
    }),
  );
  return created.Policy ?? {};
}

async function createRole(iam: IAMClient, role: RoleDetail): Promise<string | undefined> {
  if (role.AssumeRolePolicyDocument === undefined) {
    throw new MotoCrossCheckError(`Role ${role.Arn} has no trust policy: CreateRole needs one.`);
  }
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: role.RoleName,
      Path: role.Path ?? pathOf(role.Arn, 'role/'),
      AssumeRolePolicyDocument: policyText(role.AssumeRolePolicyDocument),
      Description: typeof role.Description === 'string' ? role.Description : undefined,
      PermissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
      Tags: role.Tags?.length ? role.Tags : undefined,
    }),
  );
  for (const inline of role.RolePolicyList ?? []) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: role.RoleName,
        PolicyName: inline.PolicyName,
        PolicyDocument: policyText(inline.PolicyDocument),
      }),
    );
  }
  for (const attached of role.AttachedManagedPolicies ?? []) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: role.RoleName, PolicyArn: attached.PolicyArn }));
  }
  return created.Role?.RoleId;
}

/** The default version of a managed policy as GetAccountAuthorizationDetails lists it. */
export function defaultVersion(policy: ManagedPolicyDetail) {
  const versions = policy.PolicyVersionList ?? [];
  return (
    versions.find((version) => version.IsDefaultVersion) ??
    versions.find((version) => version.VersionId === policy.DefaultVersionId)
  );
}

/** A policy document as IAM's write calls take it: plain JSON text. */
export function policyText(document: RawPolicyDocument): string {
  if (typeof document !== 'string') return JSON.stringify(document);
  const trimmed = document.trim();
  // GetAccountAuthorizationDetails URL-encodes documents; a decoded one starts with '{'.
  return trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed);
}

/** The IAM path of a role or policy ARN: `arn:aws:iam::1:role/service-role/x` → `/service-role/`. */
function pathOf(arn: string, prefix: 'role/' | 'policy/'): string {
  const resource = parseArn(arn)?.resource ?? '';
  const inner = resource.startsWith(prefix) ? resource.slice(prefix.length) : resource;
  const parts = inner.split('/').slice(0, -1);
  return parts.length > 0 ? `/${parts.join('/')}/` : '/';
}
