import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/audit.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import { summaryTable } from '../../shared/report/summary-table.js';
import { cliHarness, FIXED } from './cli-harness.js';

let harness: ReturnType<typeof cliHarness>;
beforeEach(() => {
  harness = cliHarness();
});
afterEach(() => harness.cleanup());

/** The report the demo should produce: the real pipeline over the demo account. */
async function expectedReport() {
  const { report } = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount }, {}, FIXED);
  return report;
}

describe('Command: demo', () => {
  it('prints the summary table and where the report went, writes it to reports/demo and returns 0', async () => {
    // Prepare
    const report = await expectedReport();

    // Act
    const result = await harness.run(['demo'], FIXED);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${summaryTable(report)}\nReport: reports/demo/report.json\nReport: reports/demo/report.md\n`,
    );
    expect(JSON.parse(readFileSync(join(harness.cwd, 'reports/demo/report.json'), 'utf8'))).toEqual(report);
    expect(readFileSync(join(harness.cwd, 'reports/demo/report.md'), 'utf8')).toBe(renderMarkdown(report));
  });

  it('writes to the directory given with --out', async () => {
    // Act
    const result = await harness.run(['demo', '--out', 'out/tour'], FIXED);

    // Assess
    expect(result.stdout.endsWith('Report: out/tour/report.json\nReport: out/tour/report.md\n')).toBe(true);
    expect(JSON.parse(readFileSync(join(harness.cwd, 'out/tour/report.json'), 'utf8')).accountId).toBe(
      '111122223333',
    );
  });

  it('tells on stderr what the demo account is, one line per application', async () => {
    // Act
    const result = await harness.run(['demo'], FIXED);

    // Assess
    expect(result.stderr.split('\n').slice(0, 8)).toEqual([
      'Demo: a fictional account (111122223333) with 7 applications, no AWS call.',
      '  payments-aggregator: clean: scoped role, encrypted streams and bucket, logging, CloudTrail',
      '  fraud-scorer: AdministratorAccess role and BASIC (long-term) credentials in runtime properties',
      '  clickstream-sessionizer: unencrypted source stream and a Firehose sink with SSE off',
      '  inventory-snapshots: code bucket without a TLS-only policy, SSE-S3 only, and a key pending deletion',
      '  orders-router: trust policy without aws:SourceAccount/SourceArn, role shared with legacy-sql-alerts',
      '  legacy-sql-alerts: region without CloudTrail, logging disabled, discontinued SQL-1_0 runtime',
      '  partner-feed-loader: a key the scan could not read (AccessDenied): its checks are ERROR, never PASS',
    ]);
  });

  it('returns 3 when the report cannot be written', async () => {
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
