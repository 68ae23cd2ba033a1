import { describe, expect, it } from 'vitest';
import { CallGovernor } from '../../shared/aws/governor.js';
import { sdkCall, serviceError, virtualTime } from './support/virtual-time.js';

const STREAMS = 'kinesis:ListStreams';
const BUCKET = `${STREAMS}|eu-west-1`;
const throttle = () => serviceError('LimitExceededException');

/** A governor sending ListStreams at 10/s (burst 1) on virtual time. */
function governorAt10PerSecond(random = () => 0.5) {
  const time = virtualTime();
  const governor = new CallGovernor(
    { quotaShare: 1, rates: { [STREAMS]: { rate: 10, burst: 1 } } },
    { timer: time.timer, random },
  );
  return { time, governor };
}

describe('Class: CallGovernor', () => {
  describe('Method: run (throttles)', () => {
    it('cuts the rate by 30 % when an attempt is throttled, and waits longer for the next token', async () => {
      // Prepare
      const { time, governor } = governorAt10PerSecond();
      const sent: number[] = [];

      // Act
      const value = governor.run(STREAMS, 'eu-west-1', sdkCall(time.timer, sent, [throttle()], 2));
      await time.settle();

      // Assess: the retry waits 1/7 s, not 1/10 s; its success wins back 5 % of the rate
      expect(await value).toBe('ok');
      expect(sent.map(Math.round)).toEqual([0, 143]);
      expect(governor.rates()).toEqual({ [BUCKET]: 7.5 });
      expect(governor.traffic()).toEqual({ [STREAMS]: { calls: 1, attempts: 2, throttles: 1 } });
      expect(governor.throttles()).toBe(1);
    });

    it('cuts once for attempts that were all sent before the cut (one congestion, one decrease)', async () => {
      // Prepare
      const time = virtualTime();
      const governor = new CallGovernor(
        { quotaShare: 1, rates: { [STREAMS]: { rate: 10, burst: 3 } } },
        { timer: time.timer },
      );
      const sends = [0, 1, 2].map(() => sdkCall(time.timer, [], [throttle()], 1));

      // Act
      const all = Promise.allSettled(sends.map((send) => governor.run(STREAMS, 'eu-west-1', send)));
      await time.settle();
      await all;

      // Assess: three throttles met, the rate cut once before the retries (each then won back 0.5)
      expect(governor.throttles()).toBe(3);
      expect(governor.rates()[BUCKET]).toBeCloseTo(7 + 3 * 0.5);
    });

    it('wins the configured rate back with successes, and never goes above it', async () => {
      // Prepare
      const { time, governor } = governorAt10PerSecond();
      const sent: number[] = [];
      const send = sdkCall(time.timer, sent, [throttle()], 2);

      // Act
      for (let call = 0; call < 10; call += 1) {
        const done = governor.run(STREAMS, 'eu-west-1', send);
        await time.settle();
        await done;
      }

      // Assess
      expect(governor.rates()).toEqual({ [BUCKET]: 10 });
    });

    it('never slows a bucket below 10 % of its rate', async () => {
      // Prepare
      const { time, governor } = governorAt10PerSecond();
      const send = sdkCall(time.timer, [], Array.from({ length: 30 }, throttle), 10);

      // Act
      const done = governor.run(STREAMS, 'eu-west-1', send).catch((error: unknown) => error);
      await time.settle();
      await done;

      // Assess
      expect(governor.rates()).toEqual({ [BUCKET]: 1 });
    });

    it('tries a call still throttled after its retries twice more, after a jittered backoff', async () => {
      // Prepare
      const { time, governor } = governorAt10PerSecond(() => 0.5);
      const sent: number[] = [];

      // Act
      const value = governor.run(
        STREAMS,
        'eu-west-1',
        sdkCall(time.timer, sent, [throttle(), throttle()], 1),
      );
      await time.settle();

      // Assess: backoffs of 0.5 × 1 s then 0.5 × 2 s; the third try gets through
      expect(await value).toBe('ok');
      expect(sent.map(Math.round)).toEqual([0, 500, 1500]);
      expect(governor.traffic()).toEqual({ [STREAMS]: { calls: 1, attempts: 3, throttles: 2 } });
    });

    it('fails with the throttle when the call stays throttled, so the collector records an error', async () => {
      // Prepare
      const { time, governor } = governorAt10PerSecond();
      const send = sdkCall(time.timer, [], Array.from({ length: 9 }, throttle), 3);

      // Act
      const failure = governor.run(STREAMS, 'eu-west-1', send).catch((error: unknown) => error);
      await time.settle();

      // Assess: three tries of three attempts, then the service's own error
      expect(await failure).toMatchObject({ name: 'LimitExceededException' });
      expect(governor.traffic()).toEqual({ [STREAMS]: { calls: 1, attempts: 9, throttles: 9 } });
    });

    it('does not try again a call that failed otherwise, or whose throttle no attempt met', async () => {
      // Prepare
      const { time, governor } = governorAt10PerSecond();
      const denied = sdkCall(time.timer, [], [serviceError('AccessDeniedException')], 1);
      // A mocked client: the error does not come from an attempt through the gate.
      const mocked = async () => {
        throw throttle();
      };

      // Act
      const outcomes = Promise.allSettled([
        governor.run(STREAMS, 'eu-west-1', denied),
        governor.run('kms:DescribeKey', 'eu-west-1', mocked),
      ]);
      await time.settle();

      // Assess
      expect((await outcomes).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(governor.traffic()).toEqual({
        'kms:DescribeKey': { calls: 1, attempts: 0, throttles: 0 },
        [STREAMS]: { calls: 1, attempts: 1, throttles: 0 },
      });
    });

    it('recognises the throttles of every service (by name, or by HTTP 429)', async () => {
      // Prepare
      const { time, governor } = governorAt10PerSecond();
      const answers = [
        'ThrottlingException',
        'Throttling',
        'ThrottledException',
        'RequestLimitExceeded',
        'SlowDown',
        'TooManyRequestsException',
        'LimitExceededException',
      ].map((name) => serviceError(name));
      const send = sdkCall(time.timer, [], [...answers, serviceError('Unnamed', 429)], 8);

      // Act
      const done = governor.run(STREAMS, 'eu-west-1', send);
      await time.settle();
      await done;

      // Assess
      expect(governor.throttles()).toBe(8);
    });
  });
});
