import { REQUEST_QUOTAS, type RequestQuota } from './request-quotas.js';
import type { RateLimit } from './token-bucket.js';

/**
 * The share of each quota the governor aims at. Just under the quota: the service's bucket keeps a
 * little slack for arrival jitter (requests admitted evenly may still arrive bunched), while a
 * scan bound by one quota takes at most 1/0.95 ≈ 1.05 times the quota's own lower bound.
 */
export const DEFAULT_QUOTA_SHARE = 0.95;

/**
 * The quota assumed for an operation REQUEST_QUOTAS does not list, of a service it lists nothing
 * of either: 10 requests per second, the lowest rate most AWS read APIs document, so an unknown
 * operation is paced rather than risked. (An unlisted operation of a listed service is paced at
 * that service's lowest per-operation quota: `iam:ListAccessKeys` at IAM's 20/s.)
 */
export const UNLISTED_OPERATION_QUOTA: RateLimit = { rate: 10, burst: 10 };

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

// S3's quotas are per request class (REQUEST_QUOTAS names them `s3:GET/HEAD`), not per operation.
const S3_READ = /^s3:(Get|Head|List)/;

/** Decides which bucket an (operation, region) draws from and how fast that bucket refills. */
export class RatePlan {
  readonly #overrides: Readonly<Record<string, RateLimit>>;
  readonly #share: number;
  readonly #quotaByOperation = new Map<string, RequestQuota>();
  readonly #lowestByService = new Map<string, RateLimit>();

  constructor(options: RatePlanOptions = {}) {
    this.#overrides = options.rates ?? {};
    this.#share = options.quotaShare ?? DEFAULT_QUOTA_SHARE;
    for (const quota of REQUEST_QUOTAS) {
      for (const operation of quota.operations) this.#quotaByOperation.set(operation, quota);
      // Shared quotas count many operations together: their rate says nothing of one operation's.
      const service = quota.operations[0]?.split(':')[0];
      const lowest = service ? this.#lowestByService.get(service) : undefined;
      if (service && !quota.shared && (!lowest || quota.rate < lowest.rate)) {
        this.#lowestByService.set(service, { rate: quota.rate, burst: quota.burst });
      }
    }
  }

  /** The bucket `operation` (`kms:DescribeKey`) draws from when sent to `region` ('global' for IAM). */
  bucketFor(operation: string, region: string): BucketPlan {
    const quotaName = s3RequestClass(operation) ?? operation;
    const quota = this.#quotaByOperation.get(quotaName);
    const global = quota ? quota.scope === 'global' : operation.startsWith('iam:');
    // S3's quotas are per prefix; one bucket per region is the safe side of that (5,500/s each).
    const place = global ? 'global' : region;
    // An override is a bucket of its own, as in the sandbox, even for an operation of a shared quota.
    const overridden = [operation, quotaName].find((name) => this.#overrides[name]);
    const override = overridden ? this.#overrides[overridden] : undefined;
    if (override) return { key: `${overridden}|${place}`, limit: this.#scaled(override) };
    if (!quota) {
      const service = operation.slice(0, operation.indexOf(':'));
      const assumed = this.#lowestByService.get(service) ?? UNLISTED_OPERATION_QUOTA;
      return { key: `${operation}|${place}`, limit: this.#scaled(assumed) };
    }
    const regionRate = quota.regionRates?.[region];
    const documented = regionRate === undefined ? quota : { rate: regionRate, burst: regionRate };
    return {
      key: `${quota.shared ? quota.name : quotaName}|${place}`,
      limit: this.#scaled(documented),
    };
  }

  #scaled(quota: RateLimit): RateLimit {
    return { rate: quota.rate * this.#share, burst: Math.max(1, Math.floor(quota.burst * this.#share)) };
  }
}

function s3RequestClass(operation: string): string | undefined {
  if (!operation.startsWith('s3:')) return undefined;
  return S3_READ.test(operation) ? 's3:GET/HEAD' : 's3:PUT/COPY/POST/DELETE';
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
