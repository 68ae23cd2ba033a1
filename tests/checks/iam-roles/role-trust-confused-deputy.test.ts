import { describe, expect, it } from 'vitest';
import { roleTrustConfusedDeputy } from '../../../shared/checks/iam-roles/role-trust-confused-deputy.js';
import {
  ACCOUNT_ID,
  applicationArn,
  checkContext,
  collectionError,
  OTHER_ACCOUNT_ID,
  oneApplication,
  policyDocument,
  role,
  roleArn,
  serviceTrustPolicy,
  trust,
} from '../../support/snapshot-builder.js';

const ROLE = roleArn('orders-enricher-role');
const APPLICATION = applicationArn('orders-enricher');
const SUBJECT = 'The trust policy of role orders-enricher-role (execution role of orders-enricher)';
const FLINK = { Service: 'kinesisanalytics.amazonaws.com' };

function evaluateCondition(condition?: Record<string, Record<string, string | string[]>>) {
  const statement = trust(FLINK, condition ? { Condition: condition } : {});
  const snapshot = oneApplication({ role: role({ trustPolicy: policyDocument(statement) }) });
  return roleTrustConfusedDeputy.evaluate(checkContext(snapshot));
}

const pass = [
  {
    status: 'PASS',
    resourceArn: ROLE,
    detail: `${SUBJECT} limits kinesisanalytics.amazonaws.com to this account's requests with aws:SourceAccount/aws:SourceArn.`,
  },
];

function failure(gap: string) {
  return [
    {
      status: 'FAIL',
      resourceArn: ROLE,
      detail: `${SUBJECT} does not stop a confused deputy: statement #1 ${gap}.`,
    },
  ];
}

describe('Check: role-trust-confused-deputy', () => {
  it('returns PASS for the recommended aws:SourceAccount and aws:SourceArn conditions', () => {
    // Prepare
    const snapshot = oneApplication({ role: role({ trustPolicy: serviceTrustPolicy() }) });

    // Act
    const outcomes = roleTrustConfusedDeputy.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual(pass);
  });

  it('returns PASS for an ArnLike wildcard over the applications of this account, key in any case', () => {
    // Act
    const outcomes = evaluateCondition({
      ArnLike: { 'AWS:SOURCEARN': `arn:aws:kinesisanalytics:*:${ACCOUNT_ID}:application/*` },
    });

    // Assess
    expect(outcomes).toEqual(pass);
  });

  it('returns PASS for aws:SourceAccount alone under StringLike', () => {
    // Act
    const outcomes = evaluateCondition({ StringLike: { 'aws:SourceAccount': ACCOUNT_ID } });

    // Assess
    expect(outcomes).toEqual(pass);
  });

  it('returns FAIL when the statement has no source condition', () => {
    // Act
    const outcomes = evaluateCondition();

    // Assess
    expect(outcomes).toEqual(failure('has no aws:SourceAccount or aws:SourceArn condition'));
  });

  it('returns FAIL when aws:SourceAccount names another account', () => {
    // Act
    const outcomes = evaluateCondition({
      StringEquals: { 'aws:SourceAccount': [ACCOUNT_ID, OTHER_ACCOUNT_ID] },
    });

    // Assess
    expect(outcomes).toEqual(
      failure(`lets aws:SourceAccount be ${OTHER_ACCOUNT_ID}, not only this account (${ACCOUNT_ID})`),
    );
  });

  it('returns FAIL when an aws:SourceArn value lies in another account', () => {
    // Prepare
    const foreign = `arn:aws:kinesisanalytics:eu-west-1:${OTHER_ACCOUNT_ID}:application/orders-enricher`;

    // Act
    const outcomes = evaluateCondition({ ArnEquals: { 'aws:SourceArn': [APPLICATION, foreign] } });

    // Assess
    expect(outcomes).toEqual(
      failure(`lets aws:SourceArn be ${foreign}, outside this account (${ACCOUNT_ID})`),
    );
  });

  it('returns FAIL when no aws:SourceArn value matches this application', () => {
    // Act
    const outcomes = evaluateCondition({
      StringEquals: { 'aws:SourceAccount': ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:aws:kinesisanalytics:eu-west-1:${ACCOUNT_ID}:application/billing-*` },
    });

    // Assess
    expect(outcomes).toEqual(failure(`has no aws:SourceArn value that matches ${APPLICATION}`));
  });

  it('returns FAIL when only ...IfExists operators are used', () => {
    // Act
    const outcomes = evaluateCondition({
      StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT_ID },
      ArnLikeIfExists: { 'aws:SourceArn': APPLICATION },
    });

    // Assess
    expect(outcomes).toEqual(
      failure(
        'limits the caller only with StringEqualsIfExists, ArnLikeIfExists, which passes when the key is absent',
      ),
    );
  });

  it('returns NOT_APPLICABLE when no statement trusts the Flink service', () => {
    // Prepare
    const snapshot = oneApplication({
      role: role({ trustPolicy: policyDocument(trust({ Service: 'ec2.amazonaws.com' })) }),
    });

    // Act
    const outcomes = roleTrustConfusedDeputy.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'NOT_APPLICABLE',
        resourceArn: ROLE,
        detail: `${SUBJECT} has no statement trusting kinesisanalytics.amazonaws.com; see role-trust-service-only.`,
      },
    ]);
  });

  it('returns ERROR when the trust policy cannot be parsed', () => {
    // Prepare
    const snapshot = oneApplication({ role: role({ trustPolicy: '{"Statement": [' }) });

    // Act
    const outcomes = roleTrustConfusedDeputy.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail:
          'The trust policy of role orders-enricher-role could not be parsed (The policy document is not valid JSON ' +
          '(nor URL-encoded JSON).); collect it (iam:GetRole) and scan again.',
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
    const outcomes = roleTrustConfusedDeputy.evaluate(checkContext(snapshot));

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
    const outcomes = roleTrustConfusedDeputy.evaluate(checkContext(snapshot));

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
