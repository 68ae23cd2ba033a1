import { readFileSync } from 'node:fs';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { type ReauditResult, runReaudit } from '../../shared/live/run-reaudit.js';
import type { CloudTrailChangeEvent } from '../../shared/live/types.js';
import type { AuditReport } from '../../shared/report/types.js';
import { LIVE_BUCKET, LIVE_PREFIX, LIVE_REGION, startLiveSandbox } from '../support/live-sandbox.js';

// Integration: the real re-audit against the sandbox, with a clock that moves one millisecond each
// time it is read, so a deadline k ms after the start stops reads after k readings: a deterministic
// "mid-re-audit" without a timed assertion (as tests/reliability/time-limit.test.ts does for scans).
const T0 = Date.parse('2026-11-29T14:00:10Z');
const ACCOUNT = demoAccount.accountId;
const REGION = LIVE_REGION;
const BUCKET = LIVE_BUCKET;
const PREFIX = LIVE_PREFIX;
const LATEST = `${PREFIX}/${ACCOUNT}/latest.json`;
const ORDERS_IN = `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/orders-in`;
const ORDERS_ROUTER = `arn:aws:kinesisanalytics:eu-west-1:${ACCOUNT}:application/orders-router`;
const LEGACY = `arn:aws:kinesisanalytics:us-east-1:${ACCOUNT}:application/legacy-sql-alerts`;
// The stream's event plans both applications (one per region); the bucket's plans neither.
const STOP_ENCRYPTION = JSON.parse(
  readFileSync(new URL('../../events/live/kinesis-StopStreamEncryption.json', import.meta.url), 'utf8'),
) as CloudTrailChangeEvent;
const UNRELATED = {
  ...STOP_ENCRYPTION,
  detail: {
    ...STOP_ENCRYPTION.detail,
    requestParameters: { streamARN: `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/nobody-reads-it` },
  },
};

/** The demo account after its orders-in stream lost its encryption. */
function withoutStreamEncryption() {
  const snapshot = structuredClone(demoAccount);
  for (const stream of snapshot.regions?.[REGION]?.streams ?? []) {
    if (stream.StreamARN !== ORDERS_IN) continue;
    stream.EncryptionType = 'NONE';
    delete stream.KeyId;
  }
  return snapshot;
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A sandbox serving the changed account, with the nightly baseline of the demo account written. */
async function liveAccount() {
  const {
    sandbox: running,
    clients,
    topicArn,
    outputs,
  } = await startLiveSandbox(withoutStreamEncryption(), {
    maxAttempts: 3,
  });
  sandbox = running;
  const latest = async () => {
    const response = await clients.s3(REGION).send(new GetObjectCommand({ Bucket: BUCKET, Key: LATEST }));
    return JSON.parse((await response.Body?.transformToString('utf-8')) ?? '') as AuditReport;
  };
  /** One re-audit of the burst; with `k`, reads stop after the clock was read k times. */
  const reaudit = async (k?: number) => {
    let readings = 0;
    const result = await runReaudit([STOP_ENCRYPTION, UNRELATED], {
      ...outputs,
      topicArn,
      clock: () => new Date(T0 + readings++),
      ...(k !== undefined ? { deadline: new Date(T0 + k) } : {}),
      newScanId: () => `20261129T1400${String(k ?? 99).padStart(2, '0')}Z-0a1b2c3d`,
    });
    return { result, readings };
  };
  return { sandbox: running, latest, reaudit };
}

// What a verdict is, whoever judged it.
function verdicts(report: AuditReport, arn: string) {
  return report.applications
    .find((application) => application.applicationArn === arn)
    ?.findings.map(({ checkId, status, resourceArn }) => ({ checkId, status, resourceArn }));
}

function judgedBy(result: ReauditResult): string[] {
  return result.status === 'reaudited' ? (result.report.reaudit?.applications ?? []) : [];
}

describe('Function: runReaudit (time limit)', { timeout: 240_000 }, () => {
  it('judges what it reached, keeps the previous verdicts of the rest and returns the events to retry, wherever the deadline falls', async () => {
    // Prepare: a re-audit with no deadline reached, and how often it reads the clock.
    const whole = await liveAccount();
    const baseline = await whole.latest();
    const full = await whole.reaudit(1e12);
    const fullLatest = await whole.latest();
    expect({ status: full.result.status, judged: judgedBy(full.result).sort() }).toEqual({
      status: 'reaudited',
      judged: [ORDERS_ROUTER, LEGACY].sort(),
    });
    await whole.sandbox.close();

    // Act: the same burst, stopped at several points, each against a fresh baseline; dense near the
    // end, where a deadline falls between the two regions and one application is judged alone.
    const outcomes = [];
    for (const share of [0.3, 0.6, 0.9, 0.92, 0.94, 0.96, 0.98, 0.99]) {
      const live = await liveAccount();
      const { result } = await live.reaudit(Math.floor(full.readings * share));
      outcomes.push({ result, latest: await live.latest(), alerts: live.sandbox.state.messages.length });
      await live.sandbox.close();
    }

    // Assess
    for (const { result, latest, alerts } of outcomes) {
      const judged = judgedBy(result);
      const missed =
        result.status === 'ignored' || result.status === 'no-baseline'
          ? []
          : (result.notReached?.applications ?? []);
      // Every planned application is judged or returned, never both, never lost.
      expect([...judged, ...missed].sort()).toEqual([ORDERS_ROUTER, LEGACY].sort());
      // Only the stream's event (position 0) planned them: only it comes back.
      const retried =
        result.status === 'reaudited' || result.status === 'not-reached' ? result.notReached : undefined;
      expect(retried?.events).toEqual(missed.length > 0 ? [0] : undefined);
      // Judged as a full re-audit judges; not reached: the baseline's verdict, never a new one.
      for (const arn of judged) expect(verdicts(latest, arn)).toEqual(verdicts(fullLatest, arn));
      for (const arn of missed) expect(verdicts(latest, arn)).toEqual(verdicts(baseline, arn));
      // Nothing judged: nothing written, nothing sent.
      if (result.status === 'not-reached')
        expect({ latest, alerts }).toEqual({ latest: baseline, alerts: 0 });
      // The baseline missed nothing: what latest.json lists as not reached is the re-audit's misses
      // it wrote, each shown with the baseline's verdict (nothing written: nothing listed).
      const written = result.status === 'reaudited' ? missed : [];
      expect(baseline.notReached).toBeUndefined();
      expect(
        latest.notReached?.applications.map(({ applicationArn, judgedIn }) => ({ applicationArn, judgedIn })),
      ).toEqual(
        written.length > 0
          ? written.map((applicationArn) => ({ applicationArn, judgedIn: baseline.scanId }))
          : undefined,
      );
    }
    // The deadline left something unjudged at least once.
    expect(outcomes.some(({ result }) => result.status !== 'reaudited' || result.notReached)).toBe(true);
  });

  it('judges on the retry what the first attempt did not reach', async () => {
    // Prepare: a first attempt that reached nothing but the account and the region lists.
    const live = await liveAccount();
    const baseline = await live.latest();
    const { readings } = await live.reaudit(1e12);
    await live.sandbox.close();
    const fresh = await liveAccount();
    const first = await fresh.reaudit(Math.floor(readings * 0.3));
    const missed =
      first.result.status === 'reaudited' || first.result.status === 'not-reached'
        ? (first.result.notReached?.applications ?? [])
        : [];
    expect(missed.length).toBeGreaterThan(0);

    // Act: the messages come back, with time enough.
    const retry = await fresh.reaudit();

    // Assess
    const latest = await fresh.latest();
    expect({
      status: retry.result.status,
      judged: judgedBy(retry.result),
      complete: latest.complete,
    }).toEqual({
      status: 'reaudited',
      judged: [ORDERS_ROUTER, LEGACY].sort(),
      complete: baseline.complete,
    });
    expect(retry.result.status === 'reaudited' ? retry.result.notReached : 'not judged').toBeUndefined();
  });
});
