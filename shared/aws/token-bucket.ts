import type { RateLimit } from './request-quotas.js';

/** Time as the governor sees it; tests inject one that moves only when told to. */
export interface Timer {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemTimer: Timer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A multiplicative decrease of 30 % per throttle, as TCP and the SDK's adaptive mode do. */
const DECREASE_FACTOR = 0.7;
/** The rate never falls below 10 % of the configured one, so a throttling storm cannot stall a scan. */
const FLOOR_SHARE = 0.1;
/** Each success gives back 5 % of the configured rate: about six successes undo one decrease. */
const INCREASE_SHARE = 0.05;
/** Rounding slack: a refill computed to land on a whole token may land a hair below it. */
const WHOLE_TOKEN = 1 - 1e-9;

/** How an attempt ended, as far as its bucket cares. */
export type AttemptOutcome = 'ok' | 'throttled' | 'failed';

/**
 * A token bucket whose refill rate adapts to throttling (AIMD): a throttle cuts the rate by 30 %
 * and empties the bucket; each success raises the rate again, up to the configured one. Waiters
 * are served in arrival order. Each token is numbered, so a throttle of an attempt admitted before
 * the last decrease is recognised as the same congestion and does not cut the rate again.
 *
 * Attempts still in flight count against the bucket's size: the service counts a request when it
 * arrives, not when it was admitted here, and requests held up on the way (a busy event loop, a
 * slow network) would otherwise arrive together with the next burst and be throttled.
 */
export class AdaptiveTokenBucket {
  readonly limit: RateLimit;
  readonly #timer: Timer;
  readonly #floor: number;
  #rate: number;
  #tokens: number;
  #updatedAt: number;
  #issued = 0;
  #decreasedAfter = 0;
  #inFlight = 0;
  readonly #waiting: ((ticket: number) => void)[] = [];
  #pumping = false;
  #wakeOnAnswer: (() => void) | undefined;

  constructor(limit: RateLimit, timer: Timer) {
    this.limit = limit;
    this.#timer = timer;
    this.#floor = limit.rate * FLOOR_SHARE;
    this.#rate = limit.rate;
    this.#tokens = limit.burst;
    this.#updatedAt = timer.now();
  }

  /** The refill rate in force now (requests per second). */
  get rate(): number {
    return this.#rate;
  }

  /** Waits for a token; resolves with its number, which `settle` takes back when the attempt ends. */
  take(): Promise<number> {
    if (this.#waiting.length === 0 && this.#refill() >= WHOLE_TOKEN) return Promise.resolve(this.#issue());
    const ticket = new Promise<number>((resolve) => this.#waiting.push(resolve));
    if (!this.#pumping) void this.#pump();
    return ticket;
  }

  /**
   * The attempt holding `ticket` ended. Throttled: slow down, unless an earlier cut already covers
   * it. Succeeded: win back part of the rate lost to throttles.
   */
  settle(ticket: number, outcome: AttemptOutcome): void {
    this.#inFlight -= 1;
    this.#refill();
    if (outcome === 'throttled') this.#slowDown(ticket);
    else if (outcome === 'ok') this.#speedUp();
    const wake = this.#wakeOnAnswer;
    this.#wakeOnAnswer = undefined;
    wake?.();
  }

  #slowDown(ticket: number): void {
    if (ticket <= this.#decreasedAfter) return;
    this.#refill();
    this.#rate = Math.max(this.#floor, this.#rate * DECREASE_FACTOR);
    // The service's own bucket is empty: saved-up tokens would only buy more throttles.
    this.#tokens = Math.min(this.#tokens, 0);
    this.#decreasedAfter = this.#issued;
  }

  #speedUp(): void {
    if (this.#rate >= this.limit.rate) return;
    this.#refill();
    this.#rate = Math.min(this.limit.rate, this.#rate + this.limit.rate * INCREASE_SHARE);
  }

  #issue(): number {
    this.#tokens -= 1;
    this.#issued += 1;
    this.#inFlight += 1;
    return this.#issued;
  }

  // Lazily: what the rate would have added since the last look, up to the bucket's size less the
  // attempts in flight. Whatever their delays on the way, the requests reaching the service in any
  // span are then at most those in flight at its start plus the tokens it refills: within the burst.
  #refill(): number {
    const now = this.#timer.now();
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    const room = this.limit.burst - this.#inFlight;
    this.#tokens = Math.min(room, this.#tokens + elapsed * this.#rate);
    this.#updatedAt = now;
    return this.#tokens;
  }

  // One loop per bucket hands out tokens as they refill, so waiters cost one timer, not one each.
  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#waiting.length > 0) {
        const tokens = this.#refill();
        if (tokens >= WHOLE_TOKEN) {
          const next = this.#waiting.shift();
          next?.(this.#issue());
        } else if (this.#inFlight >= this.limit.burst) {
          // Every token is out on an attempt: only an answer can make room.
          await new Promise<void>((wake) => {
            this.#wakeOnAnswer = wake;
          });
        } else {
          await this.#timer.sleep(((1 - tokens) / this.#rate) * 1000);
        }
      }
    } finally {
      this.#pumping = false;
    }
  }
}
