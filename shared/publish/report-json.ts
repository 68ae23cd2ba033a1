/**
 * A report as the JSON text `JSON.stringify(report, null, 2)` gives, as bytes, built application
 * by application. The report of ~8,000 applications is longer than the longest string V8 can hold
 * (about 512 MiB; the 1,000-application benchmark's report is 76 MB), so JSON.stringify of the
 * whole report throws RangeError; a Buffer holds gigabytes, and each piece is small.
 */
export function reportJsonBytes(report: object, listKey = 'applications'): Buffer {
  const parts: Buffer[] = [Buffer.from('{')];
  const entries = Object.entries(report).filter(([, value]) => serializable(value));
  entries.forEach(([key, value], position) => {
    parts.push(Buffer.from(`${position === 0 ? '\n' : ',\n'}  ${JSON.stringify(key)}: `));
    if (key === listKey && Array.isArray(value) && value.length > 0) {
      parts.push(Buffer.from('['));
      value.forEach((item, index) => {
        parts.push(Buffer.from(`${index === 0 ? '\n' : ',\n'}    ${indented(item, '    ')}`));
      });
      parts.push(Buffer.from('\n  ]'));
    } else {
      parts.push(Buffer.from(indented(value, '  ')));
    }
  });
  parts.push(Buffer.from(entries.length > 0 ? '\n}' : '}'));
  return Buffer.concat(parts);
}

// JSON.stringify leaves out properties whose value is undefined, a function or a symbol.
function serializable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function indented(value: unknown, indent: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
}
