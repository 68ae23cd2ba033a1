import { createHash } from 'node:crypto';
import { parseArn } from '../../shared/arn.js';
import type { ManagedPolicyDetail, RoleDetail } from '../../shared/snapshot/types.js';
import type { SandboxState } from '../state.js';
import { AwsServiceError, type XmlContent } from '../types.js';
import { xmlContentOf } from './query-wire.js';

// The members of each IAM output shape (botocore iam 2010-05-08): a response carries these only.
const ROLE_FIELDS = [
  'Path',
  'RoleName',
  'RoleId',
  'Arn',
  'CreateDate',
  'AssumeRolePolicyDocument',
  'Description',
  'MaxSessionDuration',
  'PermissionsBoundary',
  'Tags',
  'RoleLastUsed',
] as const;
// ListRoles leaves out PermissionsBoundary, Tags and RoleLastUsed, as its documentation says.
const LISTED_ROLE_FIELDS = ROLE_FIELDS.slice(0, 8);
const ROLE_DETAIL_FIELDS = [
  'Path',
  'RoleName',
  'RoleId',
  'Arn',
  'CreateDate',
  'AssumeRolePolicyDocument',
  'InstanceProfileList',
  'RolePolicyList',
  'AttachedManagedPolicies',
  'PermissionsBoundary',
  'Tags',
  'RoleLastUsed',
] as const;
const POLICY_FIELDS = [
  'PolicyName',
  'PolicyId',
  'Arn',
  'Path',
  'DefaultVersionId',
  'AttachmentCount',
  'PermissionsBoundaryUsageCount',
  'IsAttachable',
  'Description',
  'CreateDate',
  'UpdateDate',
  'Tags',
] as const;
const POLICY_DETAIL_FIELDS = [...POLICY_FIELDS.slice(0, 11), 'PolicyVersionList'] as const;
const POLICY_VERSION_FIELDS = ['Document', 'VersionId', 'IsDefaultVersion', 'CreateDate'] as const;

/** One version of a managed policy as the snapshot holds it. */
export type PolicyVersionEntry = NonNullable<ManagedPolicyDetail['PolicyVersionList']>[number];

/**
 * A policy document as IAM returns it: URL-encoded JSON (RFC 3986). The snapshot may hold an
 * object, a JSON string or the URL-encoded text already.
 */
export function urlEncodedDocument(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return encodeURIComponent(JSON.stringify(raw));
  return raw.trim().startsWith('{') ? encodeURIComponent(raw) : raw;
}

/** IAM's NoSuchEntity (HTTP 404) for a role that does not exist. */
export function noSuchRole(roleName: string): AwsServiceError {
  return new AwsServiceError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
}

/** A role by name; IAM role names are unique regardless of case. */
export function roleNamed(state: SandboxState, roleName: string): RoleDetail | undefined {
  const wanted = roleName.toLowerCase();
  return (state.snapshot.iam?.roles ?? []).find((role) => role.RoleName.toLowerCase() === wanted);
}

/**
 * The ARN the collector names a role by, so a recorded failure finds it even when the role is not
 * in the snapshot (its read failed): the role's own ARN, else the ARN of a collection error about
 * a role of that name, else the path-less ARN.
 */
export function roleArnFor(state: SandboxState, roleName: string): string {
  const role = roleNamed(state, roleName);
  if (role) return role.Arn;
  const recorded = (state.snapshot.collectionErrors ?? []).find((error) => {
    const arn = error.resource ? parseArn(error.resource) : undefined;
    return (
      arn?.service === 'iam' && arn.resource.startsWith('role/') && arn.resource.split('/').pop() === roleName
    );
  });
  return recorded?.resource ?? `arn:${state.partition}:iam::${state.accountId}:role/${roleName}`;
}

/**
 * A role id for a role the snapshot gives none: AROA and 17 characters derived from the name,
 * so the same role always gets the same id.
 */
export function roleIdOf(role: RoleDetail): string {
  if (role.RoleId) return role.RoleId;
  return `AROA${createHash('sha256').update(role.RoleName).digest('hex').slice(0, 17).toUpperCase()}`;
}

/** GetRole's Role. */
export function roleView(role: RoleDetail): XmlContent {
  return pick(role, ROLE_FIELDS);
}

/** A ListRoles entry. */
export function listedRoleView(role: RoleDetail): XmlContent {
  return pick(role, LISTED_ROLE_FIELDS);
}

/** A GetAccountAuthorizationDetails RoleDetailList entry, inline documents URL-encoded. */
export function roleDetailView(role: RoleDetail): XmlContent {
  return {
    ...pick(role, ROLE_DETAIL_FIELDS),
    RolePolicyList: role.RolePolicyList?.map((policy) => ({
      PolicyName: policy.PolicyName,
      PolicyDocument: urlEncodedDocument(policy.PolicyDocument),
    })),
  };
}

/** GetPolicy's Policy. */
export function policyView(policy: ManagedPolicyDetail): XmlContent {
  return { ...pick(policy, POLICY_FIELDS), DefaultVersionId: defaultVersionId(policy) };
}

/** A GetAccountAuthorizationDetails Policies entry, version documents URL-encoded. */
export function policyDetailView(policy: ManagedPolicyDetail): XmlContent {
  return {
    ...pick(policy, POLICY_DETAIL_FIELDS),
    DefaultVersionId: defaultVersionId(policy),
    PolicyVersionList: policy.PolicyVersionList?.map((version) => policyVersionView(version)),
  };
}

/** A PolicyVersion, its document URL-encoded; ListPolicyVersions leaves the document out. */
export function policyVersionView(version: PolicyVersionEntry, withDocument = true): XmlContent {
  const view = pick(version, POLICY_VERSION_FIELDS);
  return { ...view, Document: withDocument ? urlEncodedDocument(version.Document) : undefined };
}

/**
 * The default version's id. A hand-assembled snapshot may only mark the version itself: without
 * the id, a reader following GetPolicy → GetPolicyVersion would find no document at all.
 */
export function defaultVersionId(policy: ManagedPolicyDetail): string | undefined {
  if (policy.DefaultVersionId) return policy.DefaultVersionId;
  const versions = policy.PolicyVersionList ?? [];
  const marked = versions.find((version) => version.IsDefaultVersion === true);
  return marked?.VersionId ?? (versions.length === 1 ? versions[0]?.VersionId : undefined);
}

/** The path of a role or policy ARN (`role/service-role/x` → `/service-role/`). */
export function pathOfArn(arn: string): string {
  const segments = (parseArn(arn)?.resource ?? '').split('/');
  return segments.length > 2 ? `/${segments.slice(1, -1).join('/')}/` : '/';
}

function pick(record: Record<string, unknown>, fields: readonly string[]): { [element: string]: XmlContent } {
  const view: { [element: string]: XmlContent } = {};
  for (const field of fields) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    view[field] = field.endsWith('PolicyDocument') ? urlEncodedDocument(value) : xmlContentOf(value);
  }
  return view;
}
