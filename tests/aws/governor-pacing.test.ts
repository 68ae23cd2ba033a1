import { describe, expect, it } from 'vitest';
import { attemptGateMiddleware } from '../../shared/aws/attempt-gate.js';
import { CallGovernor } from '../../shared/aws/governor.js';
import { sdkCall, virtualTime } from './support/virtual-time.js';

type Call = readonly [api: string, region: string];

/** Sends `calls` at once through `governor` and returns when each one's attempt went out (ms). */
async function sendTimes(
  governor: CallGovernor,
  time: ReturnType<typeof virtualTime>,
  calls: readonly Call[],
) {
  const sent = calls.map(() => [] as number[]);
  const all = Promise.all(
    calls.map(([api, region], i) => governor.run(api, region, sdkCall(time.timer, sent[i] ?? []))),
  );
  await time.settle();
  await all;
  return sent.map((times) => times[0]);
}

const repeat = (count: number, call: Call): Call[] => Array.from({ length: count }, () => call);

describe('Class: CallGovernor', () => {
  describe('Method: run (pacing)', () => {
    it('sends a burst at once, then one attempt per 1/rate seconds', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'kinesis:ListStreams': { rate: 5, burst: 2 } } },
        { timer: time.timer },
      );

      // Act
      const sent = await sendTimes(governor, time, repeat(6, ['kinesis:ListStreams', 'eu-west-1']));

      // Assess
      expect(sent).toEqual([0, 0, 200, 400, 600, 800]);
    });

    it('paces at the documented rate by default, with a bucket one request short of its burst (Firehose: 5/s, burst 5)', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor({}, { timer: time.timer });

      // Act
      const sent = await sendTimes(
        governor,
        time,
        repeat(6, ['firehose:DescribeDeliveryStream', 'eu-west-1']),
      );

      // Assess: a bucket of 4 (5 less one), refilled at 5/s
      expect(sent.map((ms) => Math.round(ms ?? Number.NaN))).toEqual([0, 0, 0, 0, 200, 400]);
    });

    it('draws operations of a shared quota from one bucket (STS: 600/s for all its APIs)', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor({ quotaShare: 1 }, { timer: time.timer });

      // Act
      const sent = await sendTimes(governor, time, [
        ...repeat(300, ['sts:GetCallerIdentity', 'eu-west-1']),
        ...repeat(301, ['sts:AssumeRole', 'eu-west-1']),
      ]);

      // Assess: 600 fill the bucket; the 601st, whatever its API, waits for a refill
      expect(sent.filter((ms) => ms === 0)).toHaveLength(600);
      expect(sent[600]).toBeCloseTo(1000 / 600);
    });

    it('gives each operation of a per-operation quota a bucket of its own', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'cloudtrail:GetTrailStatus': { rate: 1, burst: 1 } } },
        { timer: time.timer },
      );

      // Act
      const sent = await sendTimes(governor, time, [
        ...repeat(2, ['cloudtrail:GetTrailStatus', 'eu-west-1']),
        ...repeat(10, ['cloudtrail:DescribeTrails', 'eu-west-1']),
      ]);

      // Assess
      expect(sent).toEqual([0, 1000, ...Array.from({ length: 10 }, () => 0)]);
    });

    it('keeps a bucket per region, and one for IAM whatever the region named', async () => {
      // Prepare
      const time = virtualTime();
      const limited = { rate: 1, burst: 1 };
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'kinesis:ListStreams': limited, 'iam:GetRole': limited } },
        { timer: time.timer },
      );

      // Act
      const sent = await sendTimes(governor, time, [
        ['kinesis:ListStreams', 'eu-west-1'],
        ['kinesis:ListStreams', 'us-east-1'],
        ['iam:GetRole', 'global'],
        ['iam:GetRole', 'us-east-1'],
      ]);

      // Assess
      expect(sent).toEqual([0, 0, 0, 1000]);
    });

    it('honours a quota that differs by region (SNS topic APIs: 3,000/s in us-east-1, 30/s elsewhere)', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor({ quotaShare: 1 }, { timer: time.timer });

      // Act
      const sent = await sendTimes(governor, time, [
        ...repeat(31, ['sns:GetTopicAttributes', 'us-east-1']),
        ...repeat(31, ['sns:GetTopicAttributes', 'ap-east-1']),
      ]);

      // Assess
      expect(sent.slice(0, 31).every((ms) => ms === 0)).toBe(true);
      expect(sent[61]).toBeCloseTo(1000 / 30);
    });

    it('paces an operation the quota table does not list at 10/s', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor({ quotaShare: 1 }, { timer: time.timer });

      // Act
      const sent = await sendTimes(
        governor,
        time,
        repeat(12, ['s3control:GetPublicAccessBlock', 'eu-west-1']),
      );

      // Assess
      expect(sent.slice(10)).toEqual([100, 200]);
    });

    it("paces an unlisted operation of a listed service at the service's lowest quota (IAM: 20/s)", async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor({ quotaShare: 1 }, { timer: time.timer });

      // Act
      const sent = await sendTimes(governor, time, repeat(22, ['iam:ListAccessKeys', 'global']));

      // Assess
      expect(sent.slice(20)).toEqual([50, 100]);
    });

    it('counts S3 operations by request class, as S3 does', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 's3:GET/HEAD': { rate: 1, burst: 1 } } },
        { timer: time.timer },
      );

      // Act
      const sent = await sendTimes(governor, time, [
        ['s3:GetObject', 'eu-west-1'],
        ['s3:HeadObject', 'eu-west-1'],
      ]);

      // Assess
      expect(sent).toEqual([0, 1000]);
    });

    it('never has more attempts in flight than its bucket holds, so delayed requests cannot pile up', async () => {
      // Prepare: plenty of rate, a bucket of 2, and answers that wait until the test releases them
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'kms:DescribeKey': { rate: 1000, burst: 2 } } },
        { timer: time.timer },
      );
      const answers: (() => void)[] = [];
      let sent = 0;
      const slowCall = attemptGateMiddleware<object, object>(async () => {
        sent += 1;
        await new Promise<void>((resolve) => answers.push(resolve));
        return { output: {}, response: {} };
      });

      // Act
      const all = Promise.all(
        Array.from({ length: 5 }, () =>
          governor.run('kms:DescribeKey', 'eu-west-1', () => slowCall({ input: {}, request: {} })),
        ),
      );
      await time.settle();
      const sentWhileTwoInFlight = sent;
      answers.shift()?.();
      await time.settle();
      const sentAfterOneAnswer = sent;
      while (answers.length > 0) {
        for (const answer of answers.splice(0)) answer();
        await time.settle();
      }
      await all;

      // Assess
      expect([sentWhileTwoInFlight, sentAfterOneAnswer, sent]).toEqual([2, 3, 5]);
    });

    it('counts an attempt in flight against its bucket until it is answered', async () => {
      // Prepare: a bucket of 1 at 10/s, and a first request answered only after 500 ms
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'kms:DescribeKey': { rate: 10, burst: 1 } } },
        { timer: time.timer },
      );
      const sent: number[] = [];
      const attempt = attemptGateMiddleware<object, object>(async () => {
        sent.push(time.now());
        if (sent.length === 1) await time.timer.sleep(500);
        return { output: {}, response: {} };
      });

      // Act
      const all = Promise.all(
        [1, 2].map(() =>
          governor.run('kms:DescribeKey', 'eu-west-1', () => attempt({ input: {}, request: {} })),
        ),
      );
      await time.settle();
      await all;

      // Assess: not at 100 ms, when the first request may still be on its way to the service
      expect(sent).toEqual([0, 500]);
    });

    it('does not refill the token of an attempt still in flight, however long it has been out', async () => {
      // Prepare: a bucket of 2 at 10/s; the first request is answered only after 1 s
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'kms:DescribeKey': { rate: 10, burst: 2 } } },
        { timer: time.timer },
      );
      const sent: number[] = [];
      const attempt = attemptGateMiddleware<object, object>(async () => {
        sent.push(time.now());
        if (sent.length === 1) await time.timer.sleep(1000);
        return { output: {}, response: {} };
      });
      const call = () =>
        governor.run('kms:DescribeKey', 'eu-west-1', () => attempt({ input: {}, request: {} }));

      // Act: two more calls at 500 ms, while the first is still out
      const all = Promise.all([call(), time.timer.sleep(500).then(() => Promise.all([call(), call()]))]);
      await time.settle();
      await all;

      // Assess: one token at 500 ms, the next refilled 100 ms later, never three out at once
      expect(sent).toEqual([0, 500, 600]);
    });

    it('takes a token for every attempt, retries included', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'kms:DescribeKey': { rate: 10, burst: 1 } } },
        { timer: time.timer },
      );
      const sent: number[] = [];
      const failure = Object.assign(new Error('internal'), { name: 'InternalFailure' });

      // Act
      const value = governor.run(
        'kms:DescribeKey',
        'eu-west-1',
        sdkCall(time.timer, sent, [failure, failure], 3),
      );
      await time.settle();

      // Assess
      expect(await value).toBe('ok');
      expect(sent).toEqual([0, 100, 200]);
      expect(governor.traffic()).toEqual({ 'kms:DescribeKey': { calls: 1, attempts: 3, throttles: 0 } });
    });

    it('asks mayStart once the first attempt has its token, and sends nothing when it refuses', async () => {
      // Prepare: a bucket of 1 at 1/s; the second call gets its token 1 s later, past a deadline at 500 ms
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { 'firehose:DescribeDeliveryStream': { rate: 1, burst: 1 } } },
        { timer: time.timer },
      );
      const sent: number[] = [];
      const send = () => sdkCall(time.timer, sent)();
      const mayStart = () => {
        if (time.now() >= 500) throw new Error('past the deadline');
      };

      // Act
      const outcomes = Promise.allSettled(
        [1, 2].map(() => governor.run('firehose:DescribeDeliveryStream', 'eu-west-1', send, mayStart)),
      );
      await time.settle();

      // Assess: the refused call was never sent, so it is no call of the scan's
      expect((await outcomes).map(({ status }) => status)).toEqual(['fulfilled', 'rejected']);
      expect(sent).toEqual([0]);
      expect(governor.traffic()).toEqual({
        'firehose:DescribeDeliveryStream': { calls: 1, attempts: 1, throttles: 0 },
      });
      expect(governor.stats()).toEqual({ 'firehose:DescribeDeliveryStream': 1 });
    });

    it('counts nothing for an API whose only call was refused before it was sent', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor({}, { timer: time.timer });
      const sent: number[] = [];
      const refuse = () => {
        throw new Error('past the deadline');
      };

      // Act
      const outcome = governor.run('kms:DescribeKey', 'eu-west-1', sdkCall(time.timer, sent), refuse).then(
        () => 'sent',
        (error: Error) => error.message,
      );
      await time.settle();

      // Assess
      expect(await outcome).toBe('past the deadline');
      expect([sent, governor.traffic(), governor.stats()]).toEqual([[], {}, {}]);
    });
  });
});
