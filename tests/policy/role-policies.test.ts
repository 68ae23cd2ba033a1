import { describe, expect, it } from 'vitest';
import { roleExcessGrants } from '../../shared/checks/least-privilege/role-excess-grants.js';
import { parsePolicyDocument } from '../../shared/policy/document.js';
import { rolePolicies } from '../../shared/policy/role-policies.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import type { CollectionError } from '../../shared/snapshot/types.js';
import {
  accountSnapshot,
  allow,
  checkContext,
  collectionError,
  oneApplication,
  policyArn,
  policyDocument,
  role,
  roleArn,
} from '../support/snapshot-builder.js';

const ROLE_ARN = roleArn('orders-enricher-role');
const LOGGING = policyArn('flink-logging');

// A role read call by call keeps the policies that answered; the failed reads are recorded against it.
function policiesOf(collectionErrors: CollectionError[], options: { attached?: string[] } = {}) {
  const executionRole = role({ inline: { access: policyDocument(allow('kinesis:GetRecords')) }, ...options });
  const index = new AccountIndex(accountSnapshot({ roles: [executionRole], collectionErrors }));
  return rolePolicies(index, executionRole);
}

const readable = {
  name: 'access',
  source: 'inline',
  document: parsePolicyDocument(policyDocument(allow('kinesis:GetRecords'))),
} as const;

describe('Function: rolePolicies', () => {
  it('returns the readable policies only when no read of the role failed', () => {
    // Act
    const policies = policiesOf([]);

    // Assess
    expect(policies).toEqual([readable]);
  });

  it('returns an unread inline policy when an inline policy document could not be read', () => {
    // Act
    const policies = policiesOf([collectionError('iam:GetRolePolicy', ROLE_ARN, 'ServiceUnavailable')]);

    // Assess
    expect(policies).toEqual([
      readable,
      {
        name: '*',
        source: 'inline',
        problem: `iam:GetRolePolicy failed with ServiceUnavailable on ${ROLE_ARN}`,
        error: collectionError('iam:GetRolePolicy', ROLE_ARN, 'ServiceUnavailable'),
      },
    ]);
  });

  it('returns an unread inline policy when the inline policies could not be listed', () => {
    // Act
    const policies = policiesOf([collectionError('iam:ListRolePolicies', ROLE_ARN, 'TimeoutError')]);

    // Assess
    expect(policies).toEqual([
      readable,
      {
        name: '*',
        source: 'inline',
        problem: `iam:ListRolePolicies failed with TimeoutError on ${ROLE_ARN}`,
        error: collectionError('iam:ListRolePolicies', ROLE_ARN, 'TimeoutError'),
      },
    ]);
  });

  it('returns an unread managed policy when the attached policies could not be listed', () => {
    // Act
    const policies = policiesOf([collectionError('iam:ListAttachedRolePolicies', ROLE_ARN, 'Throttling')]);

    // Assess
    expect(policies).toEqual([
      readable,
      {
        name: '*',
        source: 'managed',
        problem: `iam:ListAttachedRolePolicies failed with Throttling on ${ROLE_ARN}`,
        error: collectionError('iam:ListAttachedRolePolicies', ROLE_ARN, 'Throttling'),
      },
    ]);
  });

  it('returns an unparseable policy without a failed read when its document was read but cannot be parsed', () => {
    // Prepare
    const executionRole = role({ inline: { access: '{"Statement": [' } });
    const index = new AccountIndex(accountSnapshot({ roles: [executionRole] }));

    // Act
    const policies = rolePolicies(index, executionRole);

    // Assess
    expect(policies).toEqual([
      {
        name: 'access',
        source: 'inline',
        problem: 'The policy document is not valid JSON (nor URL-encoded JSON).',
        unparseable: true,
      },
    ]);
  });

  it('returns the failed read as the problem of a managed policy whose document could not be read', () => {
    // Act
    const policies = policiesOf([collectionError('iam:GetPolicyVersion', LOGGING, 'InternalFailure')], {
      attached: [LOGGING],
    });

    // Assess
    expect(policies).toEqual([
      readable,
      {
        name: 'flink-logging',
        source: 'managed',
        arn: LOGGING,
        problem: `iam:GetPolicyVersion failed with InternalFailure on ${LOGGING}`,
        error: collectionError('iam:GetPolicyVersion', LOGGING, 'InternalFailure'),
      },
    ]);
  });
});

describe('Check: role-excess-grants on a role whose inline policy could not be read', () => {
  it('returns ERROR naming the failed read, never PASS', () => {
    // Prepare: the readable policies grant nothing beyond what the application needs
    const snapshot = oneApplication({
      role: role({ inline: {} }),
      collectionErrors: [collectionError('iam:GetRolePolicy', ROLE_ARN, 'ServiceUnavailable')],
    });

    // Act
    const outcomes = roleExcessGrants.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE_ARN,
        detail:
          'Role orders-enricher-role (execution role of orders-enricher) allows nothing beyond what its ' +
          'dependencies need in the policies that could be read, but could not read inline policy "*" ' +
          `(iam:GetRolePolicy failed with ServiceUnavailable on ${ROLE_ARN}); scan again: the read was not ` +
          'denied, so no permission is missing.',
      },
    ]);
  });

  it('names the IAM action to allow when the read was denied', () => {
    const snapshot = oneApplication({
      role: role({ inline: {} }),
      collectionErrors: [collectionError('iam:GetRolePolicy', ROLE_ARN, 'AccessDenied')],
    });

    const [outcome] = roleExcessGrants.evaluate(checkContext(snapshot));

    expect(outcome?.status).toBe('ERROR');
    expect(outcome?.detail).toMatch(/; allow iam:GetRolePolicy to the auditor and scan again\.$/);
  });

  it('says to fix a policy document IAM cannot parse, not to grant a read', () => {
    const snapshot = oneApplication({ role: role({ inline: { broken: '{"Statement": "not a list"' } }) });

    const [outcome] = roleExcessGrants.evaluate(checkContext(snapshot));

    expect(outcome?.status).toBe('ERROR');
    expect(outcome?.detail).toMatch(
      /; fix the policy documents so that IAM's policy grammar parses them, then scan again\.$/,
    );
  });
});
