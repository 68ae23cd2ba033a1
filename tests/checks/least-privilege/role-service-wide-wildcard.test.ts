import { describe, expect, it } from 'vitest';
import { roleServiceWideWildcard } from '../../../shared/checks/least-privilege/role-service-wide-wildcard.js';
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
const NONE = 'no service-wide wildcard (kinesis:*, s3:*, firehose:*, kms:*, iam:*) on every resource';
const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders';

function evaluate(snapshot: ReturnType<typeof oneApplication>) {
  return roleServiceWideWildcard.evaluate(checkContext(snapshot));
}

describe('Check: role-service-wide-wildcard', () => {
  it('returns PASS when service wildcards name their resources', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ inline: { access: policyDocument(allow('kinesis:*', STREAM)) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([{ status: 'PASS', resourceArn: ROLE, detail: `${SUBJECT} allows ${NONE}.` }]);
  });

  it('returns FAIL naming each service wildcard on "*", whatever its letter case', () => {
    // Prepare
    const arn = policyArn('broad');
    const snapshot = oneApplication({
      role: role({ attached: [arn] }),
      policies: [
        managedPolicy(
          arn,
          policyDocument(allow(['Kinesis:*', 'FIREHOSE:*'], '*', { Sid: 'Streams' }), allow('s3:*')),
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
        detail:
          `${SUBJECT} allows service-wide wildcards on every resource: managed policy "broad" statement "Streams" ` +
          'allows kinesis:*, firehose:*; managed policy "broad" statement #2 allows s3:*.',
      },
    ]);
  });

  it('returns FAIL for kms:* and iam:* granted through a broader pattern, marked conditional', () => {
    // Prepare
    const condition = { Condition: { Bool: { 'aws:ViaAWSService': 'true' } } };
    const snapshot = oneApplication({
      role: role({ inline: { keys: policyDocument(allow(['k*', 'iam:*'], '*', condition)) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows service-wide wildcards on every resource: inline policy "keys" statement #1 allows kinesis:*, kms:*, iam:* (conditional).`,
      },
    ]);
  });

  it('returns PASS when an unconditional Deny cancels the wildcard', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ inline: { access: policyDocument(allow('s3:*'), deny('s3:*', '*', { Sid: 'NoS3' })) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows ${NONE}. Not counted: s3:* from inline policy "access" statement #1: statement "NoS3" of inline policy "access" denies it.`,
      },
    ]);
  });

  it('returns NOT_APPLICABLE when only administrator access grants the wildcards (role-admin-access reports it)', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'NOT_APPLICABLE',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows every action on every resource, which role-admin-access reports; it grants no further service-wide wildcard.`,
      },
    ]);
  });

  it('returns FAIL for the service wildcard a boundary leaves of administrator access', () => {
    // Prepare
    const boundary = policyArn('streams-only');
    const snapshot = oneApplication({
      role: role({ attached: ['arn:aws:iam::aws:policy/AdministratorAccess'], boundary }),
      policies: [managedPolicy(boundary, policyDocument(allow(['kinesis:*', 'logs:*'])))],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows service-wide wildcards on every resource: AWS-managed policy "AdministratorAccess" ` +
          `statement #1 allows kinesis:*. Not counted: s3:* from AWS-managed policy "AdministratorAccess" statement #1: permissions boundary ${boundary} caps it (it does not allow it); ` +
          `firehose:* from AWS-managed policy "AdministratorAccess" statement #1: permissions boundary ${boundary} caps it (it does not allow it); ` +
          `kms:* from AWS-managed policy "AdministratorAccess" statement #1: permissions boundary ${boundary} caps it (it does not allow it); ` +
          `iam:* from AWS-managed policy "AdministratorAccess" statement #1: permissions boundary ${boundary} caps it (it does not allow it).`,
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
        detail: `${SUBJECT} allows ${NONE} in the policies that could be read, but could not read managed policy "unknown" (the document of managed policy ${arn} is not in the snapshot); collect the missing documents (iam:GetAccountAuthorizationDetails) and scan again.`,
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
