import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/audit.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import { summaryTable } from '../../shared/report/summary-table.js';
import type { AuditReport } from '../../shared/report/types.js';
import { cliHarness, FIXED } from './cli-harness.js';

let harness: ReturnType<typeof cliHarness>;
beforeEach(() => {
  harness = cliHarness();
});
afterEach(() => harness.cleanup());

/** What a report decides, without how it was obtained (live scan or offline). */
function verdicts(report: AuditReport) {
  return report.applications.map((application) => ({
    name: application.applicationName,
    score: application.score,
    findings: application.findings.map((f) => `${f.checkId} ${f.status} ${f.resourceArn}`),
  }));
}

describe('Command: demo', () => {
  it('scans the demo account through the sandbox and reports what evaluating it offline reports', async () => {
    // Prepare
    const { report: offline } = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount }, {}, FIXED);

    // Act
    const result = await harness.run(['demo'], FIXED);

    // Assess
    expect(result.code).toBe(0);
    const written = JSON.parse(
      readFileSync(join(harness.cwd, 'reports/demo/report.json'), 'utf8'),
    ) as AuditReport;
    expect(written.source).toBe('live');
    expect(verdicts(written)).toEqual(verdicts(offline));
    expect(readFileSync(join(harness.cwd, 'reports/demo/report.md'), 'utf8')).toBe(renderMarkdown(written));
    expect(result.stdout).toBe(
      `${summaryTable(written)}\n` +
        'Report: reports/demo/report.json\n' +
        'Report: reports/demo/report.md\n' +
        'Report: reports/demo/report.html\n' +
        'Report: reports/demo/summary.md\n' +
        `Report: s3://kda-auditor-demo-reports/reports/111122223333/2026/11/29/${written.scanId}.json\n`,
    );
  });

  it('shows the SNS alert the scan published in the sandbox', async () => {
    // Act
    const result = await harness.run(['demo'], FIXED);

    // Assess
    expect(result.stderr).toContain(
      'SNS alert published to arn:aws:sns:eu-west-1:111122223333:kda-auditor-demo-alerts:\n  Subject: kda-auditor:',
    );
    expect(result.stderr).toContain(
      'Report written to s3://kda-auditor-demo-reports/reports/111122223333/2026/11/29/',
    );
  });

  it('writes to the directory given with --out', async () => {
    // Act
    const result = await harness.run(['demo', '--out', 'out/tour'], FIXED);

    // Assess
    expect(result.stdout).toContain('Report: out/tour/report.json\nReport: out/tour/report.md\n');
    expect(JSON.parse(readFileSync(join(harness.cwd, 'out/tour/report.json'), 'utf8')).accountId).toBe(
      '111122223333',
    );
  });

  it('tells on stderr what the demo account is, one line per application', async () => {
    // Act
    const result = await harness.run(['demo'], FIXED);

    // Assess
    expect(result.stderr.split('\n').slice(0, 8)).toEqual([
      'Demo: a fictional account (111122223333) with 7 applications, served by the local sandbox.',
      '  payments-aggregator: clean: scoped role, encrypted streams and bucket, logging, CloudTrail',
      '  fraud-scorer: AdministratorAccess role, BASIC (long-term) credentials in runtime properties, a live access key in its JAR',
      '  clickstream-sessionizer: unencrypted source stream and a Firehose sink with SSE off',
      '  inventory-snapshots: code bucket without a TLS-only policy, SSE-S3 only, and a key pending deletion',
      '  orders-router: trust policy without aws:SourceAccount/SourceArn, role shared with legacy-sql-alerts',
      '  legacy-sql-alerts: region without CloudTrail, logging disabled, discontinued SQL-1_0 runtime',
      '  partner-feed-loader: a key the scan could not read (AccessDenied): its checks are ERROR, never PASS',
    ]);
  });

  it('returns 3 when the report cannot be written, and stops the sandbox', async () => {
    // Prepare: a file where the output directory should go
    await harness.run(['demo', '--out', 'taken'], FIXED);

    // Act
    const result = await harness.run(['demo', '--out', 'taken/report.json'], FIXED);

    // Assess
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /kda-auditor demo failed: Error: EEXIST: file already exists, mkdir '.*taken\/report\.json'\n$/,
    );
  });
});
