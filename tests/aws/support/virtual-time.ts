import { attemptGateMiddleware } from '../../../shared/aws/attempt-gate.js';
import type { Timer } from '../../../shared/aws/token-bucket.js';

/**
 * Time that moves only when the test lets it: `settle()` runs everything that can run, then jumps
 * the clock to the earliest pending sleep, until nothing is left waiting. No test sleeps for real.
 */
export function virtualTime() {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const timer: Timer = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
  };
  const drain = () => new Promise((resolve) => setImmediate(resolve));
  async function settle(): Promise<void> {
    await drain();
    while (sleepers.length > 0) {
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers.shift();
      if (!next) break;
      now = Math.max(now, next.at);
      next.wake();
      await drain();
    }
  }
  return { timer, settle, now: () => now };
}

/** A service error as the SDK raises it. */
export function serviceError(name: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(`${name} (test)`), { name, $metadata: { httpStatusCode } });
}

/**
 * An SDK call as the attempt gate sees it: each attempt passes through the real middleware and gets
 * the next of `answers` ('ok' once they run out; an Error is thrown, like a failed attempt); a
 * failed attempt is retried at once, as the SDK's retry loop would, up to `maxAttempts` per send.
 * Records in `sent` when each attempt went out.
 */
export function sdkCall(
  timer: Timer,
  sent: number[],
  answers: readonly ('ok' | Error)[] = [],
  maxAttempts = 1,
) {
  let used = 0;
  const attemptOnce = attemptGateMiddleware<object, { value: string }>(async () => {
    const answer = answers[used] ?? 'ok';
    used += 1;
    sent.push(timer.now());
    if (answer instanceof Error) throw answer;
    return { output: { value: answer }, response: {} };
  });
  return async function send(): Promise<string> {
    let lastError: unknown;
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      try {
        return (await attemptOnce({ input: {}, request: {} })).output.value;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  };
}
