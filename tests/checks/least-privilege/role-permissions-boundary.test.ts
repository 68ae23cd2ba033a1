import { describe, expect, it } from 'vitest';
import { rolePermissionsBoundary } from '../../../shared/checks/least-privilege/role-permissions-boundary.js';
import {
  applicationArn,
  checkContext,
  collectionError,
  oneApplication,
  policyArn,
  role,
  roleArn,
} from '../../support/snapshot-builder.js';

const ROLE = roleArn('orders-enricher-role');
const SUBJECT = 'Role orders-enricher-role (execution role of orders-enricher)';

function evaluate(snapshot: ReturnType<typeof oneApplication>) {
  return rolePermissionsBoundary.evaluate(checkContext(snapshot));
}

describe('Check: role-permissions-boundary', () => {
  it('returns PASS naming the boundary of the role', () => {
    // Prepare
    const boundary = policyArn('flink-application-boundary');
    const snapshot = oneApplication({ role: role({ boundary }) });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      { status: 'PASS', resourceArn: ROLE, detail: `${SUBJECT} has permissions boundary ${boundary}.` },
    ]);
  });

  it('returns FAIL when the role has no permissions boundary', () => {
    // Prepare
    const snapshot = oneApplication({ role: role({ extra: { PermissionsBoundary: null } }) });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} has no permissions boundary: nothing caps what a later policy change could grant it.`,
      },
    ]);
  });

  it('returns NOT_APPLICABLE when the application has no execution role', () => {
    // Prepare
    const snapshot = oneApplication({ role: null, application: { role: null } });

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
});
