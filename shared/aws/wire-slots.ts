/** How often the event loop's lag is sampled while attempts are out. */
const PROBE_MS = 20;
/** Lag above which this process is reading answers late: fewer attempts go out at once. */
const LAG_LIMIT_MS = 20;
/** A cut keeps 70 % of what was out (as the token buckets' throttle cut). */
const DECREASE_FACTOR = 0.7;
/** Each responsive sample lets 10 % more out, while attempts wait. */
const INCREASE_SHARE = 0.1;

/** Bounds of the number of attempts out at once, scan-wide. */
export interface WireSlotLimits {
  /** Never fewer (a busy machine still sends). */
  min: number;
  /** Never more; also the starting number. */
  max: number;
}

export const DEFAULT_WIRE_SLOT_LIMITS: WireSlotLimits = { min: 16, max: 1024 };

/** Where the lag comes from: the real event loop, or a test's. */
export type LagProbe = (onSample: (lagMs: number) => void) => { stop(): void };

/** Samples the real event loop: how late an interval fires is how long answers wait to be read. */
export const eventLoopLag: LagProbe = (onSample) => {
  let expected = performance.now() + PROBE_MS;
  const interval = setInterval(() => {
    const now = performance.now();
    onSample(Math.max(0, now - expected));
    expected = now + PROBE_MS;
  }, PROBE_MS);
  interval.unref();
  return { stop: () => clearInterval(interval) };
};

/**
 * The attempts a scan has out at once, across every API and region, fewer while this process's
 * event loop lags. A scan of many regions can admit more requests than one core can read answers
 * to; the answers then wait in the loop, every call looks slow, and a bucket that counts its
 * attempts in flight (AdaptiveTokenBucket) is paced by that delay instead of its quota. Holding
 * attempts back keeps the loop responsive, and the one that waits least is the one whose quota is
 * scarcest (`priority`: its rate, lower first), since the slowest quota bounds the scan.
 */
export class WireSlots {
  readonly #limits: WireSlotLimits;
  readonly #probe: LagProbe;
  #capacity: number;
  #held = 0;
  /** Waiters by priority, each queue in arrival order. */
  readonly #waiting = new Map<number, (() => void)[]>();
  #waiters = 0;
  #sampling: { stop(): void } | undefined;

  constructor(limits: WireSlotLimits = DEFAULT_WIRE_SLOT_LIMITS, probe: LagProbe = eventLoopLag) {
    this.#limits = limits;
    this.#probe = probe;
    this.#capacity = limits.max;
  }

  /** How many attempts may be out now. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Resolves when an attempt of `priority` (lower first) may go out. */
  async acquire(priority: number): Promise<void> {
    this.#startSampling();
    if (this.#held < this.#capacity && this.#waiters === 0) {
      this.#held += 1;
      return;
    }
    await new Promise<void>((resolve) => {
      const queue = this.#waiting.get(priority);
      if (queue) queue.push(resolve);
      else this.#waiting.set(priority, [resolve]);
      this.#waiters += 1;
    });
  }

  /** An attempt is back. */
  release(): void {
    this.#held -= 1;
    this.#admit();
  }

  #admit(): void {
    while (this.#waiters > 0 && this.#held < this.#capacity) {
      const [priority, queue] = [...this.#waiting].reduce((first, entry) =>
        entry[0] < first[0] ? entry : first,
      );
      const next = queue.shift();
      if (queue.length === 0) this.#waiting.delete(priority);
      this.#waiters -= 1;
      this.#held += 1;
      next?.();
    }
    if (this.#held === 0 && this.#waiters === 0) {
      this.#sampling?.stop();
      this.#sampling = undefined;
    }
  }

  #startSampling(): void {
    this.#sampling ??= this.#probe((lag) => this.#sample(lag));
  }

  #sample(lagMs: number): void {
    const { min, max } = this.#limits;
    if (lagMs > LAG_LIMIT_MS) {
      this.#capacity = Math.max(min, Math.floor(Math.min(this.#capacity, this.#held) * DECREASE_FACTOR));
    } else if (this.#waiters > 0) {
      this.#capacity = Math.min(
        max,
        this.#capacity + Math.max(1, Math.ceil(this.#capacity * INCREASE_SHARE)),
      );
      this.#admit();
    }
  }
}
