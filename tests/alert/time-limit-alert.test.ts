import { describe, expect, it } from 'vitest';
import { decideAlerts } from '../../shared/alert/decide-alerts.js';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { mergePartialScan } from '../../shared/changes/merge-partial-scan.js';
import type { AuditReport } from '../../shared/report/types.js';
import { example, scanReport, withoutSessionsIn } from '../support/time-limit-fixtures.js';

const FULL = '20261101T020000Z-00000001';
const PARTIAL = '20261102T020000Z-00000002';

function defaultText(report: AuditReport): string[] {
  const alerts = decideAlerts(report, { threshold: 'low' });
  return alerts.map((alert) => JSON.parse(alert.message).default as string);
}

describe('Function: decideAlerts (time limit)', () => {
  it('sends only SCAN_INCOMPLETE for a partial scan merged into latest.json: what was not reached, and how to pick it up', () => {
    // Prepare: the same account as the baseline; the time limit stopped before the sessionizer's stream.
    const previous = compareWithPrevious(scanReport(example, FULL), undefined);
    const report = mergePartialScan(previous, scanReport(withoutSessionsIn(), PARTIAL));

    // Act
    const alerts = decideAlerts(report, { threshold: 'low' });

    // Assess: nothing new, resolved or dropped; the carried verdicts alert nothing again. Critical:
    // the example's code artifacts cannot be scanned from a snapshot (ERROR, critical).
    expect(
      alerts.map((alert) => [alert.attributes.eventType, alert.attributes.severity, alert.subject]),
    ).toEqual([
      [
        'SCAN_INCOMPLETE',
        'critical',
        'kda-auditor: scan of account 111122223333 incomplete (time limit: 1 application not reached)',
      ],
    ]);
    const text = defaultText(report)[0] ?? '';
    expect(text.split('\n').slice(0, 1)).toEqual([
      'The scan of account 111122223333 is incomplete: time limit: 1 application not reached.',
    ]);
    expect(text).toContain(
      "Not reached before the time limit (1 read not started; left out of this scan's verdicts, never a pass):\n" +
        `- legacy-sessionizer (eu-west-1, verdicts of scan ${FULL} kept)\n` +
        'To pick them up: the next scheduled scan reads them first; to scan them now, invoke the scan function with {"continuation": true} (it scans what latest.json lists as not reached and merges the result into it).\n',
    );
    expect(text).not.toContain('Reads that failed');
  });

  it('says both when reads failed too, and caps the list of applications at 20', () => {
    // Prepare
    const partial = scanReport(withoutSessionsIn(), PARTIAL);
    const many = Array.from({ length: 23 }, (_, index) => ({
      applicationArn: `arn:aws:kinesisanalytics:eu-west-1:111122223333:application/app-${index}`,
      applicationName: `app-${index}`,
      region: 'eu-west-1',
    }));
    const report: AuditReport = {
      ...partial,
      notReached: { reason: 'TIME_LIMIT', reads: 40, regions: ['us-east-1'], applications: many },
      collectionErrors: [
        {
          operation: 'kms:DescribeKey',
          region: 'eu-west-1',
          code: 'AccessDeniedException',
          message: 'denied',
        },
      ],
    };

    // Act
    const [alert] = decideAlerts(report);

    // Assess
    const text = JSON.parse(alert?.message ?? '{}').default as string;
    expect(alert?.subject).toBe(
      'kda-auditor: scan of account 111122223333 incomplete (time limit: 23 applications not reached)',
    );
    expect(text.split('\n')[0]).toBe(
      'The scan of account 111122223333 is incomplete: time limit: 23 applications not reached, 1 read failed, 1 check could not verify (ERROR, never a pass).',
    );
    expect(text).toContain(
      "- app-19 (eu-west-1, no verdict yet)\n… and 3 more in the report's notReached.\n",
    );
    expect(text).not.toContain('- app-20 ');
    expect(text).toContain('Regions whose applications were not listed: us-east-1.');
    expect(text).toContain(
      'Reads that failed:\n- kms:DescribeKey in eu-west-1: AccessDeniedException, denied',
    );
  });
});
