/**
 * The identifiers of a snapshot and the ones moto assigned instead (account id, KMS key ids, role
 * ids…). Applied to a whole snapshot, it gives the "moto-adjusted" snapshot: the same account,
 * as moto names it.
 */
export class IdMapping {
  readonly #pairs = new Map<string, string>();

  /** Records that moto calls `from` `to`; identical ids need no mapping. */
  add(from: string, to: string): void {
    if (from !== to) this.#pairs.set(from, to);
  }

  /** What moto calls `id` (the id itself when moto kept it). */
  of(id: string): string {
    return this.#pairs.get(id) ?? id;
  }

  /** Every mapping, in the order recorded. */
  entries(): [string, string][] {
    return [...this.#pairs.entries()];
  }

  /**
   * A deep copy of `value` with every mapped id replaced wherever it appears in a string (ARNs,
   * policy documents, URL-encoded ones included: ids are alphanumeric with dashes, which
   * URL-encoding leaves alone). One pass, longest id first, so a replacement is never replaced.
   */
  apply<T>(value: T): T {
    if (this.#pairs.size === 0) return structuredClone(value);
    const ids = [...this.#pairs.keys()].sort((a, b) => b.length - a.length);
    const pattern = new RegExp(ids.map(escapeRegExp).join('|'), 'g');
    const text = JSON.stringify(value).replace(pattern, (id) => this.#pairs.get(id) ?? id);
    // Safe: the same JSON with some ids swapped for ids of the same kind.
    return JSON.parse(text) as T;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
