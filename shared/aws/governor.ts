import { InvalidRequestError } from '../errors.js';
import { type AttemptGate, type AttemptOutcome, withAttemptGate } from './attempt-gate.js';
import { RatePlan, rateOptionProblems } from './rate-plan.js';
import type { RateLimit } from './request-quotas.js';
import { Semaphore } from './semaphore.js';
import { isThrottle } from './throttling.js';
import { AdaptiveTokenBucket, systemTimer, type Timer } from './token-bucket.js';
import { WireSlots } from './wire-slots.js';

/** Limits for AWS calls: request rates per quota (token buckets) and calls in flight per API and region. */
export interface CallLimits {
  /** Concurrent calls allowed for any (api, region) not named in `perApi`; 50 by default. */
  default?: number;
  /** Concurrent calls allowed per region for an API, by its operation name (`kms:DescribeKey`). */
  perApi?: Record<string, number>;
  /**
   * Request quotas that differ from AWS's documented ones (REQUEST_QUOTAS), by operation
   * (`kinesis:ListStreams`) or S3 request class (`s3:GET/HEAD`): a raised quota, or a lower one
   * to leave room for other callers in the account. Each is a bucket of its own.
   */
  rates?: Record<string, RateLimit>;
  /**
   * The share of each quota's rate and burst to send at, above 0 and at most 1. Absent: the full
   * rate, with a burst one request short of the quota's.
   */
  quotaShare?: number;
}

/** How the governor waits, and retries what stayed throttled; tests inject a timer and a random. */
export interface GovernorRuntime {
  timer?: Timer;
  /** Uniform in [0, 1): the jitter of the backoff before a throttled call is tried again. */
  random?: () => number;
  /** Attempts out at once, scan-wide; by default fewer while the event loop lags (WireSlots). */
  wire?: WireSlots;
}

/** What one operation cost: calls asked for, attempts sent (SDK retries included), throttles met. */
export interface OperationTraffic {
  calls: number;
  attempts: number;
  throttles: number;
}

/** Enough calls in flight per (api, region) that the rate, not the cap, is the limit: rate × latency. */
const DEFAULT_CONCURRENCY = 50;
/** Times a call is tried again, whole (with the SDK's retries each time), after it ended throttled. */
const THROTTLED_CALL_RETRIES = 2;
/** Backoff before those tries: full jitter up to 1 s, then 2 s ("exponential backoff and jitter"). */
const THROTTLED_CALL_BACKOFF_MS = 1000;

/**
 * The single place every AWS call of a scan passes through. Each attempt, SDK retries included,
 * takes a token from the bucket of its quota and place (region; IAM: global), sized from AWS's
 * documented quotas; a throttle slows that bucket down, successes bring it back. A call still
 * throttled after the SDK's retries is tried again after a jittered backoff, at most twice; then
 * its throttle is its failure, which the collector records as a collection error. Calls in flight
 * per (api, region) are capped too, to bound sockets and memory.
 */
export class CallGovernor {
  readonly #defaultLimit: number;
  readonly #perApi: Record<string, number>;
  readonly #plan: RatePlan;
  readonly #timer: Timer;
  readonly #random: () => number;
  readonly #wire: WireSlots;
  readonly #semaphores = new Map<string, Semaphore>();
  readonly #buckets = new Map<string, AdaptiveTokenBucket>();
  readonly #bucketByPlace = new Map<string, AdaptiveTokenBucket>();
  readonly #traffic = new Map<string, OperationTraffic>();

  constructor(limits: CallLimits = {}, runtime: GovernorRuntime = {}) {
    const all = { default: limits.default ?? DEFAULT_CONCURRENCY, ...limits.perApi };
    // A limit below 1 would stall every call of that API: refuse it when the governor is built.
    const problems = Object.entries(all)
      .filter(([, limit]) => !Number.isInteger(limit) || limit < 1)
      .map(([api, limit]) => `concurrency limit for ${api} must be a whole number ≥ 1, got ${limit}`);
    problems.push(...rateOptionProblems(limits));
    if (problems.length > 0) throw new InvalidRequestError(problems);
    this.#defaultLimit = all.default;
    this.#perApi = { ...limits.perApi };
    this.#plan = new RatePlan(limits);
    this.#timer = runtime.timer ?? systemTimer;
    this.#random = runtime.random ?? Math.random;
    this.#wire = runtime.wire ?? new WireSlots();
  }

  /**
   * Runs `call` once a slot for (api, region) is free, and counts it; every SDK attempt it makes
   * waits for a token of the operation's quota in `region` ('global' for IAM). `mayStart`, when
   * given, is asked once the first attempt has its token, just before it is sent: throwing there
   * (a time limit passed while the call waited) fails the call unsent.
   */
  async run<T>(api: string, region: string, call: () => Promise<T>, mayStart?: () => void): Promise<T> {
    this.#count(api).calls += 1;
    const semaphore = this.#semaphore(api, region);
    await semaphore.acquire();
    try {
      for (let retry = 0; ; retry += 1) {
        const gate = this.#gate(api, region, retry === 0 ? mayStart : undefined);
        try {
          return await withAttemptGate(gate, call);
        } catch (error) {
          // Only a throttle the governor saw on the wire is retried: an error thrown by anything
          // but an SDK attempt (a mocked client, a bug) is not the service asking to slow down.
          if (retry >= THROTTLED_CALL_RETRIES || gate.lastOutcome !== 'throttled' || !isThrottle(error)) {
            throw error;
          }
          await this.#timer.sleep(this.#random() * THROTTLED_CALL_BACKOFF_MS * 2 ** retry);
        }
      }
    } finally {
      semaphore.release();
    }
  }

  /** How many calls each API received so far: the `calls` of traffic(). */
  stats(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.traffic()).map(([api, { calls }]) => [api, calls]));
  }

  /** Calls, attempts and throttles per API so far; a call refused before it was sent is not one. */
  traffic(): Record<string, OperationTraffic> {
    return Object.fromEntries(
      [...this.#traffic.entries()]
        .filter(([, traffic]) => traffic.calls > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([api, traffic]) => [api, { ...traffic }]),
    );
  }

  /** Throttles met so far, all APIs together. */
  throttles(): number {
    return [...this.#traffic.values()].reduce((sum, { throttles }) => sum + throttles, 0);
  }

  /** The rate each bucket used so far sends at now (requests per second), by `quota|place`. */
  rates(): Record<string, number> {
    return Object.fromEntries(
      [...this.#buckets.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, bucket]) => [key, bucket.rate]),
    );
  }

  #gate(
    api: string,
    region: string,
    mayStart: (() => void) | undefined,
  ): AttemptGate & { lastOutcome?: AttemptOutcome } {
    const traffic = this.#count(api);
    const bucket = this.#bucket(api, region);
    let firstAttempt = true;
    // An attempt the SDK makes while this call's attempt is out (its credentials' sts:AssumeRole)
    // goes out without a slot of its own: the slot it would wait for may be held by its caller.
    let out = false;
    const gate: AttemptGate & { lastOutcome?: AttemptOutcome } = {
      admit: async () => {
        const ticket = await bucket.take();
        const slot = !out;
        if (slot) {
          await this.#wire.acquire(bucket.limit.rate);
          out = true;
        }
        const back = () => {
          if (!slot) return;
          out = false;
          this.#wire.release();
        };
        // Retries of a call already sent go on: only its first attempt may be refused.
        if (firstAttempt && mayStart) {
          try {
            mayStart();
          } catch (error) {
            back();
            bucket.settle(ticket, 'failed');
            // Never sent: it was counted when it was asked for, and is not a call the scan made.
            traffic.calls -= 1;
            throw error;
          }
        }
        firstAttempt = false;
        traffic.attempts += 1;
        return (outcome) => {
          gate.lastOutcome = outcome;
          if (outcome === 'throttled') traffic.throttles += 1;
          back();
          bucket.settle(ticket, outcome);
        };
      },
    };
    return gate;
  }

  #count(api: string): OperationTraffic {
    let traffic = this.#traffic.get(api);
    if (!traffic) {
      traffic = { calls: 0, attempts: 0, throttles: 0 };
      this.#traffic.set(api, traffic);
    }
    return traffic;
  }

  #bucket(api: string, region: string): AdaptiveTokenBucket {
    const place = `${api}|${region}`;
    const known = this.#bucketByPlace.get(place);
    if (known) return known;
    const { key, limit } = this.#plan.bucketFor(api, region);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new AdaptiveTokenBucket(limit, this.#timer);
      this.#buckets.set(key, bucket);
    }
    this.#bucketByPlace.set(place, bucket);
    return bucket;
  }

  #semaphore(api: string, region: string): Semaphore {
    const key = `${api}|${region}`;
    let semaphore = this.#semaphores.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.#perApi[api] ?? this.#defaultLimit);
      this.#semaphores.set(key, semaphore);
    }
    return semaphore;
  }
}
