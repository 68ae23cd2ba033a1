import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccount } from '../../sandbox/generator/generate-account.js';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { type AuditRequest, runAudit } from '../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import { readPreviousReport } from '../../shared/publish/read-previous-report.js';
import type { AuditReport } from '../../shared/report/types.js';

// Integration: the real scanner against the sandbox, with a clock that moves one millisecond each
// time it is read. Reads stop once the clock has been read `k` times: a deterministic "mid-scan"
// without a timed assertion. Every read (callAws) looks at the clock, so a full scan's count of
// readings measures the whole scan.
const T0 = Date.parse('2026-11-29T02:00:00Z');
const REGIONS = ['eu-west-1', 'us-east-1'];
const BUCKET = 'kda-auditor-time-limit';
const snapshot = generateAccount({ applications: 24, regions: 2, seed: 11 });

function sandboxClients(sandbox: Sandbox): ClientFactory {
  return createClientFactory({
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    // The machine is shared: a reset connection is retried as the SDK does in production.
    maxAttempts: 3,
    env: {},
  });
}

// What a verdict is, whoever judged it; without `detail`, as a narrower scan words some of them
// ("used by no other of the 21 application(s) scanned").
function verdicts(report: AuditReport, withDetail = true): Map<string, unknown> {
  return new Map(
    report.applications.map((application) => [
      application.applicationArn,
      application.findings.map(({ checkId, severity, status, resourceArn, detail }) => ({
        checkId,
        severity,
        status,
        resourceArn,
        ...(withDetail ? { detail } : {}),
      })),
    ]),
  );
}

describe('Reliability: Lambda time limit', { timeout: 240_000 }, () => {
  let sandbox: Sandbox;
  let clients: ClientFactory;
  let scans = 0;

  /** One scan; with `k`, reads stop after the clock was read k times. */
  async function scan(request: AuditRequest, k?: number, deliver = false) {
    let readings = 0;
    const clock = () => new Date(T0 + readings++);
    const progress: string[] = [];
    scans += 1;
    const result = await runAudit(
      { regions: REGIONS, dryRun: !deliver, ...request },
      { kind: 'live', clients, ...(k !== undefined ? { deadline: new Date(T0 + k) } : {}) },
      deliver
        ? { region: 'eu-west-1', reportBucket: BUCKET, reportPrefix: 'reports' }
        : { region: 'eu-west-1' },
      {
        clock,
        newScanId: () => `20261129T0${scans}0000Z-0000000${scans}`,
        progress: (line) => progress.push(line),
      },
    );
    return { report: result.report, readings, progress };
  }

  let full: AuditReport;
  let readingsOfFullScan: number;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, latencyMs: 2 });
    clients = sandboxClients(sandbox);
    await clients.s3('eu-west-1').send(new CreateBucketCommand({ Bucket: BUCKET }));
    // A deadline never reached: the same scan as none, and how often it reads the clock.
    const measured = await scan({}, 1e12);
    full = measured.report;
    readingsOfFullScan = measured.readings;
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it('judges what it reached exactly as a full scan does, leaves the rest out and lists it, wherever the deadline falls', async () => {
    // Prepare
    const expected = verdicts(full);
    expect(full.complete).toBe(true);
    expect(expected.size).toBe(24);

    // Act
    const partials = [];
    for (const share of [0.2, 0.6, 0.9, 0.95, 0.99]) {
      partials.push((await scan({}, Math.floor(readingsOfFullScan * share))).report);
    }

    // Assess
    for (const partial of partials) {
      const judged = verdicts(partial);
      const missed = partial.notReached?.applications.map((application) => application.applicationArn) ?? [];
      expect({
        complete: partial.complete,
        reason: partial.notReached?.reason,
        errors: partial.collectionErrors,
      }).toEqual({
        complete: false,
        reason: 'TIME_LIMIT',
        errors: [],
      });
      expect(partial.notReached?.reads).toBeGreaterThan(0);
      // Every application is judged or listed, never both, never lost.
      expect([...judged.keys(), ...missed].sort()).toEqual([...expected.keys()].sort());
      // Never a verdict (PASS or any other) that a full scan would not give.
      for (const [arn, findings] of judged) expect(findings).toEqual(expected.get(arn));
    }
    // The deadline fell mid-scan at least once: some applications judged, some not.
    expect(
      partials.some((partial) => partial.applications.length > 0 && partial.applications.length < 24),
    ).toBe(true);
  });

  it('moves latest.json to the partial scan merged with the previous one, reads the rest first next time, and a continuation completes it', async () => {
    // Prepare: the nightly baseline.
    const baseline = (await scan({}, undefined, true)).report;

    // Act 1: a scan stopped by its time limit.
    const partial = (await scan({}, Math.floor(readingsOfFullScan * 0.9), true)).report;
    const latest = await readPreviousReport(
      clients.s3('eu-west-1'),
      { bucket: BUCKET, prefix: 'reports' },
      baseline.accountId,
    );

    // Assess 1: nothing looks deleted, resolved or new; the account is scored as before.
    const missed = partial.notReached?.applications ?? [];
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((application) => application.judgedIn === baseline.scanId)).toBe(true);
    expect(partial.changes?.counts).toMatchObject({ new: 0, regressed: 0, resolved: 0 });
    expect({ score: partial.score, applications: partial.summary.applications }).toEqual({
      score: baseline.score,
      applications: 24,
    });
    expect(verdicts(partial)).toEqual(verdicts(baseline));
    expect(latest.status === 'found' ? latest.report : undefined).toEqual(partial);

    // Act 2: the next scan (a dry run given latest.json), stopped at the same point, starts with what was missed.
    const next = await scan({ previous: latest }, Math.floor(readingsOfFullScan * 0.9));

    // Assess 2
    expect(next.progress).toContain(`Reading first ${missed.length} application(s) not reached last time.`);

    // Act 3: the continuation scans what latest.json lists as not reached, merged into it.
    const continued = (
      await scan(
        {
          regions: [...new Set(missed.map((application) => application.region))],
          applications: missed.map((application) => application.applicationArn),
          continuation: true,
        },
        undefined,
        true,
      )
    ).report;

    // Assess 3: the picture is whole again, with the baseline's verdicts and score.
    expect({ complete: continued.complete, notReached: continued.notReached }).toEqual({
      complete: true,
      notReached: undefined,
    });
    expect(verdicts(continued, false)).toEqual(verdicts(baseline, false));
    expect(continued.score).toBe(baseline.score);
    expect(continued.changes?.counts).toMatchObject({ new: 0, regressed: 0, resolved: 0 });
  });
});
