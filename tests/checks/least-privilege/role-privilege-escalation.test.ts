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
  flink:
    'iam:PassRole + kinesisanalytics:CreateApplication + kinesisanalytics:StartApplication creates and starts ' +
    'a Flink application whose code runs under another, stronger service execution role',
  lambda:
    'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction creates a Lambda function under another, ' +
    'stronger role and has it run (invoked, triggered by an event source, or opened to a caller it controls)',
};
const ADMIN_ROLE = roleArn('admin');

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

  it('returns FAIL naming every escalation that iam:* opens, marked conditional, explaining the first five', () => {
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
          [HOW.passRole, HOW.putPolicy, HOW.attachPolicy, HOW.createVersion, HOW.setDefault].join('; ') +
          '; and 2 more path(s) of the same kind.',
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

  it('returns FAIL naming a combination path that one statement grants whole', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: {
          flink: policyDocument(
            allow(
              ['iam:PassRole', 'kinesisanalytics:CreateApplication', 'kinesisanalytics:StartApplication'],
              [ADMIN_ROLE, 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/*'],
            ),
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
          `${SUBJECT} allows privilege escalation: inline policy "flink" statement #1 allows ` +
          'iam:PassRole + kinesisanalytics:CreateApplication + kinesisanalytics:StartApplication. ' +
          `How: ${HOW.flink}.`,
      },
    ]);
  });

  it('returns FAIL marked conditional when a part of the path is granted only under a Condition', () => {
    // Prepare
    const passedToLambda = { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } };
    const snapshot = oneApplication({
      role: role({
        inline: {
          functions: policyDocument(
            allow('iam:PassRole', ADMIN_ROLE, passedToLambda),
            allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
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
          `${SUBJECT} allows privilege escalation: inline policy "functions" statement #1 (iam:PassRole) ` +
          'together with inline policy "functions" statement #2 (lambda:CreateFunction, lambda:InvokeFunction) ' +
          `allows iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction (conditional). How: ${HOW.lambda}.`,
      },
    ]);
  });

  it('returns PASS when one part of every path is missing', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: { functions: policyDocument(allow(['iam:PassRole', 'lambda:CreateFunction'], ADMIN_ROLE)) },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      { status: 'PASS', resourceArn: ROLE, detail: `${SUBJECT} allows no privilege escalation.` },
    ]);
  });

  it('returns PASS noting the path a Deny of one part breaks', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: {
          instances: policyDocument(
            allow('iam:PassRole', ADMIN_ROLE),
            allow('ec2:RunInstances'),
            deny('ec2:RunInstances'),
          ),
        },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows no privilege escalation. Not counted: iam:PassRole + ec2:RunInstances ` +
          '(ec2:RunInstances from inline policy "instances" statement #2: statement #3 of inline policy "instances" denies it).',
      },
    ]);
  });

  it('returns PASS noting the path whose iam:PassRole the permissions boundary does not allow', () => {
    // Prepare
    const boundary = policyArn('functions-only');
    const snapshot = oneApplication({
      role: role({
        inline: {
          functions: policyDocument(
            allow('iam:PassRole', ADMIN_ROLE),
            allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
          ),
        },
        boundary,
      }),
      policies: [managedPolicy(boundary, policyDocument(allow('lambda:*')))],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows no privilege escalation. Not counted: iam:PassRole + lambda:CreateFunction + ` +
          `lambda:InvokeFunction (iam:PassRole from inline policy "functions" statement #1: permissions boundary ${boundary} caps it (it does not allow it)).`,
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
        detail: `Could not read ${ROLE} (iam:GetAccountAuthorizationDetails failed with AccessDenied); allow iam:GetAccountAuthorizationDetails to the auditor and scan again.`,
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
