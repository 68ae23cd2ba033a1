import { describe, expect, it } from 'vitest';
import { roleExists } from '../../../shared/checks/iam-roles/role-exists.js';
import {
  applicationArn,
  checkContext,
  collectionError,
  OTHER_ACCOUNT_ID,
  oneApplication,
  roleArn,
} from '../../support/snapshot-builder.js';

const ROLE = roleArn('orders-enricher-role');

describe('Check: role-exists', () => {
  it('returns PASS when the execution role exists', () => {
    // Prepare
    const snapshot = oneApplication();

    // Act
    const outcomes = roleExists.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: 'orders-enricher runs as role orders-enricher-role, which exists.',
      },
    ]);
  });

  it('returns FAIL when the application has no execution role', () => {
    // Prepare
    const snapshot = oneApplication({ application: { role: null } });

    // Act
    const outcomes = roleExists.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher has no service execution role; it cannot start or restart until one is set.',
      },
    ]);
  });

  it('returns FAIL when the execution role does not exist', () => {
    // Prepare
    const snapshot = oneApplication({ role: null });

    // Act
    const outcomes = roleExists.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `The execution role ${ROLE} of orders-enricher does not exist; the application cannot start or restart until it does.`,
      },
    ]);
  });

  it('returns ERROR when the roles could not be read', () => {
    // Prepare
    const snapshot = oneApplication({
      role: null,
      collectionErrors: [collectionError('iam:GetAccountAuthorizationDetails')],
    });

    // Act
    const outcomes = roleExists.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail: `Could not read ${ROLE} (iam:GetAccountAuthorizationDetails failed with AccessDenied); allow iam:GetAccountAuthorizationDetails to the auditor and scan again.`,
      },
    ]);
  });

  it("returns ERROR when the execution role is another account's", () => {
    // Prepare
    const foreign = roleArn('shared-flink-role', OTHER_ACCOUNT_ID);
    const snapshot = oneApplication({ role: null, application: { role: foreign } });

    // Act
    const outcomes = roleExists.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: foreign,
        detail: `The execution role ${foreign} of orders-enricher belongs to another account, which this scan does not read; audit that account too.`,
      },
    ]);
  });
});
