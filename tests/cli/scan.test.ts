import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinesisAnalyticsV2Client, ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usage } from '../../cli/usage.js';
import type { runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { FileArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { PublishError, ScanFailedError } from '../../shared/errors.js';
import { summaryTable } from '../../shared/report/summary-table.js';
import { auditResult } from '../functions/scan/audit-result.js';
import { cliHarness, FIXED } from './cli-harness.js';

let harness: ReturnType<typeof cliHarness>;
beforeEach(() => {
  harness = cliHarness();
});
afterEach(() => harness.cleanup());

const clients = createClientFactory({ env: {} });

describe('Command: scan', () => {
  it('scans every region by default and prints the table', async () => {
    // Prepare
    const result = auditResult();
    const audit = vi.fn<typeof runAudit>(async () => result);

    // Act
    const run = await harness.run(['scan'], { runAudit: audit, clients });

    // Assess
    expect(audit).toHaveBeenCalledWith(
      { regions: 'all' },
      { kind: 'live', clients, codeArtifacts: {} },
      { clients },
      { progress: expect.any(Function) },
    );
    expect(run).toEqual({ code: 0, stdout: `${summaryTable(result.report)}\n`, stderr: '' });
  });

  it('passes scope and publishing flags to the audit and prints where the report went', async () => {
    // Prepare
    const result = auditResult({ written: true, alerted: true });
    const audit = vi.fn<typeof runAudit>(async () => result);

    // Act
    const run = await harness.run(
      [
        'scan',
        '--regions',
        'eu-west-1,us-east-1',
        '--applications',
        'orders',
        '--bucket',
        'kda-auditor-reports',
        '--prefix',
        'audits',
        '--topic',
        'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
        '--alert-threshold',
        'critical',
        '--max-code-mb',
        '128',
        '--artifact-cache',
        'cache',
      ],
      { runAudit: audit, clients },
      { AWS_REGION: 'eu-west-1' },
    );

    // Assess
    expect(audit).toHaveBeenCalledWith(
      { regions: ['eu-west-1', 'us-east-1'], applications: ['orders'] },
      {
        kind: 'live',
        clients,
        codeArtifacts: { maxBytes: 128 * 1024 * 1024, cache: expect.any(FileArtifactScanCache) },
      },
      {
        clients,
        reportBucket: 'kda-auditor-reports',
        region: 'eu-west-1',
        reportPrefix: 'audits',
        topicArn: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
        alertThreshold: 'critical',
      },
      { progress: expect.any(Function) },
    );
    expect(run.stdout).toBe(
      `${summaryTable(result.report)}\nReport: s3://kda-auditor-reports/reports/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d.json\n`,
    );
  });

  it('saves the collected snapshot and writes the local report', async () => {
    // Prepare
    const result = auditResult();
    const audit = vi.fn<typeof runAudit>(async () => result);

    // Act
    const run = await harness.run(['scan', '--save-snapshot', 'snapshots/account.json', '--out', 'out'], {
      runAudit: audit,
      clients,
    });

    // Assess
    expect(run.code).toBe(0);
    expect(
      run.stdout.endsWith(
        'Report: out/report.json\nReport: out/report.md\nReport: out/report.html\nReport: out/summary.md\n',
      ),
    ).toBe(true);
    expect(JSON.parse(readFileSync(join(harness.cwd, 'snapshots/account.json'), 'utf8'))).toEqual(
      result.snapshot,
    );
    expect(JSON.parse(readFileSync(join(harness.cwd, 'out/report.json'), 'utf8'))).toEqual(result.report);
  });

  it('returns 1 when a check fails at --fail-on or worse', async () => {
    // Prepare
    const audit = vi.fn<typeof runAudit>(async () => auditResult());

    // Act
    const run = await harness.run(['scan', '--fail-on', 'high'], { runAudit: audit, clients });

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('2 check(s) failed at severity high or worse (--fail-on high).\n');
  });

  it('returns 3 when the Security Hub export asked for failed, after printing the table', async () => {
    // Prepare
    const result = {
      ...auditResult(),
      securityHubProblem:
        'Could not import 3 findings into Security Hub (InvalidAccessException: not enabled).',
    };
    const audit = vi.fn<typeof runAudit>(async () => result);

    // Act
    const run = await harness.run(
      ['scan', '--security-hub'],
      { runAudit: audit, clients },
      { AWS_REGION: 'eu-west-1' },
    );

    // Assess
    expect(run).toEqual({ code: 3, stdout: `${summaryTable(result.report)}\n`, stderr: '' });
  });

  it('returns 2 for --bucket without a region to find it in, before any AWS call', async () => {
    // Prepare
    const audit = vi.fn<typeof runAudit>(async () => auditResult());

    // Act
    const run = await harness.run(['scan', '--bucket', 'kda-auditor-reports'], { runAudit: audit, clients });

    // Assess
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `kda-auditor scan: --bucket: set AWS_REGION to the region of bucket kda-auditor-reports\n\n${usage('scan')}`,
    });
    expect(audit).not.toHaveBeenCalled();
  });

  it.each([
    {
      error: new ScanFailedError(
        'Could not identify the AWS account; check that AWS credentials are configured.',
      ),
      stderr:
        'kda-auditor scan failed: ScanFailedError: Could not identify the AWS account; check that AWS credentials are configured.\n',
    },
    {
      error: new PublishError('Could not write to bucket kda-auditor-reports: grant s3:PutObject.'),
      stderr:
        'kda-auditor scan failed: PublishError: Could not write to bucket kda-auditor-reports: grant s3:PutObject.\n',
    },
  ])('returns 3 when the scan fails with $error.name', async ({ error, stderr }) => {
    // Prepare
    const audit = vi.fn<typeof runAudit>(async () => {
      throw error;
    });

    // Act
    const run = await harness.run(['scan'], { runAudit: audit, clients });

    // Assess
    expect(run).toEqual({ code: 3, stdout: '', stderr });
  });

  describe('against a mocked AWS account', () => {
    const sts = mockClient(STSClient);
    const kda = mockClient(KinesisAnalyticsV2Client);
    const s3control = mockClient(S3ControlClient);
    beforeEach(() => {
      sts.reset();
      kda.reset();
      s3control.reset();
    });
    afterAll(() => {
      sts.restore();
      kda.restore();
      s3control.restore();
    });

    it('scans a live account end to end through the AWS SDK', async () => {
      // Prepare
      sts.on(GetCallerIdentityCommand).resolves({
        Account: '111122223333',
        Arn: 'arn:aws:sts::111122223333:assumed-role/auditor/cli',
        UserId: 'AROAEXAMPLEAUDITOR01:cli',
      });
      kda.on(ListApplicationsCommand).resolves({ ApplicationSummaries: [] });
      s3control.onAnyCommand().resolves({});

      // Act
      const run = await harness.run(['scan', '--regions', 'eu-west-1', '--out', 'out'], {
        ...FIXED,
        clients: createClientFactory({ env: {} }),
      });

      // Assess
      const report = JSON.parse(readFileSync(join(harness.cwd, 'out/report.json'), 'utf8'));
      expect(run).toEqual({
        code: 0,
        stdout: `${summaryTable(report)}\nReport: out/report.json\nReport: out/report.md\nReport: out/report.html\nReport: out/summary.md\n`,
        stderr: expect.stringContaining('Account 111122223333 (aws).'),
      });
      expect({
        accountId: report.accountId,
        source: report.source,
        applications: report.applications,
      }).toEqual({
        accountId: '111122223333',
        source: 'live',
        applications: [],
      });
      expect(kda).toHaveReceivedCommandWith(ListApplicationsCommand, {});
    });
  });
});

describe('Command: scan --time-limit', () => {
  it('gives the audit the instant no read may start any more: now plus the limit', async () => {
    // Prepare
    const audit = vi.fn<typeof runAudit>(async () => auditResult());

    // Act
    const run = await harness.run(['scan', '--time-limit', '600'], { runAudit: audit, clients, ...FIXED });

    // Assess
    expect(run.code).toBe(0);
    expect(audit.mock.calls[0]?.[1]).toEqual({
      kind: 'live',
      clients,
      codeArtifacts: {},
      deadline: new Date('2026-11-29T02:10:00.000Z'),
    });
  });

  it('refuses a limit that is not a whole number of seconds, before any read', async () => {
    // Prepare
    const audit = vi.fn<typeof runAudit>(async () => auditResult());

    // Act
    const run = await harness.run(['scan', '--time-limit', '10m'], { runAudit: audit, clients });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--time-limit: "10m" is not a whole number from 1 to 604800');
    expect(audit).not.toHaveBeenCalled();
  });
});
