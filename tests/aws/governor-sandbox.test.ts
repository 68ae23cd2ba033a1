import { ListKeysCommand } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAccount } from '../../sandbox/generator/generate-account.js';
import type { RateLimitsOption } from '../../sandbox/load/rate-limits.js';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import { CallGovernor } from '../../shared/aws/governor.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { manualClock } from '../sandbox/load/load-fixtures.js';

const REGION = 'eu-west-1';
const LIST_KEYS = 'kms:ListKeys';

describe('Class: CallGovernor, with real SDK clients against the sandbox', () => {
  let sandbox: Sandbox | undefined;
  let clients: ClientFactory | undefined;

  afterEach(async () => {
    clients?.kms(REGION).destroy();
    await sandbox?.close();
    sandbox = undefined;
    clients = undefined;
  });

  async function serve(rateLimits: RateLimitsOption, options: { clock?: () => number; maxAttempts: number }) {
    sandbox = await startSandbox({
      snapshot: demoAccount,
      rateLimits,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      maxAttempts: options.maxAttempts,
      env: {},
    });
    return { sandbox, kms: clients.kms(REGION) };
  }

  it('takes a token for every attempt the SDK sends, retries included, and counts the throttles', async () => {
    // Prepare: one token that never refills, so every attempt after the first is throttled
    const served = await serve(
      { [LIST_KEYS]: { rate: 1, burst: 1 } },
      { clock: manualClock().clock, maxAttempts: 2 },
    );
    const governor = new CallGovernor({}, { random: () => 0 });
    const listKeys = () => governor.run(LIST_KEYS, REGION, () => served.kms.send(new ListKeysCommand({})));

    // Act
    const first = await listKeys();
    const second = await listKeys().catch((error: unknown) => error);

    // Assess: the second call, tried three times (two attempts each), ends with KMS's throttle
    expect(first.Keys).toBeDefined();
    expect(second).toMatchObject({ name: 'ThrottlingException' });
    expect(governor.traffic()).toEqual({ [LIST_KEYS]: { calls: 2, attempts: 7, throttles: 6 } });
    const stats = served.sandbox.state.stats().operations[LIST_KEYS];
    expect([stats?.requests, stats?.throttled]).toEqual([7, 6]);
  });

  it('leaves calls made outside a governed run alone', async () => {
    // Prepare
    const served = await serve(
      { [LIST_KEYS]: { rate: 1, burst: 1 } },
      { clock: manualClock().clock, maxAttempts: 1 },
    );
    const governor = new CallGovernor();

    // Act
    await served.kms.send(new ListKeysCommand({}));

    // Assess
    expect(governor.traffic()).toEqual({});
    expect(served.sandbox.state.stats().operations[LIST_KEYS]?.requests).toBe(1);
  });

  it('paces calls at the quota without a throttle', async () => {
    // Prepare
    const quota = { rate: 20, burst: 2 };
    const served = await serve({ [LIST_KEYS]: quota }, { maxAttempts: 1 });
    const governor = new CallGovernor({ rates: { [LIST_KEYS]: quota } });

    // Act
    const calls = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        governor.run(LIST_KEYS, REGION, () => served.kms.send(new ListKeysCommand({}))),
      ),
    );

    // Assess
    expect(calls.map(({ status }) => status)).toEqual(Array.from({ length: 8 }, () => 'fulfilled'));
    expect(served.sandbox.state.stats().operations[LIST_KEYS]?.throttled ?? 0).toBe(0);
  });

  // Throttled attempts back off with jitter (the SDK's, then the governor's): seconds, not a timing claim.
  it('slows down to a quota lower than it was told, and every call still gets through', {
    timeout: 30_000,
  }, async () => {
    // Prepare: the account's quota is 4/s; the governor believes 40/s
    const served = await serve({ [LIST_KEYS]: { rate: 4, burst: 2 } }, { maxAttempts: 5 });
    const governor = new CallGovernor({ rates: { [LIST_KEYS]: { rate: 40, burst: 2 } } });

    // Act
    const calls = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        governor.run(LIST_KEYS, REGION, () => served.kms.send(new ListKeysCommand({}))),
      ),
    );

    // Assess
    expect(calls.map(({ status }) => status)).toEqual(Array.from({ length: 10 }, () => 'fulfilled'));
    expect(governor.throttles()).toBeGreaterThan(0);
    expect(governor.rates()[`${LIST_KEYS}|${REGION}`]).toBeLessThan(38);
  });
});

describe('Function: runAudit, live against the sandbox at AWS quotas', () => {
  it.for([
    ['the demo account', demoAccount],
    // 40 applications in one region: more DescribeApplication and Firehose calls than their bursts.
    ['a generated account beyond the bursts', generateAccount({ applications: 40, regions: 1, seed: 3 })],
  ] as const)('scans %s without meeting a throttle', { timeout: 60_000 }, async ([, account]) => {
    // Prepare
    const sandbox = await startSandbox({ snapshot: account, rateLimits: true, latencyMs: 20 });
    const governor = new CallGovernor();
    try {
      const clients = createClientFactory({
        endpoint: sandbox.endpoint,
        credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
        env: {},
      });

      // Act
      const { report } = await runAudit(
        { regions: Object.keys(account.regions ?? {}) },
        { kind: 'live', clients, governor },
      );

      // Assess
      expect(report.applications.length).toBeGreaterThan(0);
      expect([governor.throttles(), sandbox.state.stats().totals.throttled]).toEqual([0, 0]);
    } finally {
      await sandbox.close();
    }
  });
});
