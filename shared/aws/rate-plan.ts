import { quotaPlace, type RateLimit, resolveQuota } from './request-quotas.js';

/**
 * By default the governor sends at each quota's full rate, with a bucket one request short of the
 * service's (at least 1): that request's worth of slack absorbs a request that arrives late and
 * bunched with the next (requests admitted evenly may still arrive bunched). It costs a scan one
 * request's time once, where sending at 95 % of the rate cost 5 % of its length.
 */
export const DEFAULT_BURST_HEADROOM = 1;

/** One token bucket: where its tokens are counted, and the limit it paces at. */
export interface BucketPlan {
  /** `quota|place`: operations that share a quota and place share this key. */
  key: string;
  limit: RateLimit;
}

/** How the rates are chosen; see CallLimits. */
export interface RatePlanOptions {
  rates?: Readonly<Record<string, RateLimit>>;
  quotaShare?: number;
}

/**
 * Decides which bucket an (operation, region) draws from (resolveQuota: the same lookup the sandbox
 * throttles by and the bench bounds with) and paces it at `quotaShare` of the quota, or by default
 * at its full rate with the burst one request short (DEFAULT_BURST_HEADROOM).
 */
export class RatePlan {
  readonly #overrides: Readonly<Record<string, RateLimit>>;
  readonly #share: number | undefined;

  constructor(options: RatePlanOptions = {}) {
    this.#overrides = options.rates ?? {};
    this.#share = options.quotaShare;
  }

  /** The bucket `operation` (`kms:DescribeKey`) draws from when sent to `region` ('global' for IAM). */
  bucketFor(operation: string, region: string): BucketPlan {
    const quota = resolveQuota(operation, region, { overrides: this.#overrides });
    // S3's quotas are per prefix; one bucket per region is the safe side of that (5,500/s each).
    return { key: `${quota.bucket}|${quotaPlace(quota.scope, region)}`, limit: this.#scaled(quota.limit) };
  }

  // An explicit share scales rate and burst alike (a caller leaving room for other callers).
  #scaled(quota: RateLimit): RateLimit {
    const share = this.#share;
    if (share === undefined) {
      return { rate: quota.rate, burst: Math.max(1, quota.burst - DEFAULT_BURST_HEADROOM) };
    }
    return { rate: quota.rate * share, burst: Math.max(1, Math.floor(quota.burst * share)) };
  }
}

/** What is wrong with rate options, one sentence per problem (empty when they are valid). */
export function rateOptionProblems(options: RatePlanOptions): string[] {
  const problems: string[] = [];
  const share = options.quotaShare;
  if (share !== undefined && !(Number.isFinite(share) && share > 0 && share <= 1)) {
    problems.push(
      `quotaShare must be a fraction above 0 and at most 1 (0.95 = 95 % of each quota), got ${share}`,
    );
  }
  for (const [operation, limit] of Object.entries(options.rates ?? {})) {
    if (!/^[a-z0-9-]+:[A-Za-z0-9/]+$/.test(operation)) {
      problems.push(`rate for "${operation}": name an operation as service:Operation (kinesis:ListStreams)`);
    }
    if (!(Number.isFinite(limit.rate) && limit.rate > 0)) {
      problems.push(
        `rate for "${operation}": rate must be a number of requests per second above 0, got ${limit.rate}`,
      );
    }
    if (!(Number.isInteger(limit.burst) && limit.burst >= 1)) {
      problems.push(
        `rate for "${operation}": burst must be a whole number of requests ≥ 1, got ${limit.burst}`,
      );
    }
  }
  return problems;
}
