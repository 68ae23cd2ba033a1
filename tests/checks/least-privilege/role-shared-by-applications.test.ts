import { describe, expect, it } from 'vitest';
import { roleSharedByApplications } from '../../../shared/checks/least-privilege/role-shared-by-applications.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';
import {
  accountSnapshot,
  application,
  applicationArn,
  checkContext,
  collectionError,
  oneApplication,
  role,
  roleArn,
} from '../../support/snapshot-builder.js';

const ROLE = roleArn('orders-enricher-role');
const SUBJECT = 'Role orders-enricher-role (execution role of orders-enricher)';

function evaluate(snapshot: AccountSnapshot) {
  return roleSharedByApplications.evaluate(checkContext(snapshot, 'orders-enricher'));
}

describe('Check: role-shared-by-applications', () => {
  it('returns PASS when every other application has its own role', () => {
    // Prepare
    const snapshot = accountSnapshot({
      roles: [role(), role({ name: 'clicks-counter-role' })],
      applications: [application(), application({ name: 'clicks-counter' })],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} is used by no other of the 2 application(s) scanned.`,
      },
    ]);
  });

  it('returns FAIL naming the applications of any region that share the role, whatever its path', () => {
    // Prepare
    const pathed = 'arn:aws:iam::111122223333:role/flink/orders-enricher-role';
    const snapshot = accountSnapshot({
      roles: [role()],
      applications: [application(), application({ name: 'clicks-counter', role: ROLE })],
      regions: {
        'us-east-1': { applications: [application({ name: 'billing', region: 'us-east-1', role: pathed })] },
      },
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail: `${SUBJECT} is also the execution role of clicks-counter (eu-west-1), billing (us-east-1); give each application its own role.`,
      },
    ]);
  });

  it('returns FAIL, noting the applications it could not describe', () => {
    // Prepare
    const billing = applicationArn('billing', 'us-east-1');
    const snapshot = accountSnapshot({
      roles: [role()],
      applications: [application(), application({ name: 'clicks-counter', role: ROLE })],
      regions: {
        'us-east-1': { applications: [application({ name: 'billing', region: 'us-east-1', role: null })] },
      },
      collectionErrors: [collectionError('kinesisanalytics:DescribeApplication', billing)],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} is also the execution role of clicks-counter (eu-west-1); give each application its own role. ` +
          'Unknown besides: could not describe billing (us-east-1) (kinesisanalytics:DescribeApplication failed with AccessDenied).',
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

  it('returns ERROR when another application could not be described', () => {
    // Prepare
    const clicks = applicationArn('clicks-counter');
    const snapshot = accountSnapshot({
      roles: [role()],
      applications: [application(), application({ name: 'clicks-counter', role: null })],
      collectionErrors: [collectionError('kinesisanalytics:DescribeApplication', clicks)],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} is used by no other application that could be read, but could not describe ` +
          'clicks-counter (eu-west-1) (kinesisanalytics:DescribeApplication failed with AccessDenied); ' +
          'allow kinesisanalytics:ListApplications and kinesisanalytics:DescribeApplication to the auditor and scan again.',
      },
    ]);
  });

  it('returns ERROR when the applications of a region could not be listed', () => {
    // Prepare
    const snapshot = oneApplication({
      collectionErrors: [{ ...collectionError('kinesisanalytics:ListApplications'), region: 'us-east-1' }],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} is used by no other application that could be read, but could not list the ` +
          'applications of us-east-1 (kinesisanalytics:ListApplications failed with AccessDenied); ' +
          'allow kinesisanalytics:ListApplications and kinesisanalytics:DescribeApplication to the auditor and scan again.',
      },
    ]);
  });
});
