import { describe, expect, it } from 'vitest';
import { decodeModifiedUtf8, encodeModifiedUtf8 } from '../../shared/archive/modified-utf8.js';

describe('Function: encodeModifiedUtf8', () => {
  it('returns NUL as C0 80 and a character outside the BMP as two 3-byte surrogates', () => {
    // Act
    const bytes = encodeModifiedUtf8('a\u0000é€\u{1F600}');

    // Assess
    expect([...bytes]).toEqual([
      0x61,
      ...[0xc0, 0x80],
      ...[0xc3, 0xa9],
      ...[0xe2, 0x82, 0xac],
      ...[0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80],
    ]);
  });
});

describe('Function: decodeModifiedUtf8', () => {
  it('returns the string encodeModifiedUtf8 wrote', () => {
    // Prepare
    const text = 'key=\u0000 caf\u00e9 \u20ac \u{1F600} \u{10FFFF}';

    // Act
    const decoded = decodeModifiedUtf8(encodeModifiedUtf8(text));

    // Assess
    expect(decoded).toBe(text);
  });

  it('returns a long string whole (no call-stack overflow past 8,192 code units)', () => {
    // Prepare
    const text = 'x'.repeat(65_535);

    // Act
    const decoded = decodeModifiedUtf8(encodeModifiedUtf8(text));

    // Assess
    expect(decoded).toBe(text);
  });

  it.each([
    ['a raw NUL byte', [0x61, 0x00]],
    ['a stray continuation byte', [0x80]],
    ['a 4-byte standard UTF-8 sequence', [0xf0, 0x9f, 0x98, 0x80]],
    ['a 2-byte sequence cut short', [0xc3]],
    ['a 3-byte sequence cut short', [0xe2, 0x82]],
    ['a bad continuation byte', [0xe2, 0x41, 0xac]],
  ])('returns undefined for %s', (_case, bytes) => {
    // Act
    const decoded = decodeModifiedUtf8(Uint8Array.from(bytes));

    // Assess
    expect(decoded).toBeUndefined();
  });
});
