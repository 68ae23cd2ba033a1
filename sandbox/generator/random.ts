/**
 * A small seeded pseudo-random generator, so one seed always gives the same synthetic account:
 * sfc32 (fast, 128-bit state, passes PractRand) seeded through splitmix32. Never Math.random.
 */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    // Both 32-bit halves feed the state, so seeds that differ only above bit 32 still differ.
    const low = seed >>> 0;
    const high = Math.floor(seed / 2 ** 32) >>> 0;
    let mix = (low ^ Math.imul(high, 0x9e3779b1)) >>> 0;
    const splitmix32 = (): number => {
      mix = (mix + 0x9e3779b9) | 0;
      let z = mix;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = splitmix32();
    this.#b = splitmix32();
    this.#c = splitmix32() ^ high;
    this.#d = splitmix32();
    // The first outputs of a freshly seeded sfc32 are poorly mixed; discard them.
    for (let i = 0; i < 12; i++) this.#next32();
  }

  #next32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.#next32() / 2 ** 32;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item, each equally likely. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list.');
    return items[this.below(items.length)]!;
  }

  /** `length` characters drawn from `alphabet`. */
  characters(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[this.below(alphabet.length)];
    return text;
  }

  /** A version-4-shaped UUID, as KMS key ids are. */
  uuid(): string {
    const hex = (length: number) => this.characters(HEX, length);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.below(4)]}${hex(3)}-${hex(12)}`;
  }

  /** A copy of `items` in random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

const HEX = '0123456789abcdef';

/** Picks items in proportion to their weights; the cumulative table is built once. */
export function weightedPicker<T>(
  items: readonly T[],
  weights: readonly number[],
): (random: SeededRandom) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('A weighted pick needs one weight per item and at least one item.');
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += weight;
    cumulative.push(total);
  }
  return function weightedPick(random) {
    const target = random.next() * total;
    // Binary search: teams and regions are few, but this runs once per application.
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return items[low]!;
  };
}
