import { ArchiveFormatError } from '../errors.js';
import { BoundedReader } from './bounded-reader.js';
import { decodeModifiedUtf8 } from './modified-utf8.js';

const CLASS_MAGIC = 0xcafebabe;

/** Constant-pool tags (JVMS §4.4). */
export const CONSTANT_TAG = {
  Utf8: 1,
  Integer: 3,
  Float: 4,
  Long: 5,
  Double: 6,
  Class: 7,
  String: 8,
  Fieldref: 9,
  Methodref: 10,
  InterfaceMethodref: 11,
  NameAndType: 12,
  MethodHandle: 15,
  MethodType: 16,
  Dynamic: 17,
  InvokeDynamic: 18,
  Module: 19,
  Package: 20,
} as const;

/** Size of each non-Utf8 constant's body after its tag byte. */
const FIXED_BODY_SIZE: Readonly<Record<number, number>> = {
  [CONSTANT_TAG.Integer]: 4,
  [CONSTANT_TAG.Float]: 4,
  [CONSTANT_TAG.Long]: 8,
  [CONSTANT_TAG.Double]: 8,
  [CONSTANT_TAG.Class]: 2,
  [CONSTANT_TAG.String]: 2,
  [CONSTANT_TAG.Fieldref]: 4,
  [CONSTANT_TAG.Methodref]: 4,
  [CONSTANT_TAG.InterfaceMethodref]: 4,
  [CONSTANT_TAG.NameAndType]: 4,
  [CONSTANT_TAG.MethodHandle]: 3,
  [CONSTANT_TAG.MethodType]: 2,
  [CONSTANT_TAG.Dynamic]: 4,
  [CONSTANT_TAG.InvokeDynamic]: 4,
  [CONSTANT_TAG.Module]: 2,
  [CONSTANT_TAG.Package]: 2,
};

/** Builds the error for bytes that are not a readable class file. */
function classFormatError(problem: string): ArchiveFormatError {
  return new ArchiveFormatError(`not a valid Java class file: ${problem}`);
}

/**
 * Returns the CONSTANT_Utf8 strings of a class file's constant pool, in pool order: string literals,
 * class/member names and descriptors. Throws ArchiveFormatError when the class file is malformed.
 */
export function classFileStrings(bytes: Uint8Array): string[] {
  const reader = new BoundedReader(bytes, classFormatError);
  if (reader.length < 10 || reader.u32be(0, 'magic number') !== CLASS_MAGIC) {
    throw classFormatError('it does not start with 0xCAFEBABE');
  }
  const poolCount = reader.u16be(8, 'constant pool count');
  const strings: string[] = [];
  let offset = 10;
  const pastEnd = (size: number): boolean => offset + size > bytes.length;
  // Hot loop (tens of thousands of classes per JAR): bounds are checked by hand, messages built only on failure.
  for (let index = 1; index < poolCount; index++) {
    if (pastEnd(1))
      throw classFormatError(`constant #${index} lies past the end of the data (${bytes.length} bytes)`);
    const tag = bytes[offset]!;
    offset += 1;
    if (tag === CONSTANT_TAG.Utf8) {
      if (pastEnd(2))
        throw classFormatError(
          `constant #${index} length lies past the end of the data (${bytes.length} bytes)`,
        );
      const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
      offset += 2;
      if (pastEnd(length))
        throw classFormatError(
          `constant #${index} text lies past the end of the data (${bytes.length} bytes)`,
        );
      const text = decodeModifiedUtf8(bytes.subarray(offset, offset + length));
      if (text === undefined) throw classFormatError(`constant #${index} is not valid modified UTF-8`);
      strings.push(text);
      offset += length;
      continue;
    }
    const bodySize = FIXED_BODY_SIZE[tag];
    if (bodySize === undefined) throw classFormatError(`constant #${index} has unknown tag ${tag}`);
    if (pastEnd(bodySize))
      throw classFormatError(`constant #${index} lies past the end of the data (${bytes.length} bytes)`);
    offset += bodySize;
    // Long and Double take two pool slots (JVMS §4.4.5): the next index is unusable.
    if (tag === CONSTANT_TAG.Long || tag === CONSTANT_TAG.Double) index++;
  }
  return strings;
}
