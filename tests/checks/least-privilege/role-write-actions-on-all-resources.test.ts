import { describe, expect, it } from 'vitest';
import { roleWriteActionsOnAllResources } from '../../../shared/checks/least-privilege/role-write-actions-on-all-resources.js';
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
const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders';
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

function evaluate(snapshot: ReturnType<typeof oneApplication>) {
  return roleWriteActionsOnAllResources.evaluate(checkContext(snapshot));
}

describe('Check: role-write-actions-on-all-resources', () => {
  it('returns PASS when writes name their resources and only reads use "*"', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: {
          access: policyDocument(
            allow(['kinesis:DeleteStream', 'kinesis:PutRecord'], STREAM),
            allow(['kinesis:ListShards', 'kinesis:DescribeStreamSummary', 'logs:DescribeLogGroups'], '*'),
          ),
        },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      { status: 'PASS', resourceArn: ROLE, detail: `${SUBJECT} allows no write action on every resource.` },
    ]);
  });

  it('returns FAIL naming the write actions s3:Put* reaches, without the data action s3:PutObject', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ inline: { buckets: policyDocument(allow('s3:Put*', '*', { Sid: 'Buckets' })) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows write actions on every resource: inline policy "buckets" statement "Buckets" ` +
          'allows s3:PutAccelerateConfiguration, s3:PutAccessGrantsInstanceResourcePolicy, ' +
          's3:PutAccessPointConfigurationForObjectLambda, s3:PutAccessPointPolicy, ' +
          's3:PutAccessPointPolicyForObjectLambda, s3:PutAccessPointPublicAccessBlock and 33 more s3 write actions.',
      },
    ]);
  });

  it('returns FAIL for a single Permissions management action, marked conditional', () => {
    // Prepare
    const condition = { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
    const snapshot = oneApplication({
      role: role({ inline: { keys: policyDocument(allow('kms:PutKeyPolicy', '*', condition)) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows write actions on every resource: inline policy "keys" statement #1 allows kms:PutKeyPolicy (conditional).`,
      },
    ]);
  });

  it('returns NOT_APPLICABLE for AdministratorAccess alone, which role-admin-access reports', () => {
    // Prepare
    const snapshot = oneApplication({ role: role({ attached: [ADMINISTRATOR_ACCESS] }) });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'NOT_APPLICABLE',
        resourceArn: ROLE,
        detail: `${SUBJECT} has administrator access, which role-admin-access reports; it grants no further write action on every resource.`,
      },
    ]);
  });

  it('returns FAIL for a NotAction statement whose administrator grant the boundary cancels', () => {
    // Prepare
    const boundary = policyArn('streams-only');
    const snapshot = oneApplication({
      role: role({
        inline: { broad: policyDocument({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) },
        boundary,
      }),
      policies: [managedPolicy(boundary, policyDocument(allow('kinesis:*Stream', '*')))],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows write actions on every resource: inline policy "broad" statement #1 allows ` +
          'kinesis:AddTagsToStream, kinesis:CreateStream, kinesis:DeleteStream, kinesis:RemoveTagsFromStream. ' +
          'Not counted: ' +
          [
            'cloudtrail:AddTags',
            'cloudtrail:CancelQuery',
            'cloudtrail:CreateChannel',
            'cloudtrail:CreateDashboard',
            'cloudtrail:CreateEventDataStore',
            'cloudtrail:CreateServiceLinkedChannel',
          ]
            .map(
              (action) =>
                `${action} from inline policy "broad" statement #1: permissions boundary ${boundary} caps it (it does not allow it)`,
            )
            .join('; ') +
          '; and 1237 more write actions.',
      },
    ]);
  });

  it('returns PASS when an unconditional Deny cancels the write action', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ inline: { access: policyDocument(allow('iam:PassRole'), deny('iam:*')) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows no write action on every resource. Not counted: iam:PassRole from inline policy "access" statement #1: statement #2 of inline policy "access" denies it.`,
      },
    ]);
  });

  it('returns PASS naming the patterns of services outside the catalog as not judged', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ inline: { other: policyDocument(allow(['account:PutContactInformation', 'sqs:*'])) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows no write action on every resource. Not judged (outside the action catalog): account:PutContactInformation, sqs:* from inline policy "other" statement #1.`,
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
        detail: `${SUBJECT} allows no write action on every resource in the policies that could be read, but could not read managed policy "unknown" (the document of managed policy ${arn} is not in the snapshot); collect the missing documents (iam:GetAccountAuthorizationDetails) and scan again.`,
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
