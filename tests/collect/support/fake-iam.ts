/** The fake IAM service: authorization details and the per-role reads, documents URL-encoded. */
import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import type { ManagedPolicyDetail, RoleDetail } from '../../../shared/snapshot/types.js';
import { type Answer, awsError, type FakeAccount, page, urlEncoded, without } from './fake-wire.js';

/** A role as GetAccountAuthorizationDetails returns it. */
function wireRole(role: RoleDetail): RoleDetail {
  return {
    ...role,
    ...(role.AssumeRolePolicyDocument
      ? { AssumeRolePolicyDocument: urlEncoded(role.AssumeRolePolicyDocument) }
      : {}),
    RolePolicyList: (role.RolePolicyList ?? []).map((entry) => ({
      ...entry,
      PolicyDocument: urlEncoded(entry.PolicyDocument),
    })),
  };
}

/** A managed policy as GetAccountAuthorizationDetails returns it. */
function wirePolicy(policy: ManagedPolicyDetail): ManagedPolicyDetail {
  return {
    ...policy,
    PolicyVersionList: (policy.PolicyVersionList ?? []).map((version) => ({
      ...version,
      ...(version.Document ? { Document: urlEncoded(version.Document) } : {}),
    })),
  };
}

/** Answers the IAM reads collection makes from the snapshot's `iam` section. */
export function fakeIam(stub: object, account: FakeAccount, answer: Answer, pageSize: number): void {
  const roles = (account.snapshot.iam?.roles ?? []).map(wireRole);
  const policies = (account.snapshot.iam?.policies ?? []).map(wirePolicy);
  const role = (name: string) => {
    const found = roles.find((candidate) => candidate.RoleName === name);
    if (!found) throw awsError('NoSuchEntityException', `The role with name ${name} cannot be found.`);
    return found;
  };
  const policy = (arn: string) => {
    const found = policies.find((candidate) => candidate.Arn === arn);
    if (!found) throw awsError('NoSuchEntityException', `Policy ${arn} does not exist.`);
    return found;
  };

  // Roles first, then policies, as IAM pages them: one list, MaxItems entries per page.
  const entries = [...roles.map((r) => ({ role: r })), ...policies.map((p) => ({ policy: p }))];
  answer(stub, GetAccountAuthorizationDetailsCommand, (input: { Marker?: string }) => {
    const { items, next } = page(entries, input.Marker, pageSize);
    return {
      RoleDetailList: items.flatMap((entry) => ('role' in entry ? [entry.role] : [])),
      Policies: items.flatMap((entry) => ('policy' in entry ? [entry.policy] : [])),
      IsTruncated: next !== undefined,
      ...(next ? { Marker: next } : {}),
    };
  });
  answer(stub, GetRoleCommand, (input: { RoleName: string }) => {
    return { Role: without(role(input.RoleName), ['RolePolicyList', 'AttachedManagedPolicies']) };
  });
  answer(stub, ListRolePoliciesCommand, (input: { RoleName: string }) => ({
    PolicyNames: (role(input.RoleName).RolePolicyList ?? []).map((entry) => entry.PolicyName),
    IsTruncated: false,
  }));
  answer(stub, GetRolePolicyCommand, (input: { RoleName: string; PolicyName: string }) => {
    const entry = role(input.RoleName).RolePolicyList?.find((p) => p.PolicyName === input.PolicyName);
    if (!entry) throw awsError('NoSuchEntityException', `Policy ${input.PolicyName} not found.`);
    return { RoleName: input.RoleName, PolicyName: entry.PolicyName, PolicyDocument: entry.PolicyDocument };
  });
  answer(stub, ListAttachedRolePoliciesCommand, (input: { RoleName: string }) => ({
    AttachedPolicies: role(input.RoleName).AttachedManagedPolicies ?? [],
    IsTruncated: false,
  }));
  answer(stub, GetPolicyCommand, (input: { PolicyArn: string }) => {
    return { Policy: without(policy(input.PolicyArn), ['PolicyVersionList']) };
  });
  answer(stub, GetPolicyVersionCommand, (input: { PolicyArn: string; VersionId: string }) => {
    const version = policy(input.PolicyArn).PolicyVersionList?.find((v) => v.VersionId === input.VersionId);
    if (!version) throw awsError('NoSuchEntityException', `Version ${input.VersionId} not found.`);
    return { PolicyVersion: version };
  });
}
