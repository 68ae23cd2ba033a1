import { describe, expect, it } from 'vitest';
import { roleDataActionsOnAllResources } from '../../../shared/checks/least-privilege/role-data-actions-on-all-resources.js';
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

function evaluate(snapshot: ReturnType<typeof oneApplication>) {
  return roleDataActionsOnAllResources.evaluate(checkContext(snapshot));
}

describe('Check: role-data-actions-on-all-resources', () => {
  it('returns PASS when data actions name their resources and only control actions use "*"', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: {
          access: policyDocument(
            allow(['kinesis:GetRecords', 'kinesis:GetShardIterator'], STREAM),
            allow(['kinesis:ListShards', 'kinesis:DescribeStreamSummary'], '*'),
          ),
        },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      { status: 'PASS', resourceArn: ROLE, detail: `${SUBJECT} allows no data action on every resource.` },
    ]);
  });

  it('returns FAIL naming the data actions a wildcard such as kinesis:Get* reaches on "*"', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: { read: policyDocument(allow(['kinesis:Get*', 's3:GetObject'], '*', { Sid: 'ReadAll' })) },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows data actions on every resource: inline policy "read" statement "ReadAll" allows kinesis:GetRecords, kinesis:GetShardIterator, s3:GetObject.`,
      },
    ]);
  });

  it('returns FAIL for KMS data-key actions matched through GenerateDataKey* and ReEncrypt*, marked conditional', () => {
    // Prepare
    const arn = policyArn('keys');
    const condition = {
      Condition: { StringEquals: { 'kms:ViaService': 'kinesis.eu-west-1.amazonaws.com' } },
    };
    const snapshot = oneApplication({
      role: role({ attached: [arn] }),
      policies: [
        managedPolicy(arn, policyDocument(allow(['kms:GenerateDataKey*', 'kms:ReEncrypt*'], '*', condition))),
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
          `${SUBJECT} allows data actions on every resource: managed policy "keys" statement #1 allows ` +
          'kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, kms:GenerateDataKeyPair, ' +
          'kms:GenerateDataKeyPairWithoutPlaintext, kms:ReEncryptFrom, kms:ReEncryptTo (conditional).',
      },
    ]);
  });

  it('returns PASS when an unconditional Deny cancels the data action', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({
        inline: { access: policyDocument(allow('firehose:PutRecordBatch'), deny('firehose:*')) },
      }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows no data action on every resource. Not counted: firehose:PutRecordBatch from inline policy "access" statement #1: statement #2 of inline policy "access" denies it.`,
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
        detail: `${SUBJECT} allows no data action on every resource in the policies that could be read, but could not read managed policy "unknown" (the document of managed policy ${arn} is not in the snapshot); collect the missing documents (iam:GetAccountAuthorizationDetails) and scan again.`,
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
