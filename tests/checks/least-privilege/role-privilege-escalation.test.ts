import { describe, expect, it } from 'vitest';
import { rolePrivilegeEscalation } from '../../../shared/checks/least-privilege/role-privilege-escalation.js';
import {
  allow,
  checkContext,
  collectionError,
  deny,
  managedPolicy,
  oneApplication,
  policyArn,
  policyDocument,
  role,
  roleArn,
} from '../../support/snapshot-builder.js';

const ROLE = roleArn('orders-enricher-role');
const SUBJECT = 'Role orders-enricher-role (execution role of orders-enricher)';
const HOW = {
  passRole:
    'iam:PassRole on * hands any role of the account, however privileged, to a compute service it controls',
  putPolicy:
    'iam:Put*Policy writes an inline policy granting itself (or a user, group or role it uses) any permission',
  attachPolicy:
    'iam:Attach*Policy attaches a managed policy such as AdministratorAccess to itself or another identity',
  createVersion:
    'iam:CreatePolicyVersion rewrites a managed policy (possibly its own) and makes the broader version the default',
  setDefault: 'iam:SetDefaultPolicyVersion switches a managed policy back to an older, broader version',
  trust:
    'iam:UpdateAssumeRolePolicy rewrites the trust policy of a more privileged role so that it (or anyone) can assume it',
  accessKey: 'iam:CreateAccessKey creates long-term access keys for another IAM user and acts as that user',
  assumeRole: 'sts:AssumeRole on * assumes any role whose trust policy trusts this account',
};

function evaluate(snapshot: ReturnType<typeof oneApplication>) {
  return rolePrivilegeEscalation.evaluate(checkContext(snapshot));
}

describe('Check: role-privilege-escalation', () => {
  it('returns PASS for PassRole and AssumeRole limited to named roles and read-only IAM', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: {
          access: policyDocument(
            allow(['iam:PassRole', 'sts:AssumeRole'], roleArn('glue-crawler')),
            allow(['iam:Get*', 'iam:List*'], '*'),
          ),
        },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      { status: 'PASS', resourceArn: ROLE, detail: `${SUBJECT} allows no privilege escalation.` },
    ]);
  });

  it('returns FAIL naming PassRole and AssumeRole on "*" and how they escalate', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: { chain: policyDocument(allow(['iam:PassRole', 'sts:AssumeRole'], '*', { Sid: 'Chain' })) },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows privilege escalation: inline policy "chain" statement "Chain" allows iam:PassRole on *, ` +
          `sts:AssumeRole on *. How: ${HOW.passRole}; ${HOW.assumeRole}.`,
      },
    ]);
  });

  it('returns FAIL for IAM policy writes on a single resource, matched through wildcards', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: { self: policyDocument(allow(['iam:Put*Policy', 'iam:AttachRolePolicy'], ROLE)) },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows privilege escalation: inline policy "self" statement #1 allows iam:Put*Policy, ` +
          `iam:Attach*Policy. How: ${HOW.putPolicy}; ${HOW.attachPolicy}.`,
      },
    ]);
  });

  it('returns FAIL naming every escalation that iam:* opens, marked conditional', () => {
    // Prepare
    const arn = policyArn('iam-admin');
    const condition = { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
    const snapshot = oneApplication({
      role: role({ attached: [arn] }),
      policies: [managedPolicy(arn, policyDocument(allow('iam:*', '*', condition)))],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows privilege escalation: managed policy "iam-admin" statement #1 allows iam:PassRole on *, ` +
          'iam:Put*Policy, iam:Attach*Policy, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, ' +
          'iam:UpdateAssumeRolePolicy, iam:CreateAccessKey (conditional). How: ' +
          [
            HOW.passRole,
            HOW.putPolicy,
            HOW.attachPolicy,
            HOW.createVersion,
            HOW.setDefault,
            HOW.trust,
            HOW.accessKey,
          ].join('; ') +
          '.',
      },
    ]);
  });

  it('returns FAIL for the escalations a partial Deny leaves open, noting what it cancels', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: {
          keys: policyDocument(
            allow(['iam:CreateAccessKey', 'iam:PutUserPolicy', 'iam:PutRolePolicy'], '*'),
            deny('iam:PutUserPolicy'),
            deny('iam:CreateAccessKey'),
          ),
        },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows privilege escalation: inline policy "keys" statement #1 allows iam:Put*Policy. ` +
          'Not counted: iam:CreateAccessKey from inline policy "keys" statement #1: statement #3 of inline policy "keys" denies it. ' +
          `How: ${HOW.putPolicy}.`,
      },
    ]);
  });

  it('returns ERROR when an attached policy document is not in the snapshot', () => {
    // Prepare
    const arn = policyArn('unknown');
    const snapshot = oneApplication({ role: role({ attached: [arn] }) });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows no privilege escalation in the policies that could be read, but could not read managed policy "unknown" (the document of managed policy ${arn} is not in the snapshot); collect the missing documents (iam:GetAccountAuthorizationDetails) and scan again.`,
      },
    ]);
  });

  it('returns ERROR when the role could not be read', () => {
    // Prepare
    const snapshot = oneApplication({
      role: null,
      collectionErrors: [collectionError('iam:GetAccountAuthorizationDetails')],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail: `Could not read ${ROLE} (iam:GetAccountAuthorizationDetails failed with AccessDenied); grant the auditor read access and scan again.`,
      },
    ]);
  });

  it('returns NOT_APPLICABLE when the role does not exist', () => {
    // Prepare
    const snapshot = oneApplication({ role: null });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'NOT_APPLICABLE',
        resourceArn: ROLE,
        detail: `The execution role ${ROLE} of orders-enricher does not exist; see role-exists.`,
      },
    ]);
  });
});
