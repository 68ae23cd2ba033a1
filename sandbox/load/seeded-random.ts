/** A source of numbers in [0, 1), like Math.random but reproducible from its seed. */
export type RandomSource = () => number;

/**
 * mulberry32: a 32-bit generator, small and fast, good enough to pick which requests fail.
 * Same seed, same sequence, on every platform (only 32-bit integer arithmetic).
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An independent stream per name under one seed (FNV-1a of the name mixed into the seed), so
 * what happens to one operation does not depend on how calls to others interleave with it.
 */
export function namedStream(seed: number, name: string): RandomSource {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index += 1) {
    hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193);
  }
  return seededRandom((hash ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}
