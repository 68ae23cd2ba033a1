/**
 * `items` with those `isFirst` picks ahead of the others, each group in its own order. The
 * governor starts queued calls in the order they are asked for, so this is the order in which the
 * applications a time-limited scan did not reach last time get read first, phase after phase.
 */
export function readFirstOrder<T>(items: readonly T[], isFirst: (item: T) => boolean): T[] {
  const first: T[] = [];
  const rest: T[] = [];
  for (const item of items) (isFirst(item) ? first : rest).push(item);
  return [...first, ...rest];
}
