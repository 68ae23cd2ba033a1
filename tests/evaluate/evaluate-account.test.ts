import { describe, expect, it } from 'vitest';
import type { Check } from '../../shared/checks/types.js';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';

const remediation = { console: 'c', cli: 'aws x', cloudformation: 'y', references: [] };
const metadata = {
  title: 'Probe',
  bestPractice: 'operations',
  severity: 'low',
  description: 'd',
  logic: 'l',
  risk: 'r',
  remediation,
} as const;

const passing: Check = {
  metadata: { ...metadata, id: 'probe-pass' },
  evaluate: ({ application }) => [
    { status: 'PASS', resourceArn: application.ApplicationARN, detail: `${application.ApplicationName} ok.` },
  ],
};

const throwing: Check = {
  metadata: { ...metadata, id: 'probe-throws' },
  evaluate: () => {
    throw new TypeError('cannot read properties of undefined');
  },
};

function arn(region: string, name: string) {
  return `arn:aws:kinesisanalytics:${region}:111122223333:application/${name}`;
}

const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: '111122223333',
  regions: {
    'eu-west-1': { applications: [{ ApplicationARN: arn('eu-west-1', 'a'), ApplicationName: 'a' }] },
    'us-east-1': {
      applications: [
        { ApplicationARN: arn('us-east-1', 'b'), ApplicationName: 'b' },
        { ApplicationARN: arn('us-east-1', 'c'), ApplicationName: 'c' },
      ],
    },
  },
};

describe('Function: evaluateAccount', () => {
  it('judges every application with every check and attaches the metadata', () => {
    // Act
    const evaluation = evaluateAccount(snapshot, {}, [passing]);

    // Assess
    expect(evaluation.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(evaluation.applications.map((app) => app.applicationName)).toEqual(['a', 'b', 'c']);
    expect(evaluation.applications[0]?.findings).toEqual([
      {
        checkId: 'probe-pass',
        bestPractice: 'operations',
        severity: 'low',
        status: 'PASS',
        resourceArn: arn('eu-west-1', 'a'),
        title: 'Probe',
        detail: 'a ok.',
        remediation,
      },
    ]);
  });

  it('keeps to the regions and applications in scope, by name or ARN', () => {
    // Act
    const byRegion = evaluateAccount(snapshot, { regions: ['us-east-1'] }, [passing]);
    const byApp = evaluateAccount(snapshot, { applications: ['a', arn('us-east-1', 'c')] }, [passing]);

    // Assess
    expect(byRegion.applications.map((app) => app.applicationName)).toEqual(['b', 'c']);
    expect(byApp.applications.map((app) => app.applicationName)).toEqual(['a', 'c']);
  });

  it('turns a check that throws into an ERROR finding and goes on', () => {
    // Act
    const evaluation = evaluateAccount(snapshot, { applications: ['a'] }, [throwing, passing]);

    // Assess
    expect(
      evaluation.applications[0]?.findings.map(({ checkId, status, detail }) => ({
        checkId,
        status,
        detail,
      })),
    ).toEqual([
      {
        checkId: 'probe-throws',
        status: 'ERROR',
        detail: 'The check could not run: cannot read properties of undefined',
      },
      { checkId: 'probe-pass', status: 'PASS', detail: 'a ok.' },
    ]);
  });
});

describe('Function: evaluateAccount, for an application that could not be described', () => {
  it('gives ERROR for every check, whatever the check would say on the partial data', () => {
    // Prepare
    const partial: AccountSnapshot = {
      ...snapshot,
      collectionErrors: [
        {
          operation: 'kinesisanalytics:DescribeApplication',
          resource: arn('eu-west-1', 'a'),
          code: 'AccessDeniedException',
          message: 'not authorized',
        },
      ],
    };

    // Act
    const evaluation = evaluateAccount(partial, { applications: ['a', 'b'] }, [passing]);

    // Assess
    expect(
      evaluation.applications.map((app) => app.findings.map(({ status, detail }) => ({ status, detail }))),
    ).toEqual([
      [
        {
          status: 'ERROR',
          detail:
            'Could not describe a (AccessDeniedException: not authorized); allow kinesisanalytics:DescribeApplication to the auditor and scan again.',
        },
      ],
      [{ status: 'PASS', detail: 'b ok.' }],
    ]);
  });
});

describe('Function: evaluateAccount, severity of ERROR findings', () => {
  const escalating: Check = {
    metadata: { ...metadata, id: 'probe-escalates', escalatesTo: 'critical' },
    evaluate: (context) => [
      { status: 'ERROR', resourceArn: context.application.ApplicationARN, detail: 'unknown.' },
      { status: 'FAIL', resourceArn: `${context.application.ApplicationARN}/x`, detail: 'failed.' },
    ],
  };

  it('gives an ERROR the worst severity its check can fail with, and a FAIL its own', () => {
    // Act
    const evaluation = evaluateAccount(snapshot, { applications: ['a'] }, [escalating, throwing]);

    // Assess
    expect(
      evaluation.applications[0]?.findings.map(({ checkId, status, severity }) => ({
        checkId,
        status,
        severity,
      })),
    ).toEqual([
      { checkId: 'probe-escalates', status: 'ERROR', severity: 'critical' },
      { checkId: 'probe-escalates', status: 'FAIL', severity: 'low' },
      { checkId: 'probe-throws', status: 'ERROR', severity: 'low' },
    ]);
  });

  it('advises another scan, not a permission, when the application could not be described for a transient reason', () => {
    // Prepare
    const partial: AccountSnapshot = {
      ...snapshot,
      collectionErrors: [
        {
          operation: 'kinesisanalytics:DescribeApplication',
          resource: arn('eu-west-1', 'a'),
          code: 'ServiceUnavailable',
          message: 'try again',
        },
      ],
    };

    // Act
    const evaluation = evaluateAccount(partial, { applications: ['a'] }, [escalating]);

    // Assess
    expect(
      evaluation.applications[0]?.findings.map(({ status, severity, detail }) => ({
        status,
        severity,
        detail,
      })),
    ).toEqual([
      {
        status: 'ERROR',
        severity: 'critical',
        detail:
          'Could not describe a (ServiceUnavailable: try again); scan again: the read was not denied, so no permission is missing.',
      },
    ]);
  });
});

describe('Function: evaluateAccount, required permissions', () => {
  it('returns the required permissions of described applications only', () => {
    // Prepare
    const logStream =
      'arn:aws:logs:us-east-1:111122223333:log-group:/aws/kinesis-analytics/b:log-stream:kinesis-analytics-log-stream';
    const withLogs: AccountSnapshot = {
      ...snapshot,
      regions: {
        ...snapshot.regions,
        'us-east-1': {
          applications: [
            {
              ApplicationARN: arn('us-east-1', 'b'),
              ApplicationName: 'b',
              CloudWatchLoggingOptionDescriptions: [{ LogStreamARN: logStream }],
            },
          ],
        },
      },
      collectionErrors: [
        {
          operation: 'kinesisanalytics:DescribeApplication',
          resource: arn('eu-west-1', 'a'),
          code: 'AccessDeniedException',
          message: 'not authorized',
        },
      ],
    };

    // Act
    const evaluation = evaluateAccount(withLogs, {}, [passing]);

    // Assess
    const reason = 'logs log-group /aws/kinesis-analytics/b';
    expect(evaluation.applications.map((app) => [app.applicationName, app.requiredPermissions])).toEqual([
      ['a', undefined],
      [
        'b',
        [
          { action: 'logs:PutLogEvents', resource: logStream, reason },
          {
            action: 'logs:DescribeLogStreams',
            resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/kinesis-analytics/b:log-stream:*',
            reason,
          },
          {
            action: 'logs:DescribeLogGroups',
            resource: 'arn:aws:logs:us-east-1:111122223333:log-group:*',
            reason,
          },
        ],
      ],
    ]);
  });
});
