import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetRoleCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { collectExecutionRoles, iamStrategy } from '../../shared/collect/iam.js';
import { SnapshotDraft } from '../../shared/collect/snapshot-draft.js';
import type { ManagedPolicyDetail, RoleDetail } from '../../shared/snapshot/types.js';
import {
  ACCOUNT_ID,
  account,
  application,
  managedPolicy,
  REGION,
  role,
  roleArn,
} from './support/account-builders.js';
import { fakeAws, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const SHARED = `arn:aws:iam::${ACCOUNT_ID}:policy/shared-streams`;

/** A role as IAM returns it: policy documents URL-encoded. */
function asReturned(entry: RoleDetail): RoleDetail {
  return {
    ...entry,
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(entry.AssumeRolePolicyDocument)),
    RolePolicyList: (entry.RolePolicyList ?? []).map((inline) => ({
      ...inline,
      PolicyDocument: encodeURIComponent(JSON.stringify(inline.PolicyDocument)),
    })),
  };
}

/** A managed policy as IAM returns it: its document URL-encoded. */
function policyAsReturned(policy: ManagedPolicyDetail): ManagedPolicyDetail {
  return {
    ...policy,
    PolicyVersionList: (policy.PolicyVersionList ?? []).map((version) => ({
      ...version,
      Document: encodeURIComponent(JSON.stringify(version.Document)),
    })),
  };
}

/** A draft holding one application per role name. */
function draftWithApplications(roleNames: string[]): SnapshotDraft {
  const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]);
  draft.setApplications(
    REGION,
    roleNames.map((name, index) => application(`app-${index}`, { role: name })),
  );
  return draft;
}

describe('Function: iamStrategy', () => {
  it('returns per-role for up to 10 roles', () => {
    expect([1, 10].map(iamStrategy)).toEqual(['per-role', 'per-role']);
  });

  it('returns authorization-details above 10 roles', () => {
    expect(iamStrategy(11)).toBe('authorization-details');
  });
});

describe('Function: collectExecutionRoles', () => {
  afterEach(() => restoreAws());

  it('returns the roles it looked for, read role by role with their managed policies, for few roles', async () => {
    // Prepare
    const roles = [
      role('reader', { allow: ['arn:aws:kinesis:eu-west-1:111122223333:stream/in'], attached: [SHARED] }),
      role('writer', { attached: [SHARED, ADMIN] }),
      role('unused'),
    ];
    const policies = [managedPolicy(SHARED), managedPolicy(ADMIN, '*')];
    const stubs = fakeAws(account({ roles, policies }));
    const draft = draftWithApplications(['reader', 'writer', 'reader']);
    const context = scanContext();

    // Act
    const lookedFor = await collectExecutionRoles(context, draft);

    // Assess
    expect(lookedFor).toEqual(new Set([roleArn('reader'), roleArn('writer')]));
    expect(draft.snapshot().iam).toEqual({
      roles: [asReturned(roles[0]!), asReturned(roles[1]!)],
      policies: policies.map(policyAsReturned),
    });
    expect(stubs.iam).toHaveReceivedCommandTimes(GetRoleCommand, 2);
    expect(stubs.iam).toHaveReceivedCommandTimes(GetPolicyCommand, 2);
    expect(stubs.iam).not.toHaveReceivedCommand(GetAccountAuthorizationDetailsCommand);
    expect(context.errors).toEqual([]);
  });

  it('returns the roles from every GetAccountAuthorizationDetails page for many roles, keeping only those used', async () => {
    // Prepare
    const names = Array.from({ length: 11 }, (_, index) => `role-${String(index).padStart(2, '0')}`);
    const roles = [
      ...names.map((name) => role(name, { attached: [SHARED] })),
      role('unused', { attached: [ADMIN] }),
    ];
    const policies = [managedPolicy(SHARED), managedPolicy(ADMIN, '*')];
    const stubs = fakeAws(account({ roles, policies }), { authorizationDetails: 8 });
    const draft = draftWithApplications(names);
    const context = scanContext();

    // Act
    await collectExecutionRoles(context, draft);

    // Assess
    expect(draft.snapshot().iam).toEqual({
      roles: roles.slice(0, 11).map(asReturned),
      policies: [policyAsReturned(policies[0]!)],
    });
    expect(stubs.iam).toHaveReceivedCommandTimes(GetAccountAuthorizationDetailsCommand, 2);
    expect(stubs.iam).toHaveReceivedNthCommandWith(GetAccountAuthorizationDetailsCommand, 2, {
      Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'],
      MaxItems: 1000,
      Marker: '8',
    });
    expect(stubs.iam).not.toHaveReceivedCommand(GetRoleCommand);
  });

  it('returns no role, with the failure recorded, when GetAccountAuthorizationDetails is denied', async () => {
    // Prepare
    const names = Array.from({ length: 11 }, (_, index) => `role-${index}`);
    const stubs = fakeAws(account({ roles: names.map((name) => role(name)) }));
    stubs.iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'not authorized'));
    const draft = draftWithApplications(names);
    const context = scanContext();

    // Act
    await collectExecutionRoles(context, draft);

    // Assess
    expect(draft.snapshot().iam).toEqual({ roles: [], policies: [] });
    expect(context.errors).toEqual([
      { operation: 'iam:GetAccountAuthorizationDetails', code: 'AccessDenied', message: 'not authorized' },
    ]);
  });

  it('returns a role without inline policies, with the failure recorded against it, when they cannot be listed', async () => {
    // Prepare
    const reader = role('reader', { allow: ['*'] });
    const stubs = fakeAws(account({ roles: [reader] }));
    stubs.iam.on(ListRolePoliciesCommand).rejects(awsError('AccessDenied', 'not authorized'));
    const draft = draftWithApplications(['reader']);
    const context = scanContext();

    // Act
    await collectExecutionRoles(context, draft);

    // Assess
    const { RolePolicyList, ...withoutInline } = asReturned(reader);
    expect(RolePolicyList).toHaveLength(1);
    expect(draft.snapshot().iam?.roles).toEqual([withoutInline]);
    expect(context.errors).toEqual([
      {
        operation: 'iam:ListRolePolicies',
        resource: roleArn('reader'),
        code: 'AccessDenied',
        message: 'not authorized',
      },
    ]);
  });

  it('returns nothing and reads nothing for a role of another account', async () => {
    // Prepare
    const stubs = fakeAws(account({}));
    const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]);
    const foreign = { ...application('app'), ServiceExecutionRole: 'arn:aws:iam::444455556666:role/theirs' };
    draft.setApplications(REGION, [foreign]);

    // Act
    const lookedFor = await collectExecutionRoles(scanContext(), draft);

    // Assess
    expect(lookedFor).toEqual(new Set());
    expect(stubs.iam).not.toHaveReceivedAnyCommand();
  });
});
