import { InvalidRequestError } from '../errors.js';

/**
 * A weighted semaphore over bytes: work that holds `n` bytes waits until `n` more fit under the
 * capacity. Waiters start in arrival order (a large one is never overtaken for ever by small ones),
 * and work larger than the whole capacity waits until nothing else is in flight, then runs alone.
 */
export class ByteBudget {
  readonly #capacity: number;
  #inFlight = 0;
  readonly #waiting: { bytes: number; start: () => void }[] = [];

  /** @throws InvalidRequestError when the capacity is not a whole number of bytes above 0. */
  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new InvalidRequestError([
        `the code artifact byte budget must be a whole number of bytes above 0, got ${capacity}`,
      ]);
    }
    this.#capacity = capacity;
  }

  /** Runs `work` once `bytes` fit in the budget, and gives them back when it settles. */
  async use<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    // Larger than the whole budget: it takes all of it, so it runs when, and while, nothing else does.
    const weight = Math.min(Math.max(0, bytes), this.#capacity);
    await this.#acquire(weight);
    try {
      return await work();
    } finally {
      this.#inFlight -= weight;
      this.#startWaiting();
    }
  }

  /** The bytes held by work running now. */
  inFlight(): number {
    return this.#inFlight;
  }

  #acquire(weight: number): Promise<void> {
    if (this.#waiting.length === 0 && this.#fits(weight)) {
      this.#inFlight += weight;
      return Promise.resolve();
    }
    return new Promise((start) => this.#waiting.push({ bytes: weight, start }));
  }

  #fits(weight: number): boolean {
    return this.#inFlight + weight <= this.#capacity;
  }

  #startWaiting(): void {
    // In arrival order only: the first waiter that does not fit holds back those behind it.
    let next = this.#waiting[0];
    while (next && this.#fits(next.bytes)) {
      this.#waiting.shift();
      this.#inFlight += next.bytes;
      next.start();
      next = this.#waiting[0];
    }
  }
}
