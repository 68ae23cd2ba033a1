import { describe, expect, it } from 'vitest';
import { buildReport } from '../../shared/report/build-report.js';
import { summaryTable } from '../../shared/report/summary-table.js';
import { accountEvaluation, applicationEvaluation, finding, reportMeta } from '../support/audit-builders.js';

describe('Function: summaryTable', () => {
  it('returns one line per application, worst first, then the account line', () => {
    // Prepare
    const evaluation = accountEvaluation([
      applicationEvaluation('clickstream-enricher', [finding({ severity: 'critical' })]),
      applicationEvaluation('orders', [
        finding({ severity: 'critical', status: 'FAIL' }),
        finding({ severity: 'high', status: 'FAIL' }),
        finding({ severity: 'low', status: 'ERROR' }),
      ]),
      applicationEvaluation('idle', [finding({ status: 'NOT_APPLICABLE' })], { region: 'us-east-1' }),
    ]);
    const report = buildReport(evaluation, reportMeta());

    // Act
    const table = summaryTable(report);

    // Assess
    expect(table).toBe(
      [
        'APPLICATION           REGION     SCORE  GRADE  CRITICAL  HIGH  MEDIUM  LOW  ERRORS',
        'orders                eu-west-1      0  F             1     1       0    0       1',
        'clickstream-enricher  eu-west-1    100  A             0     0       0    0       0',
        'idle                  us-east-1      -  -             0     0       0    0       0',
        '-'.repeat(82),
        'ACCOUNT 111122223333  3 apps        38  F             1     1       0    0       1',
      ].join('\n'),
    );
  });

  it('returns a note under the table when the scan is incomplete', () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([]),
      reportMeta({
        complete: false,
        collectionErrors: [{ operation: 'iam:GetRole', code: 'AccessDenied', message: 'denied' }],
      }),
    );

    // Act
    const table = summaryTable(report);

    // Assess
    expect(table).toBe(
      [
        'APPLICATION           REGION  SCORE  GRADE  CRITICAL  HIGH  MEDIUM  LOW  ERRORS',
        '-'.repeat(79),
        'ACCOUNT 111122223333  0 apps      -  -             0     0       0    0       0',
        'Incomplete: 1 read(s) failed; the checks that needed them report ERROR.',
      ].join('\n'),
    );
  });
});
