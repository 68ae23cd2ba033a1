/** A counting semaphore: at most `capacity` holders at once, the rest wait in arrival order. */
export class Semaphore {
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
