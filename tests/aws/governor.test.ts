import { describe, expect, it } from 'vitest';
import { CallGovernor } from '../../shared/aws/governor.js';
import { InvalidRequestError } from '../../shared/errors.js';

/** A call that stays in flight until the test releases it, recording how many run at once. */
function gate() {
  let running = 0;
  let peak = 0;
  let finished = 0;
  const releases: (() => void)[] = [];
  const call = () =>
    new Promise<string>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      releases.push(() => {
        running -= 1;
        finished += 1;
        resolve('done');
      });
    });
  const releaseAll = async (total: number) => {
    // Released calls free slots that waiting calls take; keep releasing until all have finished.
    while (finished < total) {
      for (const release of releases.splice(0)) release();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { call, releaseAll, peak: () => peak };
}

describe('Class: CallGovernor', () => {
  describe('Method: run', () => {
    it('returns the value of the call', async () => {
      // Prepare
      const governor = new CallGovernor();

      // Act
      const value = await governor.run('kms:DescribeKey', 'eu-west-1', async () => 'key');

      // Assess
      expect(value).toBe('key');
    });

    it('runs at most 50 calls of one API in one region at once by default', async () => {
      // Prepare
      const governor = new CallGovernor();
      const calls = gate();

      // Act
      const all = Promise.all(
        Array.from({ length: 60 }, () => governor.run('kms:DescribeKey', 'eu-west-1', calls.call)),
      );
      await calls.releaseAll(60);

      // Assess
      expect(await all).toEqual(Array.from({ length: 60 }, () => 'done'));
      expect(calls.peak()).toBe(50);
    });

    it('honours a per-API limit', async () => {
      // Prepare
      const governor = new CallGovernor({ default: 4, perApi: { 'iam:GetRole': 2 } });
      const roles = gate();
      const keys = gate();

      // Act
      const all = Promise.all([
        ...Array.from({ length: 6 }, () => governor.run('iam:GetRole', 'global', roles.call)),
        ...Array.from({ length: 6 }, () => governor.run('kms:DescribeKey', 'eu-west-1', keys.call)),
      ]);
      await Promise.all([roles.releaseAll(6), keys.releaseAll(6)]);
      await all;

      // Assess
      expect([roles.peak(), keys.peak()]).toEqual([2, 4]);
    });

    it('limits each region separately', async () => {
      // Prepare
      const governor = new CallGovernor({ default: 1 });
      const calls = gate();

      // Act
      const all = Promise.all(
        ['eu-west-1', 'us-east-1', 'ap-south-1'].map((region) =>
          governor.run('kms:DescribeKey', region, calls.call),
        ),
      );
      await calls.releaseAll(3);
      await all;

      // Assess
      expect(calls.peak()).toBe(3);
    });

    it('frees the slot of a call that fails', async () => {
      // Prepare
      const governor = new CallGovernor({ default: 1 });
      const failure = new Error('throttled');

      // Act
      const failed = governor.run('kms:DescribeKey', 'eu-west-1', async () => {
        throw failure;
      });
      const next = governor.run('kms:DescribeKey', 'eu-west-1', async () => 'next');

      // Assess
      await expect(failed).rejects.toBe(failure);
      expect(await next).toBe('next');
    });
  });

  describe('Method: stats', () => {
    it('returns the number of calls per API, failed ones included', async () => {
      // Prepare
      const governor = new CallGovernor();
      await governor.run('kms:DescribeKey', 'eu-west-1', async () => 1);
      await governor.run('kms:DescribeKey', 'us-east-1', async () => 2);
      await governor
        .run('iam:GetRole', 'global', async () => {
          throw new Error('denied');
        })
        .catch(() => undefined);

      // Act
      const stats = governor.stats();

      // Assess
      expect(stats).toEqual({ 'iam:GetRole': 1, 'kms:DescribeKey': 2 });
    });
  });

  describe('Method: constructor', () => {
    it('throws InvalidRequestError naming every limit below 1', () => {
      // Act
      const build = () => new CallGovernor({ default: 0, perApi: { 'iam:GetRole': 1.5 } });

      // Assess
      expect(build).toThrow(
        new InvalidRequestError([
          'concurrency limit for default must be a whole number ≥ 1, got 0',
          'concurrency limit for iam:GetRole must be a whole number ≥ 1, got 1.5',
        ]),
      );
    });

    it('throws InvalidRequestError naming every invalid rate and quota share', () => {
      // Act
      const build = () =>
        new CallGovernor({
          quotaShare: 1.2,
          rates: { ListStreams: { rate: 5, burst: 5 }, 'kms:DescribeKey': { rate: 0, burst: 0.5 } },
        });

      // Assess
      expect(build).toThrow(
        new InvalidRequestError([
          'quotaShare must be a fraction above 0 and at most 1 (0.95 = 95 % of each quota), got 1.2',
          'rate for "ListStreams": name an operation as service:Operation (kinesis:ListStreams)',
          'rate for "kms:DescribeKey": rate must be a number of requests per second above 0, got 0',
          'rate for "kms:DescribeKey": burst must be a whole number of requests ≥ 1, got 0.5',
        ]),
      );
    });
  });
});
