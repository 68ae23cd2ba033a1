import fc from 'fast-check';

/** Object keys that change behaviour when code assigns them instead of defining them. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf'] as const;

/** Builds `levels` nested lists around a string without recursion (JSON.parse does the nesting). */
export function deeplyNested(levels: number, kind: 'list' | 'object' = 'list'): unknown {
  return kind === 'list'
    ? JSON.parse(`${'['.repeat(levels)}"x"${']'.repeat(levels)}`)
    : JSON.parse(`${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}`);
}

/** Strings that break naive code: control characters, lone surrogates, right-to-left marks, emoji, huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u001b', '\n', '\r', '\t', '\u2028', '\u202e', '\ud800', '🦀', 'é'),
    maxLength: 20,
  }),
  fc.constantFrom(...PROTOTYPE_KEYS, '', ' ', '%', '%E0%A4%A', '{', '"', '\\', 'null', '*'),
  fc.nat({ max: 200_000 }).map((length) => 'A'.repeat(length)),
);

/** Any JSON value, with hostile strings and prototype keys among the keys and values. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(hostileString, fc.constantFrom(...PROTOTYPE_KEYS)), tie('value')), {
        maxLength: 4,
      })
      // Object.fromEntries defines "__proto__" as an own key, as JSON.parse does.
      .map((entries) => Object.fromEntries(entries)),
  ),
})).value;

/** A value of the wrong kind for most fields: what a mistyped or hostile file puts in their place. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, '', [], {}, [[]], { toString: 1 }),
  hostileString,
  fc.constantFrom(deeplyNested(10_000), deeplyNested(10_000, 'object')),
  hostileJson,
);

/** A JSON path into a value: keys and list indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** Every path in a JSON value (containers and leaves), root excluded; iterative, so deep values are fine. */
export function pathsOf(value: unknown): JsonPath[] {
  const paths: JsonPath[] = [];
  const pending: { node: unknown; path: JsonPath }[] = [{ node: value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, path } = next;
    if (path.length > 0) paths.push(path);
    const children: [string | number, unknown][] = Array.isArray(node)
      ? node.map((child, index) => [index, child])
      : typeof node === 'object' && node !== null
        ? Object.entries(node)
        : [];
    for (const [key, child] of children) pending.push({ node: child, path: [...path, key] });
  }
  return paths;
}

/** A deep copy of `value` with the entry at `path` replaced by `replacement` (undefined: deleted). */
export function withValueAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const copy: unknown = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    Object.defineProperty(parent, last, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
