import { ArchiveFormatError } from '../errors.js';
import { CONSTANT_TAG } from './class-file.js';
import { encodeModifiedUtf8 } from './modified-utf8.js';

const CLASS_MAGIC = [0xca, 0xfe, 0xba, 0xbe] as const;
/** Java 8 (major 52): every JVM a Flink runtime uses accepts it. */
const MAJOR_VERSION = 52;
const ACC_PUBLIC_SUPER = 0x0021;
const MAX_U16 = 0xffff;

/** Appends big-endian values to a growing byte list. */
class ClassBytes {
  readonly bytes: number[] = [];
  u8(value: number): void {
    this.bytes.push(value & 0xff);
  }
  u16(value: number): void {
    this.bytes.push((value >> 8) & 0xff, value & 0xff);
  }
  utf8(text: string): void {
    const encoded = encodeModifiedUtf8(text);
    if (encoded.length > MAX_U16) {
      throw new ArchiveFormatError(
        `cannot write a class file constant of ${encoded.length} bytes: the format allows ${MAX_U16}, shorten the string`,
      );
    }
    this.u8(CONSTANT_TAG.Utf8);
    this.u16(encoded.length);
    for (const byte of encoded) this.bytes.push(byte);
  }
}

/**
 * Builds a valid class file (public class extending java.lang.Object, no members) whose constant pool
 * holds each of `strings` as a string literal (CONSTANT_String + CONSTANT_Utf8); for the demo and tests.
 */
export function minimalClassFile(className: string, strings: string[]): Uint8Array {
  // Pool: #1 name, #2 Class #1, #3 "java/lang/Object", #4 Class #3, then a Utf8 + String pair per string.
  const poolCount = 5 + 2 * strings.length;
  if (poolCount > MAX_U16) {
    throw new ArchiveFormatError(
      `cannot write a class file holding ${strings.length} strings: the constant pool allows ${(MAX_U16 - 5) >> 1}`,
    );
  }
  const out = new ClassBytes();
  out.bytes.push(...CLASS_MAGIC);
  out.u16(0);
  out.u16(MAJOR_VERSION);
  out.u16(poolCount);
  out.utf8(className.replaceAll('.', '/'));
  out.u8(CONSTANT_TAG.Class);
  out.u16(1);
  out.utf8('java/lang/Object');
  out.u8(CONSTANT_TAG.Class);
  out.u16(3);
  strings.forEach((text, position) => {
    const utf8Index = 5 + 2 * position;
    out.utf8(text);
    out.u8(CONSTANT_TAG.String);
    out.u16(utf8Index);
  });
  out.u16(ACC_PUBLIC_SUPER);
  out.u16(2); // this_class
  out.u16(4); // super_class
  out.u16(0); // interfaces
  out.u16(0); // fields
  out.u16(0); // methods
  out.u16(0); // attributes
  return Uint8Array.from(out.bytes);
}
