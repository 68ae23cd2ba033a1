import { describe, expect, it } from 'vitest';
import { buildAlert } from '../../shared/alert/build-alert.js';
import type { Severity } from '../../shared/checks/types.js';
import { buildReport } from '../../shared/report/build-report.js';
import type { AuditReport } from '../../shared/report/types.js';
import {
  accountEvaluation,
  applicationEvaluation,
  finding,
  findings,
  reportMeta,
} from '../support/audit-builders.js';

const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks';
const ROLE = 'arn:aws:iam::111122223333:role/orders-role';

function reportOf(...applications: ReturnType<typeof applicationEvaluation>[]): AuditReport {
  return buildReport(accountEvaluation(applications), reportMeta());
}

function failing(severity: Severity, title: string, resourceArn: string, detail: string) {
  return finding({ status: 'FAIL', severity, title, resourceArn, detail });
}

describe('Function: buildAlert', () => {
  it('returns the whole alert for failures at or above the default threshold (high)', () => {
    // Prepare
    const report = reportOf(
      applicationEvaluation('orders', [
        failing('critical', 'Execution role is not administrator', ROLE, 'orders-role allows *:* on *.'),
        failing('medium', 'Logging enabled', ROLE, 'Below the threshold.'),
        finding({ severity: 'critical' }),
      ]),
      applicationEvaluation('clicks', [
        failing('high', 'Stream encrypted', STREAM, 'clicks is not encrypted.'),
      ]),
    );

    // Act
    const alert = buildAlert(report, { reportLocation: 's3://reports/kda/111122223333/2026/11/29/x.json' });

    // Assess
    expect(alert).toEqual({
      subject: 'kda-auditor: 2 critical/high findings in 111122223333 (grade F)',
      message: [
        'kda-auditor found 2 failing findings of severity high or above in account 111122223333.',
        '',
        'Account score 36/100 (grade F)',
        'Scan: 20261129T020000Z-0a1b2c3d, completed 2026-11-29T02:00:05.000Z',
        'Full report: s3://reports/kda/111122223333/2026/11/29/x.json',
        '',
        'clicks (eu-west-1): score 0/100 (grade F)',
        '  - [HIGH] Stream encrypted',
        `    Resource: ${STREAM}`,
        '    Why: clicks is not encrypted.',
        '',
        'orders (eu-west-1): score 40/100 (grade F)',
        '  - [CRITICAL] Execution role is not administrator',
        `    Resource: ${ROLE}`,
        '    Why: orders-role allows *:* on *.',
        '',
      ].join('\n'),
      attributes: { severity: 'critical', accountId: '111122223333', eventType: 'NEW_FINDINGS' },
    });
  });

  it('returns undefined when nothing fails at or above the threshold', () => {
    // Prepare: a medium FAIL and a critical ERROR alert no one at the default threshold
    const report = reportOf(
      applicationEvaluation('orders', [
        failing('medium', 'Logging enabled', ROLE, 'No logs.'),
        finding({ severity: 'critical', status: 'ERROR' }),
      ]),
    );

    // Act
    const alert = buildAlert(report);

    // Assess
    expect(alert).toBeUndefined();
  });

  it('returns an alert on medium failures with a medium threshold, naming the severities in the subject', () => {
    // Prepare
    const report = reportOf(
      applicationEvaluation('orders', [failing('medium', 'Logging enabled', ROLE, 'No logs.')]),
    );

    // Act
    const alert = buildAlert(report, { threshold: 'medium' });

    // Assess
    expect([alert?.subject, alert?.attributes, alert?.message.split('\n')[0]]).toEqual([
      'kda-auditor: 1 critical/high/medium finding in 111122223333 (grade F)',
      { severity: 'medium', accountId: '111122223333', eventType: 'NEW_FINDINGS' },
      'kda-auditor found 1 failing finding of severity medium or above in account 111122223333.',
    ]);
  });

  it('returns only critical failures with a critical threshold', () => {
    // Prepare
    const report = reportOf(
      applicationEvaluation('orders', [
        failing('critical', 'Admin role', ROLE, 'Admin.'),
        failing('high', 'Stream encrypted', STREAM, 'Not encrypted.'),
      ]),
    );

    // Act
    const alert = buildAlert(report, { threshold: 'critical' });

    // Assess
    expect([
      alert?.subject,
      alert?.message.includes('Stream encrypted'),
      alert?.message.split('\n')[0],
    ]).toEqual([
      'kda-auditor: 1 critical finding in 111122223333 (grade F)',
      false,
      'kda-auditor found 1 failing finding of severity critical in account 111122223333.',
    ]);
  });

  it('returns a subject of at most 99 ASCII characters, whatever the account id holds', () => {
    // Prepare: SNS rejects subjects of 100+ characters and control or non-ASCII characters
    const report = {
      ...reportOf(
        applicationEvaluation('orders', [failing('high', 'Stream encrypted', STREAM, 'Not encrypted.')]),
      ),
      accountId: `compte-de-production-très-long\n${'x'.repeat(120)}`,
    };

    // Act
    const alert = buildAlert(report, { threshold: 'info' });

    // Assess
    expect(alert?.subject).toBe(
      'kda-auditor: 1 critical/high/medium/low/info finding in compte-de-production-tr?s-long?xxxxxxxxx...',
    );
    expect(alert?.subject).toHaveLength(99);
  });

  it('returns "not written" as the report location when no report was written', () => {
    // Prepare
    const report = reportOf(
      applicationEvaluation('orders', [failing('high', 'Stream encrypted', STREAM, 'Off.')]),
    );

    // Act
    const alert = buildAlert(report);

    // Assess
    expect(alert?.message.split('\n')[4]).toBe('Full report: not written (no report bucket configured)');
  });

  it('returns "… and N more" when the failures exceed the size limit', () => {
    // Prepare: each listed finding takes about 150 bytes
    const many = Array.from({ length: 40 }, (_, index) =>
      failing('high', `Stream encrypted ${index}`, `${STREAM}-${index}`, 'Not encrypted.'),
    );
    const report = reportOf(applicationEvaluation('orders', many));

    // Act
    const alert = buildAlert(report, { maxMessageBytes: 2_000 });

    // Assess
    const message = alert?.message ?? '';
    const listed = message.split('\n').filter((line) => line.startsWith('  - [HIGH]')).length;
    expect([
      Buffer.byteLength(message) <= 2_000,
      message.endsWith(`… and ${40 - listed} more: see the full report.\n`),
    ]).toEqual([true, true]);
    expect(listed).toBeGreaterThan(0);
  });

  it('returns a message within the default 64 KiB however many and however long the findings', () => {
    // Prepare: 3,000 failures with 5,000-character details, about 15 MB untruncated
    const report = reportOf(
      applicationEvaluation(
        'orders',
        findings(3_000, { status: 'FAIL', severity: 'critical', detail: 'é'.repeat(5_000) }),
      ),
    );

    // Act
    const alert = buildAlert(report);

    // Assess
    const message = alert?.message ?? '';
    expect([Buffer.byteLength(message) <= 64 * 1024, /… and \d+ more/.test(message)]).toEqual([true, true]);
  });

  it('returns a note when the scan was incomplete', () => {
    // Prepare
    const evaluation = accountEvaluation([
      applicationEvaluation('orders', [failing('high', 'Stream encrypted', STREAM, 'Off.')]),
    ]);
    const collectionErrors = [{ operation: 'kms:DescribeKey', code: 'AccessDenied', message: 'denied' }];
    const report = buildReport(evaluation, reportMeta({ complete: false, collectionErrors }));

    // Act
    const alert = buildAlert(report);

    // Assess
    expect(
      alert?.message.endsWith(
        'The scan is incomplete: 1 read failed, so some checks report ERROR; see the report.\n',
      ),
    ).toBe(true);
  });

  it('throws InvalidRequestError for an unknown threshold', () => {
    // Prepare
    const report = reportOf(
      applicationEvaluation('orders', [failing('high', 'Stream encrypted', STREAM, 'Off.')]),
    );

    // Act
    const build = () => buildAlert(report, { threshold: 'severe' as Severity });

    // Assess
    expect(build).toThrow(
      expect.objectContaining({
        name: 'InvalidRequestError',
        problems: ['alert threshold must be one of critical, high, medium, low, info, not "severe"'],
      }),
    );
  });
});
