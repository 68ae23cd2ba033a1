/**
 * Java's "modified UTF-8" (JVMS §4.4.7): NUL is written 0xC0 0x80 and characters outside the BMP as two
 * 3-byte surrogates, so a standard UTF-8 decoder would mangle both.
 */

/** Decodes modified UTF-8; returns undefined for byte sequences the JVM itself would reject. */
export function decodeModifiedUtf8(bytes: Uint8Array): string | undefined {
  // Most constants (names, descriptors) are plain ASCII, which the native decoder turns into a string faster.
  if (isPlainAscii(bytes)) return asciiDecoder.decode(bytes);
  const units: number[] = [];
  let index = 0;
  while (index < bytes.length) {
    const first = bytes[index]!;
    if (first >= 0x01 && first <= 0x7f) {
      units.push(first);
      index += 1;
    } else if ((first & 0xe0) === 0xc0) {
      const second = bytes[index + 1];
      if (second === undefined || (second & 0xc0) !== 0x80) return undefined;
      units.push(((first & 0x1f) << 6) | (second & 0x3f));
      index += 2;
    } else if ((first & 0xf0) === 0xe0) {
      const second = bytes[index + 1];
      const third = bytes[index + 2];
      if (second === undefined || third === undefined) return undefined;
      if ((second & 0xc0) !== 0x80 || (third & 0xc0) !== 0x80) return undefined;
      // Surrogate halves come through as code units, so a pair joins back into one character.
      units.push(((first & 0x0f) << 12) | ((second & 0x3f) << 6) | (third & 0x3f));
      index += 3;
    } else {
      // 0x00, a stray continuation byte, or a 4-byte form: none exists in modified UTF-8.
      return undefined;
    }
  }
  return stringFromCodeUnits(units);
}

/** windows-1252 agrees with ASCII on 0x01-0x7F, the only bytes it is given. */
const asciiDecoder = new TextDecoder('latin1');

function isPlainAscii(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === 0 || byte > 0x7f) return false;
  }
  return true;
}

/** Builds a string in chunks: spreading a 65,535-unit array into fromCharCode at once can overflow the stack. */
function stringFromCodeUnits(units: number[]): string {
  const CHUNK = 8192;
  let text = '';
  for (let start = 0; start < units.length; start += CHUNK) {
    text += String.fromCharCode(...units.slice(start, start + CHUNK));
  }
  return text;
}

/** Encodes a string as modified UTF-8, code unit by code unit (which is what writes surrogates separately). */
export function encodeModifiedUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0x01 && unit <= 0x7f) {
      bytes.push(unit);
    } else if (unit <= 0x7ff) {
      bytes.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    } else {
      bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
    }
  }
  return Uint8Array.from(bytes);
}
