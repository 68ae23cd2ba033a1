import { describe, expect, it } from 'vitest';
import { type AlertMessage, composeAlert } from '../../shared/alert/alert-message.js';
import type { AlertPayload } from '../../shared/alert/alert-payload.js';
import { decideAlerts } from '../../shared/alert/decide-alerts.js';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { buildReport } from '../../shared/report/build-report.js';
import {
  ACCOUNT_ID,
  accountEvaluation,
  applicationEvaluation,
  findings,
  reportMeta,
} from '../support/audit-builders.js';

const SNS_LIMIT = 256 * 1024;

/** What SNS counts against its limit: message, subject, and attribute names, types and values. */
function publishedBytes(alert: AlertMessage): number {
  const attributes = Object.entries(alert.attributes).map(([name, value]) => `${name}String${value}`);
  return [alert.message, alert.subject, ...attributes].reduce(
    (sum, text) => sum + Buffer.byteLength(text),
    0,
  );
}

function payloadOf(alert: AlertMessage): AlertPayload {
  return JSON.parse((JSON.parse(alert.message) as { lambda: string }).lambda) as AlertPayload;
}

describe('Function: composeAlert', () => {
  it('returns every variant with all findings when they fit', () => {
    // Act
    const alert = composeAlert(
      {
        eventType: 'SCAN_FAILED',
        accountId: ACCOUNT_ID,
        severity: 'high',
        scanId: 'scan-1',
        score: null,
        grade: null,
        subject: 'kda-auditor: scan failed',
        summary: 'It failed.',
        facts: [],
        findings: [],
      },
      SNS_LIMIT,
    );

    // Assess
    const text = `It failed.\n\nAccount: ${ACCOUNT_ID}\nAccount not scored\nScan: scan-1\nFull report: not written (no report bucket configured)\n`;
    const payload = JSON.stringify({
      version: 1,
      eventType: 'SCAN_FAILED',
      accountId: ACCOUNT_ID,
      severity: 'high',
      scanId: 'scan-1',
      score: null,
      grade: null,
      summary: 'It failed.',
      findings: [],
      moreFindings: 0,
    });
    expect(alert).toEqual({
      subject: 'kda-auditor: scan failed',
      message: JSON.stringify({
        default: text,
        email: `${text}\n--\nkda-auditor alerts only on what changed: a finding already reported in the previous scan is not repeated.\n`,
        lambda: payload,
        sqs: payload,
        http: payload,
        https: payload,
      }),
      attributes: {
        severity: 'high',
        accountId: ACCOUNT_ID,
        region: '*',
        application: '*',
        eventType: 'SCAN_FAILED',
      },
    });
  });
});

describe('Function: decideAlerts (size)', () => {
  it('returns messages within the limit however many and however long the findings, pointing to the report', () => {
    // Prepare: 3,000 new critical failures with 5,000-character details (about 30 MB as JSON), one
    // application; then all of them resolved by deleting it
    const failing = applicationEvaluation(
      'orders',
      findings(3_000, { status: 'FAIL', severity: 'critical', detail: 'é"\\'.repeat(1_700) }).map(
        (finding, index) => ({
          ...finding,
          checkId: `check-${index}`,
        }),
      ),
    );
    const first = compareWithPrevious(buildReport(accountEvaluation([failing]), reportMeta()), undefined);
    const second = compareWithPrevious(
      buildReport(
        accountEvaluation([]),
        reportMeta({
          scanId: 'scan-2',
          complete: false,
          collectionErrors: Array.from({ length: 5_000 }, (_, index) => ({
            operation: 'kms:DescribeKey',
            resource: `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/${index}`,
            code: 'AccessDenied',
            message: 'x'.repeat(2_000),
          })),
        }),
      ),
      first,
    );

    // Act
    const alerts = [...decideAlerts(first), ...decideAlerts(second)];

    // Assess
    expect(alerts.map((alert) => alert.attributes.eventType)).toEqual([
      'NEW_FINDINGS',
      'RESOLVED',
      'SCAN_INCOMPLETE',
    ]);
    const [created, resolved] = alerts.map(payloadOf);
    expect(
      [created, resolved].map((payload) => payload && payload.findings.length + payload.moreFindings),
    ).toEqual([3_000, 3_000]);
    for (const alert of alerts) {
      const variants = JSON.parse(alert.message) as Record<string, string>;
      expect(publishedBytes(alert)).toBeLessThanOrEqual(240 * 1024);
      expect(Object.keys(variants)).toEqual(['default', 'email', 'lambda', 'sqs', 'http', 'https']);
    }
    const variants = JSON.parse(alerts[0]?.message ?? '{}') as Record<string, string>;
    expect([
      created?.findings.length,
      variants.default?.endsWith(`… and ${3_000 - 20} more findings: see the full report.\n`),
    ]).toEqual([25, true]);
  });

  it('returns messages within a small limit by listing fewer findings', () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([
        applicationEvaluation(
          'orders',
          findings(200, { status: 'FAIL', severity: 'high', detail: 'd'.repeat(400) }),
        ),
      ]),
      reportMeta(),
    );

    // Act
    const [alert] = decideAlerts(report, { maxMessageBytes: 16 * 1024 });

    // Assess
    const payload = alert ? payloadOf(alert) : undefined;
    expect([
      alert && publishedBytes(alert) <= 16 * 1024,
      payload && payload.findings.length + payload.moreFindings,
      payload && payload.findings.length < 25,
    ]).toEqual([true, 200, true]);
  });
});
