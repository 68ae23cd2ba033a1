import { parseArn } from '../../shared/arn.js';
import type { ManagedPolicyDetail, RoleDetail } from '../../shared/snapshot/types.js';
import { AwsServiceError, type OperationContext, type QueryService } from '../types.js';
import { accessKeyOperations } from './iam-access-keys.js';
import {
  listedRoleView,
  noSuchRole,
  pathOfArn,
  policyDetailView,
  policyVersionView,
  policyView,
  roleArnFor,
  roleDetailView,
  roleNamed,
  roleView,
  urlEncodedDocument,
} from './iam-entities.js';
import { iamPage } from './iam-page.js';
import { guard } from './lookups.js';
import { memberList, requiredParam, validationError } from './query-wire.js';

const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
const POLICY_ARN = /^arn:[\w-]+:iam::(\d{12}|aws):policy\/.+/;

/**
 * IAM: the roles and managed policies of the snapshot, read as the collector and the CLI read
 * them, and the access keys it looked up (iam-access-keys.ts). A snapshot holds no user or group
 * details, so those lists are always empty.
 */
export const iamService: QueryService = {
  signingName: 'iam',
  flavour: 'query',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  operations: {
    GetAccountAuthorizationDetails(params, context) {
      guard(context, 'iam:GetAccountAuthorizationDetails', undefined);
      const filter = memberList(params, 'Filter');
      const unknown = filter.filter((type) => !(ENTITY_TYPES as readonly string[]).includes(type));
      if (unknown.length > 0) {
        throw validationError(
          `Value '[${filter.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy ` +
            `constraint: [Member must satisfy enum value set: [${ENTITY_TYPES.join(', ')}]]`,
        );
      }
      const wants = (type: (typeof ENTITY_TYPES)[number]) => filter.length === 0 || filter.includes(type);
      const iam = context.state.snapshot.iam ?? {};
      const entries: ({ role: RoleDetail } | { policy: ManagedPolicyDetail })[] = [
        ...(wants('Role') ? (iam.roles ?? []) : []).map((role) => ({ role })),
        ...(iam.policies ?? [])
          .filter((policy) =>
            parseArn(policy.Arn)?.accountId === 'aws'
              ? wants('AWSManagedPolicy')
              : wants('LocalManagedPolicy'),
          )
          .map((policy) => ({ policy })),
      ];
      const page = iamPage(entries, params, context);
      return {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: page.items.flatMap((entry) => ('role' in entry ? [roleDetailView(entry.role)] : [])),
        Policies: page.items.flatMap((entry) => ('policy' in entry ? [policyDetailView(entry.policy)] : [])),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
    ListRoles(params, context) {
      guard(context, 'iam:ListRoles', undefined);
      const prefix = params.get('PathPrefix') ?? '/';
      const roles = (context.state.snapshot.iam?.roles ?? []).filter((role) =>
        (role.Path ?? pathOfArn(role.Arn)).startsWith(prefix),
      );
      const page = iamPage(roles, params, context);
      return { Roles: page.items.map(listedRoleView), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
    GetRole(params, context) {
      const role = readableRole(params, context, 'iam:GetRole');
      return { Role: roleView(role) };
    },
    ListRolePolicies(params, context) {
      const role = readableRole(params, context, 'iam:ListRolePolicies');
      const page = iamPage(role.RolePolicyList ?? [], params, context);
      return {
        PolicyNames: page.items.map((policy) => policy.PolicyName),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
    GetRolePolicy(params, context) {
      const role = readableRole(params, context, 'iam:GetRolePolicy');
      const policyName = requiredParam(params, 'PolicyName');
      const policy = (role.RolePolicyList ?? []).find((entry) => entry.PolicyName === policyName);
      if (!policy) {
        throw new AwsServiceError(
          'NoSuchEntity',
          `The role policy with name ${policyName} cannot be found.`,
          404,
        );
      }
      return {
        RoleName: role.RoleName,
        PolicyName: policy.PolicyName,
        PolicyDocument: urlEncodedDocument(policy.PolicyDocument),
      };
    },
    ListAttachedRolePolicies(params, context) {
      const role = readableRole(params, context, 'iam:ListAttachedRolePolicies');
      const prefix = params.get('PathPrefix') ?? '/';
      const attached = (role.AttachedManagedPolicies ?? []).filter((policy) =>
        pathOfArn(policy.PolicyArn).startsWith(prefix),
      );
      const page = iamPage(attached, params, context);
      return {
        AttachedPolicies: page.items.map((policy) => ({
          PolicyName: policy.PolicyName ?? policy.PolicyArn.split('/').pop(),
          PolicyArn: policy.PolicyArn,
        })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
    GetPolicy(params, context) {
      const policy = readablePolicy(params, context, 'iam:GetPolicy');
      return { Policy: policyView(policy) };
    },
    GetPolicyVersion(params, context) {
      const policy = readablePolicy(params, context, 'iam:GetPolicyVersion');
      const versionId = requiredParam(params, 'VersionId');
      const version = (policy.PolicyVersionList ?? []).find((entry) => entry.VersionId === versionId);
      if (!version) {
        throw new AwsServiceError(
          'NoSuchEntity',
          `Policy ${policy.Arn} version ${versionId} does not exist or is not attachable.`,
          404,
        );
      }
      return { PolicyVersion: policyVersionView(version) };
    },
    ListPolicyVersions(params, context) {
      const policy = readablePolicy(params, context, 'iam:ListPolicyVersions');
      const page = iamPage(policy.PolicyVersionList ?? [], params, context);
      return {
        Versions: page.items.map((version) => policyVersionView(version, false)),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
    ...accessKeyOperations,
  },
};

/** The named role, after the snapshot's recorded failure for this read (if any). */
function readableRole(params: URLSearchParams, context: OperationContext, operation: string): RoleDetail {
  const roleName = requiredParam(params, 'RoleName');
  guard(context, operation, roleArnFor(context.state, roleName));
  const role = roleNamed(context.state, roleName);
  if (!role) throw noSuchRole(roleName);
  return role;
}

/** The managed policy named by PolicyArn, after the snapshot's recorded failure (if any). */
function readablePolicy(
  params: URLSearchParams,
  context: OperationContext,
  operation: string,
): ManagedPolicyDetail {
  const policyArn = requiredParam(params, 'PolicyArn');
  if (!POLICY_ARN.test(policyArn))
    throw new AwsServiceError('InvalidInput', `ARN ${policyArn} is not valid.`);
  guard(context, operation, policyArn);
  const policy = context.state.index.managedPolicy(policyArn);
  if (!policy) {
    throw new AwsServiceError(
      'NoSuchEntity',
      `Policy ${policyArn} does not exist or is not attachable.`,
      404,
    );
  }
  return policy;
}
