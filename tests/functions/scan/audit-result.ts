import type { AuditResult } from '../../../shared/audit.js';
import type { AuditReport } from '../../../shared/report/types.js';

/** A small audit report whose summary numbers are given, for tests of what reads them. */
export function auditReport(overrides: Partial<AuditReport> = {}): AuditReport {
  return {
    schemaVersion: '2.0.0',
    scanId: '20261129T020000Z-0a1b2c3d',
    accountId: '111122223333',
    partition: 'aws',
    startedAt: '2026-11-29T02:00:00.000Z',
    completedAt: '2026-11-29T02:00:04.000Z',
    complete: true,
    source: 'live',
    scope: { regions: 'all', applications: 'all', evaluatedRegions: ['eu-west-1'] },
    score: 62,
    grade: 'D',
    summary: {
      applications: 2,
      findings: { PASS: 20, FAIL: 3, ERROR: 1, NOT_APPLICABLE: 4, MUTED: 0 },
      failures: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
    },
    applications: [],
    collectionErrors: [],
    ...overrides,
  };
}

/** An audit result around `auditReport()`, optionally written and alerted. */
export function auditResult(
  options: { written?: boolean; alerted?: boolean; report?: AuditReport } = {},
): AuditResult {
  const report = options.report ?? auditReport();
  const dated = `reports/${report.accountId}/2026/11/29/${report.scanId}`;
  return {
    report,
    snapshot: { snapshotVersion: 1, accountId: report.accountId },
    ...(options.written
      ? {
          reportLocation: {
            bucket: 'kda-auditor-reports',
            key: `${dated}.json`,
            markdownKey: `${dated}.md`,
            htmlKey: `${dated}.html`,
            latestKey: `reports/${report.accountId}/latest.json`,
            uri: `s3://kda-auditor-reports/${dated}.json`,
          },
        }
      : {}),
    alerts: options.alerted
      ? [
          {
            subject: 'kda-auditor: 2 new critical/high findings in orders (111122223333)',
            message: '{"default":"…"}',
            attributes: {
              severity: 'critical',
              accountId: report.accountId,
              region: 'eu-west-1',
              application: 'orders',
              eventType: 'NEW_FINDINGS',
            },
          },
        ]
      : [],
    ...(options.alerted ? { alertMessageIds: ['5a1b7c2d-0000-4000-8000-000000000001'] } : {}),
  };
}
