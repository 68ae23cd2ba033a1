import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/checks/types.js';
import { SEVERITIES, STATUSES } from '../../shared/checks/types.js';
import { accountTotals, buildReport } from '../../shared/report/build-report.js';
import { findingFingerprint } from '../../shared/report/fingerprint.js';
import type { ReportNotReached } from '../../shared/report/types.js';
import {
  ACCOUNT_ID,
  accountEvaluation,
  applicationArn,
  applicationEvaluation,
  finding,
  reportMeta,
} from '../support/audit-builders.js';

const NO_FAILURES = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

const UNLISTED = {
  operation: 'kinesisanalytics:ListApplications',
  region: 'us-east-1',
  code: 'ThrottlingException',
  message: 'Rate exceeded',
};

/** A finding as a report lists a PASS or NOT_APPLICABLE: without its remediation. */
function withoutRemediation({ remediation: _omitted, ...rest }: Finding): Omit<Finding, 'remediation'> {
  return rest;
}

/** The fingerprint buildReport gives a finding of application `name` in eu-west-1. */
function fingerprintIn(name: string, of: Finding): string {
  return findingFingerprint({
    accountId: ACCOUNT_ID,
    region: 'eu-west-1',
    applicationArn: applicationArn(name),
    checkId: of.checkId,
    resourceArn: of.resourceArn,
  });
}

describe('Function: buildReport', () => {
  it('returns the whole report of one application', () => {
    // Prepare
    const failing = finding({
      checkId: 'stream-encrypted',
      status: 'FAIL',
      severity: 'high',
      detail: 'Unencrypted.',
    });
    const passing = finding({
      checkId: 'role-trust',
      status: 'PASS',
      severity: 'critical',
      detail: 'Trusted.',
    });
    const graph = {
      applicationArn: applicationArn('orders'),
      nodes: [
        {
          arn: applicationArn('orders'),
          kind: 'application' as const,
          name: 'orders',
          region: 'eu-west-1',
          state: 'present' as const,
          origins: ['configuration' as const],
        },
      ],
      edges: [],
    };
    const evaluation = accountEvaluation([applicationEvaluation('orders', [passing, failing], { graph })]);
    const collectionError = {
      operation: 'kms:DescribeKey',
      region: 'eu-west-1',
      code: 'AccessDenied',
      message: 'no',
    };
    const meta = reportMeta({
      complete: false,
      source: 'live',
      scope: { regions: ['eu-west-1'], applications: ['orders'] },
      collectionErrors: [collectionError],
    });

    // Act
    const report = buildReport(evaluation, meta);

    // Assess
    const summary = {
      findings: { PASS: 1, FAIL: 1, ERROR: 0, NOT_APPLICABLE: 0, MUTED: 0 },
      failures: { ...NO_FAILURES, high: 1 },
    };
    expect(report).toEqual({
      schemaVersion: '2.0.0',
      scanId: '20261129T020000Z-0a1b2c3d',
      accountId: ACCOUNT_ID,
      partition: 'aws',
      startedAt: '2026-11-29T02:00:00.000Z',
      completedAt: '2026-11-29T02:00:05.000Z',
      complete: false,
      source: 'live',
      scope: { regions: ['eu-west-1'], applications: ['orders'], evaluatedRegions: ['eu-west-1'] },
      score: 67,
      grade: 'D',
      summary: { applications: 1, ...summary },
      applications: [
        {
          applicationArn: applicationArn('orders'),
          applicationName: 'orders',
          region: 'eu-west-1',
          runtimeEnvironment: 'FLINK-1_20',
          score: 67,
          grade: 'D',
          summary,
          dependencyGraph: { nodes: graph.nodes, edges: [] },
          findings: [
            { fingerprint: fingerprintIn('orders', failing), ...failing },
            { fingerprint: fingerprintIn('orders', passing), ...withoutRemediation(passing) },
          ],
        },
      ],
      collectionErrors: [collectionError],
    });
  });

  it('returns applications worst first, unscored last, ties by region then name', () => {
    // Prepare
    const evaluation = accountEvaluation([
      applicationEvaluation('clean', [finding()]),
      applicationEvaluation('unscored', [finding({ status: 'NOT_APPLICABLE' })]),
      applicationEvaluation('broken', [finding({ status: 'FAIL', severity: 'critical' })]),
      applicationEvaluation('also-clean', [finding()], { region: 'eu-central-1' }),
      applicationEvaluation('alpha-clean', [finding()]),
    ]);

    // Act
    const report = buildReport(evaluation, reportMeta());

    // Assess
    expect(
      report.applications.map((application) => [application.applicationName, application.score]),
    ).toEqual([
      ['broken', 0],
      ['also-clean', 100],
      ['alpha-clean', 100],
      ['clean', 100],
      ['unscored', null],
    ]);
  });

  it('returns findings by status (FAIL, ERROR, PASS, NOT_APPLICABLE), then most severe first', () => {
    // Prepare
    const input = [
      finding({ checkId: 'a', status: 'NOT_APPLICABLE', severity: 'critical' }),
      finding({ checkId: 'b', status: 'PASS', severity: 'low' }),
      finding({ checkId: 'c', status: 'PASS', severity: 'critical' }),
      finding({ checkId: 'd', status: 'FAIL', severity: 'low' }),
      finding({ checkId: 'e', status: 'ERROR', severity: 'high' }),
      finding({ checkId: 'f', status: 'FAIL', severity: 'critical' }),
      finding({ checkId: 'g', status: 'FAIL', severity: 'low' }),
    ];

    // Act
    const report = buildReport(accountEvaluation([applicationEvaluation('orders', input)]), reportMeta());

    // Assess
    expect(report.applications[0]?.findings.map(({ checkId }) => checkId)).toEqual([
      'f',
      'd',
      'g',
      'e',
      'c',
      'b',
      'a',
    ]);
  });

  it('returns a null score, "all" scope and no application for an empty account', () => {
    // Act
    const report = buildReport(
      { ...accountEvaluation([]), regions: [] },
      reportMeta({ scope: { regions: 'all' } }),
    );

    // Assess
    expect(report).toEqual({
      schemaVersion: '2.0.0',
      scanId: '20261129T020000Z-0a1b2c3d',
      accountId: ACCOUNT_ID,
      partition: 'aws',
      startedAt: '2026-11-29T02:00:00.000Z',
      completedAt: '2026-11-29T02:00:05.000Z',
      complete: true,
      source: 'snapshot',
      scope: { regions: 'all', applications: 'all', evaluatedRegions: [] },
      score: null,
      grade: null,
      summary: {
        applications: 0,
        findings: { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, MUTED: 0 },
        failures: NO_FAILURES,
      },
      applications: [],
      collectionErrors: [],
    });
  });

  it('returns the cap that lowered a score, on the account and the application', () => {
    // Prepare
    const input = [
      finding({ severity: 'critical' }),
      finding({ severity: 'critical' }),
      finding({ status: 'FAIL' }),
    ];

    // Act
    const report = buildReport(accountEvaluation([applicationEvaluation('orders', input)]), reportMeta());

    // Assess
    expect([
      report.score,
      report.cappedBy,
      report.applications[0]?.score,
      report.applications[0]?.cappedBy,
    ]).toEqual([70, 'high', 70, 'high']);
  });

  it('returns only the report fields of findings and collection errors', () => {
    // Prepare
    const noisy = { ...finding(), rawValue: 'AKIAIOSFODNN7EXAMPLE' };
    const evaluation = accountEvaluation([
      applicationEvaluation('orders', [noisy], { runtimeEnvironment: undefined }),
    ]);
    const error = { operation: 's3:GetBucketPolicy', code: 'AccessDenied', message: 'denied', extra: 'x' };

    // Act
    const report = buildReport(evaluation, reportMeta({ collectionErrors: [error] }));

    // Assess
    expect([
      report.applications[0]?.findings,
      report.applications[0]?.runtimeEnvironment,
      report.collectionErrors,
    ]).toEqual([
      [{ fingerprint: fingerprintIn('orders', finding()), ...withoutRemediation(finding()) }],
      null,
      [{ operation: 's3:GetBucketPolicy', code: 'AccessDenied', message: 'denied' }],
    ]);
  });

  it('returns access key ids in collection errors masked', () => {
    // Prepare
    const error = {
      operation: 'iam:GetAccessKeyLastUsed',
      resource: 'AKIAIOSFODNN7EXAMPLE',
      code: 'AccessDenied',
      message: 'not authorized to look up AKIAIOSFODNN7EXAMPLE',
    };

    // Act
    const report = buildReport(accountEvaluation([]), reportMeta({ collectionErrors: [error] }));

    // Assess
    expect(report.collectionErrors).toEqual([
      {
        operation: 'iam:GetAccessKeyLastUsed',
        resource: 'AKIA************MPLE',
        code: 'AccessDenied',
        message: 'not authorized to look up AKIA************MPLE',
      },
    ]);
  });

  it('returns the suggested policy of the applications whose requirements are known and not empty', () => {
    // Prepare
    const stream = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders';
    const required = [
      { action: 'kinesis:ListShards', resource: stream, reason: 'source kinesis-stream orders' },
      { action: 'kinesis:GetRecords', resource: stream, reason: 'source kinesis-stream orders' },
    ];
    const evaluation = accountEvaluation([
      applicationEvaluation('orders', [finding()], { requiredPermissions: required }),
      applicationEvaluation('idle', [finding()], { requiredPermissions: [] }),
      applicationEvaluation('undescribed', [finding()]),
    ]);

    // Act
    const report = buildReport(evaluation, reportMeta());

    // Assess
    expect(
      report.applications.map(({ applicationName, suggestedPolicy }) => ({
        applicationName,
        suggestedPolicy,
      })),
    ).toEqual([
      { applicationName: 'idle', suggestedPolicy: undefined },
      {
        applicationName: 'orders',
        suggestedPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'KinesisStreamOrders',
              Effect: 'Allow',
              Action: ['kinesis:GetRecords', 'kinesis:ListShards'],
              Resource: stream,
            },
          ],
        },
      },
      { applicationName: 'undescribed', suggestedPolicy: undefined },
    ]);
    expect(report.applications.filter((application) => 'suggestedPolicy' in application)).toHaveLength(1);
  });
  it.each([
    { status: 'FAIL', kept: true },
    { status: 'ERROR', kept: true },
    { status: 'MUTED', kept: true },
    { status: 'PASS', kept: false },
    { status: 'NOT_APPLICABLE', kept: false },
  ] as const)('returns the remediation of a $status finding: $kept', ({ status, kept }) => {
    // Prepare
    const input = finding({ status });

    // Act
    const report = buildReport(accountEvaluation([applicationEvaluation('orders', [input])]), reportMeta());

    // Assess
    expect(report.applications[0]?.findings[0]).toEqual({
      fingerprint: fingerprintIn('orders', input),
      ...(kept ? input : withoutRemediation(input)),
    });
  });

  it('caps the account score as a critical ERROR would when a region could not be listed', () => {
    // Prepare
    const evaluation = accountEvaluation([applicationEvaluation('orders', [finding(), finding()])]);

    // Act
    const report = buildReport(evaluation, reportMeta({ complete: false, collectionErrors: [UNLISTED] }));

    // Assess
    expect([report.score, report.grade, report.cappedBy]).toEqual([40, 'F', 'critical']);
    expect([report.applications[0]?.score, report.applications[0]?.cappedBy]).toEqual([100, undefined]);
  });

  it('caps the account score when the time limit left a region unlisted', () => {
    // Prepare
    const evaluation = accountEvaluation([applicationEvaluation('orders', [finding()])]);
    const notReached: ReportNotReached = {
      reason: 'TIME_LIMIT',
      reads: 1,
      regions: ['us-east-1'],
      applications: [],
    };

    // Act
    const report = buildReport(evaluation, reportMeta({ complete: false, notReached }));

    // Assess
    expect([report.score, report.grade, report.cappedBy]).toEqual([40, 'F', 'critical']);
  });

  it('leaves the account unscored when nothing was judged, even with a region unlisted', () => {
    // Act
    const report = buildReport(accountEvaluation([]), reportMeta({ collectionErrors: [UNLISTED] }));

    // Assess
    expect([report.score, report.grade, report.cappedBy]).toEqual([null, null, undefined]);
  });

  it('scores an account with a region unlisted at most 40, and never above its listed findings', () => {
    const statuses = fc.constantFrom(...STATUSES);
    const severities = fc.constantFrom(...SEVERITIES);
    const application = fc.array(
      fc.record({ status: statuses, severity: severities }).map((fields) => finding(fields)),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(fc.array(application, { minLength: 1, maxLength: 4 }), (applications) => {
        // Prepare
        const listed = buildReport(
          accountEvaluation(
            applications.map((findings, index) => applicationEvaluation(`app-${index}`, findings)),
          ),
          reportMeta(),
        ).applications;
        const own = accountTotals(listed, { collectionErrors: [] });

        // Act
        const unlisted = accountTotals(listed, { collectionErrors: [UNLISTED] });

        // Assess
        expect(unlisted.score).toBe(own.score === null ? null : Math.min(40, own.score));
        expect(unlisted.cappedBy).toBe(own.score !== null && own.score > 40 ? 'critical' : own.cappedBy);
      }),
      { numRuns: 200 },
    );
  });
});
