import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usage } from '../../cli/usage.js';
import { runAudit } from '../../shared/audit.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import { summaryTable } from '../../shared/report/summary-table.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { auditReport, auditResult } from '../functions/scan/audit-result.js';
import { cliHarness, FIXED } from './cli-harness.js';

let harness: ReturnType<typeof cliHarness>;
beforeEach(() => {
  harness = cliHarness();
});
afterEach(() => harness.cleanup());

/** A small account with one application and nothing else: enough for the pipeline to judge. */
function snapshot(): AccountSnapshot {
  return {
    snapshotVersion: 1,
    accountId: '111122223333',
    collectedAt: '2026-11-29T02:00:00Z',
    regions: {
      'eu-west-1': {
        applications: [
          {
            ApplicationARN: 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/orders',
            ApplicationName: 'orders',
            RuntimeEnvironment: 'FLINK-1_20',
          },
        ],
      },
    },
  };
}

function writeSnapshot(name: string, content: string): string {
  writeFileSync(join(harness.cwd, name), content);
  return name;
}

describe('Command: evaluate', () => {
  it('judges the snapshot, prints the table, writes --out and returns 0', async () => {
    // Prepare
    const file = writeSnapshot('account.json', JSON.stringify(snapshot()));
    const { report } = await runAudit({}, { kind: 'snapshot', snapshot: snapshot() }, {}, FIXED);

    // Act
    const result = await harness.run(['evaluate', '--snapshot', file, '--out', 'out'], FIXED);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${summaryTable(report)}\nReport: out/report.json\nReport: out/report.md\nReport: out/report.html\nReport: out/summary.md\n`,
    );
    expect(JSON.parse(readFileSync(join(harness.cwd, 'out/report.json'), 'utf8'))).toEqual(report);
    expect(readFileSync(join(harness.cwd, 'out/report.md'), 'utf8')).toBe(renderMarkdown(report));
  });

  it('passes the scope flags to the audit', async () => {
    // Prepare
    const file = writeSnapshot('account.json', JSON.stringify(snapshot()));
    const audit = vi.fn<typeof runAudit>(async () => auditResult());

    // Act
    await harness.run(
      ['evaluate', '--snapshot', file, '--regions', 'eu-west-1', '--applications', 'orders'],
      {
        runAudit: audit,
      },
    );

    // Assess
    expect(audit).toHaveBeenCalledWith(
      { regions: ['eu-west-1'], applications: ['orders'] },
      { kind: 'snapshot', snapshot: snapshot() },
      {},
      { progress: expect.any(Function) },
    );
  });

  it.each([
    {
      failOn: 'critical',
      code: 1,
      stderr: '1 check(s) failed at severity critical or worse (--fail-on critical).\n',
    },
    {
      failOn: 'medium',
      code: 1,
      stderr: '3 check(s) failed at severity medium or worse (--fail-on medium).\n',
    },
  ])('returns $code when a check fails at --fail-on $failOn or worse', async ({ failOn, code, stderr }) => {
    // Prepare
    const file = writeSnapshot('account.json', JSON.stringify(snapshot()));
    const audit = vi.fn<typeof runAudit>(async () => auditResult());

    // Act
    const result = await harness.run(['evaluate', '--snapshot', file, '--fail-on', failOn], {
      runAudit: audit,
    });

    // Assess
    expect(result.code).toBe(code);
    expect(result.stderr.endsWith(stderr)).toBe(true);
  });

  it('returns 0 when nothing fails at --fail-on or worse', async () => {
    // Prepare
    const file = writeSnapshot('account.json', JSON.stringify(snapshot()));
    const clean = auditReport({
      summary: {
        applications: 1,
        findings: { PASS: 9, FAIL: 1, ERROR: 0, NOT_APPLICABLE: 0, MUTED: 0 },
        failures: { critical: 0, high: 0, medium: 0, low: 1, info: 0 },
      },
    });
    const audit = vi.fn<typeof runAudit>(async () => auditResult({ report: clean }));

    // Act
    const result = await harness.run(['evaluate', '--snapshot', file, '--fail-on', 'medium'], {
      runAudit: audit,
    });

    // Assess
    expect(result).toEqual({ code: 0, stdout: `${summaryTable(clean)}\n`, stderr: expect.any(String) });
  });

  it('returns 2 without --snapshot', async () => {
    // Act
    const result = await harness.run(['evaluate']);

    // Assess
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `kda-auditor evaluate: --snapshot: name the account snapshot file to evaluate\n\n${usage('evaluate')}`,
    });
  });

  it('returns 2 when the snapshot file cannot be read', async () => {
    // Act
    const result = await harness.run(['evaluate', '--snapshot', 'missing.json']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^kda-auditor evaluate: --snapshot: cannot read .*missing\.json \(ENOENT: /,
    );
  });

  it('returns 2 when the snapshot file is not JSON', async () => {
    // Prepare
    const file = writeSnapshot('broken.json', '{ "snapshotVersion": 1,');

    // Act
    const result = await harness.run(['evaluate', '--snapshot', file]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^kda-auditor evaluate: .*broken\.json is not valid JSON: /);
  });

  it('returns 2 listing what makes the snapshot invalid', async () => {
    // Prepare
    const file = writeSnapshot('wrong.json', JSON.stringify({ snapshotVersion: 2, accountId: '1234' }));

    // Act
    const result = await harness.run(['evaluate', '--snapshot', file]);

    // Assess
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'kda-auditor evaluate: Not a valid account snapshot (format version 1):\n' +
        '  snapshotVersion: snapshotVersion must be 1 (the only version this tool reads)\n' +
        '  accountId: accountId must be a 12-digit AWS account id\n',
    });
  });

  it('returns 3 when the report cannot be written', async () => {
    // Prepare
    const file = writeSnapshot('account.json', JSON.stringify(snapshot()));
    mkdirSync(join(harness.cwd, 'out'));
    writeFileSync(join(harness.cwd, 'out/blocked'), 'a file, not a directory');

    // Act
    const result = await harness.run(['evaluate', '--snapshot', file, '--out', 'out/blocked'], FIXED);

    // Assess
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/kda-auditor evaluate failed: Error: EEXIST: .*out\/blocked'\n$/);
  });
});
