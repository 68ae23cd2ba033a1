import { describe, expect, it } from 'vitest';
import { roleAdminAccess } from '../../../shared/checks/least-privilege/role-admin-access.js';
import {
  allow,
  applicationArn,
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
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders';

function evaluate(snapshot: ReturnType<typeof oneApplication>) {
  return roleAdminAccess.evaluate(checkContext(snapshot));
}

describe('Check: role-admin-access', () => {
  it('returns PASS for a role scoped to its own stream', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: { access: policyDocument(allow(['kinesis:GetRecords', 'kinesis:GetShardIterator'], STREAM)) },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      { status: 'PASS', resourceArn: ROLE, detail: `${SUBJECT} allows no administrator access.` },
    ]);
  });

  it('returns FAIL when AdministratorAccess is attached, even without its document in the snapshot', () => {
    // Prepare
    const snapshot = oneApplication({ role: role({ attached: [ADMIN] }) });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows administrator access: AWS-managed policy "AdministratorAccess" statement #1 allows every action (Action "*") on every resource.`,
      },
    ]);
  });

  it('returns FAIL naming the Sid of an inline Allow of "*" on "*"', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ inline: { everything: policyDocument(allow('*', '*', { Sid: 'All' })) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows administrator access: inline policy "everything" statement "All" allows every action (Action "*") on every resource.`,
      },
    ]);
  });

  it('returns FAIL for NotAction on "*" in a customer-managed policy', () => {
    // Prepare
    const arn = policyArn('all-but-iam');
    const snapshot = oneApplication({
      role: role({ attached: [arn] }),
      policies: [
        managedPolicy(
          arn,
          policyDocument({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
        ),
      ],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows administrator access: managed policy "all-but-iam" statement #1 allows every action except iam:*, organizations:* (NotAction) on every resource.`,
      },
    ]);
  });

  it('returns FAIL marked conditional when the grant is under a Condition', () => {
    // Prepare
    const conditional = allow('*', '*', {
      Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    });
    const snapshot = oneApplication({ role: role({ inline: { regional: policyDocument(conditional) } }) });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows administrator access: inline policy "regional" statement #1 allows every action (Action "*") on every resource (conditional).`,
      },
    ]);
  });

  it('returns PASS, saying why, when an unconditional Deny cancels the grant', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: { everything: policyDocument(allow('*')), guard: policyDocument(deny('*', '*')) },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows no administrator access. Not counted: every action (Action "*") on every resource from inline policy "everything" statement #1: statement #1 of inline policy "guard" denies it.`,
      },
    ]);
  });

  it('returns PASS when the permissions boundary does not allow every action', () => {
    // Prepare
    const boundary = policyArn('streaming-only');
    const snapshot = oneApplication({
      role: role({ attached: [ADMIN], boundary }),
      policies: [managedPolicy(boundary, policyDocument(allow(['kinesis:*', 'kms:Decrypt'])))],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows no administrator access. Not counted: every action (Action "*") on every resource from AWS-managed policy "AdministratorAccess" statement #1: permissions boundary ${boundary} caps it (it does not allow it).`,
      },
    ]);
  });

  it('returns FAIL and says the boundary was ignored when its document is not in the snapshot', () => {
    // Prepare
    const boundary = policyArn('streaming-only');
    const snapshot = oneApplication({ role: role({ attached: [ADMIN], boundary }) });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows administrator access: AWS-managed policy "AdministratorAccess" statement #1 allows every action (Action "*") on every resource. Its permissions boundary ${boundary} was ignored: its document is not in the snapshot.`,
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
        detail: `${SUBJECT} allows no administrator access in the policies that could be read, but could not read managed policy "unknown" (the document of managed policy ${arn} is not in the snapshot); collect the missing documents (iam:GetAccountAuthorizationDetails) and scan again.`,
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

  it('returns NOT_APPLICABLE when the application has no execution role', () => {
    // Prepare
    const snapshot = oneApplication({ application: { role: null } });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher has no service execution role; see role-exists.',
      },
    ]);
  });
});
