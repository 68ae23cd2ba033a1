/**
 * Remembers one promise per key for the life of a scan, so a resource named by many applications
 * (or asked for twice at the same moment) is read from AWS exactly once.
 */
export class OncePerScan {
  readonly #promises = new Map<string, Promise<unknown>>();

  /** The promise already started for `key`, or the one `start` returns now. */
  run<T>(key: string, start: () => Promise<T>): Promise<T> {
    const existing = this.#promises.get(key);
    // Safe: a key is only ever paired with one kind of read, hence one result type.
    if (existing) return existing as Promise<T>;
    const started = start();
    this.#promises.set(key, started);
    return started;
  }
}
