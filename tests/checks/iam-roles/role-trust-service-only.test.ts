import { describe, expect, it } from 'vitest';
import { roleTrustServiceOnly } from '../../../shared/checks/iam-roles/role-trust-service-only.js';
import {
  checkContext,
  collectionError,
  oneApplication,
  policyDocument,
  role,
  roleArn,
  type StatementJson,
  serviceTrustPolicy,
  trust,
} from '../../support/snapshot-builder.js';

const ROLE = roleArn('orders-enricher-role');
const SUBJECT = 'The trust policy of role orders-enricher-role (execution role of orders-enricher)';
const FLINK = { Service: 'kinesisanalytics.amazonaws.com' };

function evaluateTrust(...statements: StatementJson[]) {
  const snapshot = oneApplication({ role: role({ trustPolicy: policyDocument(...statements) }) });
  return roleTrustServiceOnly.evaluate(checkContext(snapshot));
}

function failure(reasons: string) {
  return [{ status: 'FAIL', resourceArn: ROLE, detail: `${SUBJECT} is too broad: ${reasons}.` }];
}

describe('Check: role-trust-service-only', () => {
  it('returns PASS when only the Flink service can assume the role', () => {
    // Prepare
    const snapshot = oneApplication({ role: role({ trustPolicy: serviceTrustPolicy() }) });

    // Act
    const outcomes = roleTrustServiceOnly.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} lets only kinesisanalytics.amazonaws.com assume it.`,
      },
    ]);
  });

  it('returns PASS for a URL-encoded trust policy naming the service in another letter case', () => {
    // Prepare
    const encoded = encodeURIComponent(
      JSON.stringify(policyDocument(trust({ Service: 'KinesisAnalytics.amazonaws.com' }))),
    );
    const snapshot = oneApplication({ role: role({ trustPolicy: encoded }) });

    // Act
    const outcomes = roleTrustServiceOnly.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} lets only kinesisanalytics.amazonaws.com assume it.`,
      },
    ]);
  });

  it('returns FAIL when anyone ("*") can assume the role', () => {
    // Act
    const outcomes = evaluateTrust(trust(FLINK), trust('*'));

    // Assess
    expect(outcomes).toEqual(failure('statement #2 also trusts anyone ("*")'));
  });

  it('returns FAIL when an AWS principal (another account, own root, a user) shares the statement', () => {
    // Prepare
    const principals = {
      Service: 'kinesisanalytics.amazonaws.com',
      AWS: ['arn:aws:iam::444455556666:root', '111122223333', 'arn:aws:iam::111122223333:user/ops'],
    };

    // Act
    const outcomes = evaluateTrust(trust(principals, { Sid: 'Mixed' }));

    // Assess
    expect(outcomes).toEqual(
      failure(
        'statement "Mixed" also trusts AWS principal arn:aws:iam::444455556666:root, AWS principal 111122223333, ' +
          'AWS principal arn:aws:iam::111122223333:user/ops',
      ),
    );
  });

  it('returns FAIL for a federated principal trusted through sts:AssumeRoleWithWebIdentity', () => {
    // Prepare
    const federated = {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
    };

    // Act
    const outcomes = evaluateTrust(trust(FLINK), federated);

    // Assess
    expect(outcomes).toEqual(
      failure(
        'statement #2 also trusts federated principal arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
      ),
    );
  });

  it('returns FAIL for another service trusted through sts:*', () => {
    // Act
    const outcomes = evaluateTrust(trust(FLINK), {
      Effect: 'Allow',
      Principal: { Service: ['lambda.amazonaws.com'] },
      Action: 'sts:*',
    });

    // Assess
    expect(outcomes).toEqual(failure('statement #2 also trusts service lambda.amazonaws.com'));
  });

  it('returns FAIL for an Allow with NotPrincipal', () => {
    // Act
    const outcomes = evaluateTrust(trust(FLINK), {
      Effect: 'Allow',
      NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/intern' },
      Action: 'sts:AssumeRole',
    });

    // Assess
    expect(outcomes).toEqual(
      failure(
        'statement #2 also trusts every principal except AWS principal arn:aws:iam::111122223333:user/intern (NotPrincipal)',
      ),
    );
  });

  it('returns FAIL when no statement lets the Flink service assume the role', () => {
    // Act
    const outcomes = evaluateTrust(trust({ Service: 'ec2.amazonaws.com' }));

    // Assess
    expect(outcomes).toEqual(
      failure(
        'statement #1 also trusts service ec2.amazonaws.com; no statement lets kinesisanalytics.amazonaws.com assume it, so the application cannot',
      ),
    );
  });

  it('returns ERROR when the trust policy is not in the snapshot', () => {
    // Prepare
    const withoutTrust = role({ extra: { AssumeRolePolicyDocument: undefined } });
    const snapshot = oneApplication({ role: withoutTrust });

    // Act
    const outcomes = roleTrustServiceOnly.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail:
          'The trust policy of role orders-enricher-role is not in the snapshot; collect it (iam:GetRole) and scan again.',
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
    const outcomes = roleTrustServiceOnly.evaluate(checkContext(snapshot));

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
    const outcomes = roleTrustServiceOnly.evaluate(checkContext(snapshot));

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
