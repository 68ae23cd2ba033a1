import { quotaPlace, type RateLimit, resolveQuota } from '../../shared/aws/request-quotas.js';
import { InvalidRequestError } from '../../shared/errors.js';
import type { RequestIdentity } from './request-identity.js';
import { THROTTLE_ERRORS, type ThrottleError } from './throttle-errors.js';

/**
 * `true`: AWS's documented quotas (REQUEST_QUOTAS). A record: those quotas, with these limits
 * instead for the operations (or S3 request classes) named, each in a bucket of its own.
 */
export type RateLimitsOption = true | Readonly<Record<string, RateLimit>>;

/** A milliseconds clock; tests inject one to move time without sleeping. */
export type Clock = () => number;

/** A token bucket: `burst` tokens, refilled at `rate` per second, one taken per request. */
class TokenBucket {
  readonly #limit: RateLimit;
  #tokens: number;
  #updatedAt: number;

  constructor(limit: RateLimit, now: number) {
    this.#limit = limit;
    this.#tokens = limit.burst;
    this.#updatedAt = now;
  }

  take(now: number): boolean {
    // Refilled lazily: what `rate` would have added since the last request, up to the bucket's size.
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.#limit.burst, this.#tokens + elapsed * this.#limit.rate);
    this.#updatedAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/**
 * Throttles requests as AWS does, per account and Region (IAM: per account; S3: per prefix):
 * one token bucket per quota, created full on first use. Answers with the service's own
 * throttling error, which the SDK's retry strategy treats as a throttle.
 */
export class RateLimiter {
  readonly #accountId: string;
  readonly #clock: Clock;
  readonly #overrides: Readonly<Record<string, RateLimit>>;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(option: RateLimitsOption, accountId: string, clock: Clock) {
    this.#overrides = option === true ? {} : validateOverrides(option);
    this.#accountId = accountId;
    this.#clock = clock;
  }

  /**
   * The throttling error to answer with, or undefined when the request may go on. Quotas are per
   * account: `accountId` names the one the request is served from (the limiter's by default).
   */
  throttle(identity: RequestIdentity, accountId: string = this.#accountId): ThrottleError | undefined {
    const quota = resolveQuota(identity.operation, identity.region, {
      overrides: this.#overrides,
      ...(identity.quotaName ? { quotaName: identity.quotaName } : {}),
    });
    // Only services whose throttling error is known are limited (overrides are checked for it), and
    // only at a known quota: an assumed one is the scanner's caution, not AWS's behaviour.
    const error = THROTTLE_ERRORS[identity.service];
    if (quota.basis === 'assumed' || !error) return undefined;
    const place =
      quota.scope === 'prefix'
        ? (identity.partition ?? '')
        : `${accountId}|${quotaPlace(quota.scope, identity.region)}`;
    const key = `${quota.bucket}|${place}`;
    const now = this.#clock();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(quota.limit, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(now) ? undefined : error;
  }
}

// Misconfiguration fails when the sandbox starts, not on the first request.
function validateOverrides(
  overrides: Readonly<Record<string, RateLimit>>,
): Readonly<Record<string, RateLimit>> {
  const problems: string[] = [];
  for (const [operation, limit] of Object.entries(overrides)) {
    const service = operation.slice(0, operation.indexOf(':'));
    if (!THROTTLE_ERRORS[service]) {
      problems.push(
        `rate limit for "${operation}": name an operation as service:Operation (kinesis:ListStreams) ` +
          `of ${Object.keys(THROTTLE_ERRORS).join(', ')}`,
      );
    }
    if (!(Number.isFinite(limit.rate) && limit.rate > 0)) {
      problems.push(`rate limit for "${operation}": rate must be a number of requests per second above 0`);
    }
    if (!(Number.isInteger(limit.burst) && limit.burst >= 1)) {
      problems.push(`rate limit for "${operation}": burst must be a whole number of requests, at least 1`);
    }
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return overrides;
}
