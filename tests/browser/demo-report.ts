import { demoAccount } from '../../shared/demo/demo-account.js';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import { buildReport } from '../../shared/report/build-report.js';
import type { AuditReport, ReportApplication, ReportFinding, TrendPoint } from '../../shared/report/types.js';

/** The demo account's report with a history: trends, changes, one suppressed finding and one resolved. */

const SCAN_DATES = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'];

/**
 * The demo account's report, as runAudit builds it from the snapshot (evaluate, then build the
 * report), at a fixed time and scan id; without runAudit's outputs, which need none of this.
 */
export function demoReport(): AuditReport {
  const collectionErrors = demoAccount.collectionErrors ?? [];
  return buildReport(evaluateAccount(demoAccount, {}), {
    scanId: '20261129T020000Z-demo',
    startedAt: new Date('2026-11-29T02:00:00Z'),
    completedAt: new Date('2026-11-29T02:00:04Z'),
    complete: collectionErrors.length === 0,
    source: 'snapshot',
    scope: {},
    collectionErrors,
  });
}

/**
 * The demo report as a nightly scan after five earlier ones would write it: a score trend per
 * application, every FAIL marked NEW, REGRESSED or PERSISTING, one finding resolved, and the first
 * low-severity failure muted by a suppression rule (counts adjusted to match).
 */
export function demoReportWithHistory(): AuditReport {
  const report = demoReport();
  const applications = report.applications.map((application, position) => withHistory(application, position));
  const muted = mute(applications);
  const all = applications.flatMap((application) => application.findings);
  const count = (change: ReportFinding['change']) =>
    all.filter((finding) => finding.change === change).length;
  const first = applications[0];
  return {
    ...report,
    summary: muted
      ? {
          ...report.summary,
          findings: { ...report.summary.findings, FAIL: report.summary.findings.FAIL - 1, MUTED: 1 },
          failures: { ...report.summary.failures, low: report.summary.failures.low - 1 },
        }
      : report.summary,
    applications,
    changes: {
      previousScanId: '20261128T020000Z-demo',
      previousCompletedAt: '2026-11-28T02:00:04.000Z',
      counts: {
        new: count('NEW'),
        persisting: count('PERSISTING'),
        regressed: count('REGRESSED'),
        resolved: 1,
      },
      resolved: first
        ? [
            {
              fingerprint: '0123456789abcdef0123456789abcdef',
              checkId: 'kinesis-stream-encrypted',
              severity: 'high',
              title: 'Kinesis data streams are encrypted at rest',
              resourceArn: `arn:aws:kinesis:${first.region}:${report.accountId}:stream/demo-old-input`,
              applicationArn: first.applicationArn,
              applicationName: first.applicationName,
              region: first.region,
            },
          ]
        : [],
    },
    suppressions: {
      source: 'suppressions.yaml',
      rules: 2,
      applied: muted ? 1 : 0,
      expired: [
        {
          ruleId: 'legacy-exception',
          line: 12,
          expires: '2026-10-31',
          justification: 'Legacy pipeline retired in Q4.',
        },
      ],
    },
  };
}

function withHistory(application: ReportApplication, position: number): ReportApplication {
  const current = application.score ?? 0;
  // Earlier scores wander around the current one, with one dip, so each sparkline has a shape.
  const trend: TrendPoint[] = SCAN_DATES.map((date, scan) => ({
    scanId: `${date.replaceAll('-', '')}T020000Z-demo`,
    completedAt: `${date}T02:00:04.000Z`,
    score: Math.max(0, Math.min(100, current + ((position + scan) % 3) * 8 - (scan === 2 ? 20 : 0))),
  }));
  trend.push({
    scanId: '20261129T020000Z-demo',
    completedAt: '2026-11-29T02:00:04.000Z',
    score: application.score,
  });
  let failures = 0;
  const findings = application.findings.map((finding): ReportFinding => {
    if (finding.status !== 'FAIL') return finding;
    failures += 1;
    const change = (['NEW', 'PERSISTING', 'PERSISTING', 'REGRESSED'] as const)[(position + failures) % 4];
    return { ...finding, change: change ?? 'PERSISTING' };
  });
  return { ...application, trend, findings };
}

/** Mutes the first low-severity FAIL in place; returns whether there was one. */
function mute(applications: ReportApplication[]): boolean {
  for (const [position, application] of applications.entries()) {
    const index = application.findings.findIndex((f) => f.status === 'FAIL' && f.severity === 'low');
    const finding = application.findings[index];
    if (!finding) continue;
    const { change: _change, ...rest } = finding;
    const findings = [...application.findings];
    findings[index] = {
      ...rest,
      status: 'MUTED',
      suppression: {
        ruleId: 'sessions-logging',
        justification: 'Logging is handled by the <sidecar> & reviewed monthly.',
        expires: '2027-03-31',
        source: 'suppressions.yaml',
        line: 3,
      },
    };
    const { summary } = application;
    applications[position] = {
      ...application,
      findings,
      summary: {
        findings: { ...summary.findings, FAIL: summary.findings.FAIL - 1, MUTED: summary.findings.MUTED + 1 },
        failures: { ...summary.failures, low: summary.failures.low - 1 },
      },
    };
    return true;
  }
  return false;
}
