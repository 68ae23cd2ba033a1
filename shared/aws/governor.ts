import { InvalidRequestError } from '../errors.js';

/** Concurrency limits for AWS calls, per API and region. */
export interface CallLimits {
  /** Concurrent calls allowed for any (api, region) not named in `perApi`; 5 by default. */
  default?: number;
  /** Concurrent calls allowed per region for an API, by its operation name (`kms:DescribeKey`). */
  perApi?: Record<string, number>;
}

const DEFAULT_CONCURRENCY = 5;

/** A counting semaphore: at most `capacity` holders at once, the rest wait in arrival order. */
class Semaphore {
  readonly #capacity: number;
  #held = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  async acquire(): Promise<void> {
    if (this.#held < this.#capacity) {
      this.#held += 1;
      return;
    }
    // The releasing holder hands its slot over directly, so `held` never drops below capacity
    // while callers wait and a late arrival cannot overtake them.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held -= 1;
  }
}

/**
 * The single place every AWS call passes through: limits concurrency per (api, region) so a scan
 * of a large account stays under AWS's throttling quotas, and counts calls per API.
 */
export class CallGovernor {
  readonly #defaultLimit: number;
  readonly #perApi: Record<string, number>;
  readonly #semaphores = new Map<string, Semaphore>();
  readonly #calls = new Map<string, number>();

  constructor(limits: CallLimits = {}) {
    const all = { default: limits.default ?? DEFAULT_CONCURRENCY, ...limits.perApi };
    // A limit below 1 would stall every call of that API: refuse it when the governor is built.
    const problems = Object.entries(all)
      .filter(([, limit]) => !Number.isInteger(limit) || limit < 1)
      .map(([api, limit]) => `concurrency limit for ${api} must be a whole number ≥ 1, got ${limit}`);
    if (problems.length > 0) throw new InvalidRequestError(problems);
    this.#defaultLimit = all.default;
    this.#perApi = { ...limits.perApi };
  }

  /** Runs `call` once a slot for (api, region) is free, and counts it. */
  async run<T>(api: string, region: string, call: () => Promise<T>): Promise<T> {
    this.#calls.set(api, (this.#calls.get(api) ?? 0) + 1);
    const semaphore = this.#semaphore(api, region);
    await semaphore.acquire();
    try {
      return await call();
    } finally {
      semaphore.release();
    }
  }

  /** How many calls each API received so far. */
  stats(): Record<string, number> {
    return Object.fromEntries([...this.#calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
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
