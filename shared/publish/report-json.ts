/**
 * A report as the JSON text `JSON.stringify(report, null, 2)` gives, in pieces: each application is
 * one piece, so a writer holds one application's text at a time. A report of about 15,000
 * applications (8,000 in schema 1.x) is longer than the longest string V8 can hold (about 512 MiB),
 * so JSON.stringify of the whole report throws RangeError; streamed piece by piece it never has to
 * be one string or one Buffer.
 */
export function* reportJsonChunks(report: object, listKey = 'applications'): Generator<string> {
  yield '{';
  const entries = Object.entries(report).filter(([, value]) => serializable(value));
  for (const [position, [key, value]] of entries.entries()) {
    yield `${position === 0 ? '\n' : ',\n'}  ${JSON.stringify(key)}: `;
    if (key === listKey && Array.isArray(value) && value.length > 0) {
      yield '[';
      for (const [index, item] of value.entries()) {
        yield `${index === 0 ? '\n' : ',\n'}    ${indented(item, '    ')}`;
      }
      yield '\n  ]';
    } else {
      yield indented(value, '  ');
    }
  }
  yield entries.length > 0 ? '\n}' : '}';
}

// JSON.stringify leaves out properties whose value is undefined, a function or a symbol.
function serializable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

// `value` as JSON.stringify(…, null, 2) writes it `indent` deep (two spaces a level): stringified
// inside as many arrays, whose brackets are then cut off, since JSON.stringify indenting it in place
// is twice as fast as a replace over its text.
function indented(value: unknown, indent: string): string {
  const depth = indent.length / 2;
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level += 1) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(2 * depth + depth * (depth + 1), text.length - (2 * depth + depth * (depth - 1)));
}
