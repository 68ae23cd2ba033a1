// Hand-built ZIP and class-file bytes for the cases fflate cannot produce: ZIP64, unknown methods,
// encrypted flags, directories that lie about sizes, constant pools holding every tag.
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built ZIP: `data` is written as is, the header fields as given. */
export interface RawZipEntry {
  path: string;
  data: Uint8Array;
  method: number;
  crc32: number;
  uncompressedSize: number;
  flags?: number;
}

/** A deflated entry with honest sizes and CRC. */
export function deflatedEntry(path: string, content: Uint8Array | string): RawZipEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return {
    path,
    data: deflateRawSync(bytes),
    method: 8,
    crc32: crc32(bytes) >>> 0,
    uncompressedSize: bytes.length,
  };
}

/** A stored entry with honest sizes and CRC. */
export function storedEntry(path: string, content: Uint8Array | string): RawZipEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { path, data: bytes, method: 0, crc32: crc32(bytes) >>> 0, uncompressedSize: bytes.length };
}

/** Little-endian byte writer for ZIP records, growing by doubling (fat-JAR fixtures hold 70,000 entries). */
class RecordBytes {
  private buffer = Buffer.alloc(1024);
  length = 0;
  // Callers take the offset before touching `buffer`: reserving may replace it.
  private reserve(size: number): number {
    while (this.length + size > this.buffer.length) {
      const grown = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(grown);
      this.buffer = grown;
    }
    const at = this.length;
    this.length += size;
    return at;
  }
  u16(value: number): void {
    const at = this.reserve(2);
    this.buffer.writeUInt16LE(value, at);
  }
  u32(value: number): void {
    const at = this.reserve(4);
    this.buffer.writeUInt32LE(value, at);
  }
  u64(value: number): void {
    const at = this.reserve(8);
    this.buffer.writeBigUInt64LE(BigInt(value), at);
  }
  bytes(value: Uint8Array): void {
    const at = this.reserve(value.length);
    this.buffer.set(value, at);
  }
  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return Uint8Array.from(this.buffer.subarray(0, this.length));
  }
}

/**
 * Writes a ZIP by hand. With `zip64`, every entry's sizes and offset go to a ZIP64 extra field and the
 * directory is located through a ZIP64 end record and locator, as fat JARs over 65,535 entries are.
 */
export function rawZip(
  entries: RawZipEntry[],
  options: { zip64?: boolean; comment?: string } = {},
): Uint8Array {
  const out = new RecordBytes();
  const offsets: number[] = [];
  for (const entry of entries) {
    offsets.push(out.length);
    const name = Buffer.from(entry.path);
    out.u32(0x04034b50);
    out.u16(20);
    out.u16(entry.flags ?? 0);
    out.u16(entry.method);
    out.u32(0); // time, date
    out.u32(entry.crc32);
    out.u32(entry.data.length);
    out.u32(entry.uncompressedSize);
    out.u16(name.length);
    out.u16(0);
    out.bytes(name);
    out.bytes(entry.data);
  }
  const directoryOffset = out.length;
  entries.forEach((entry, index) => {
    const name = Buffer.from(entry.path);
    const zip64 = options.zip64 === true;
    out.u32(0x02014b50);
    out.u16(45);
    out.u16(zip64 ? 45 : 20);
    out.u16(entry.flags ?? 0);
    out.u16(entry.method);
    out.u32(0); // time, date
    out.u32(entry.crc32);
    out.u32(zip64 ? 0xffffffff : entry.data.length);
    out.u32(zip64 ? 0xffffffff : entry.uncompressedSize);
    out.u16(name.length);
    out.u16(zip64 ? 28 : 0);
    out.u16(0); // comment
    out.u16(0); // disk
    out.u16(0); // internal attributes
    out.u32(0); // external attributes
    out.u32(zip64 ? 0xffffffff : offsets[index]!);
    out.bytes(name);
    if (zip64) {
      out.u16(0x0001);
      out.u16(24);
      out.u64(entry.uncompressedSize);
      out.u64(entry.data.length);
      out.u64(offsets[index]!);
    }
  });
  const directorySize = out.length - directoryOffset;
  if (options.zip64 === true) {
    const recordOffset = out.length;
    out.u32(0x06064b50);
    out.u64(44); // size of the rest of the record
    out.u16(45);
    out.u16(45);
    out.u32(0);
    out.u32(0);
    out.u64(entries.length);
    out.u64(entries.length);
    out.u64(directorySize);
    out.u64(directoryOffset);
    out.u32(0x07064b50);
    out.u32(0);
    out.u64(recordOffset);
    out.u32(1);
  }
  const comment = Buffer.from(options.comment ?? '');
  out.u32(0x06054b50);
  out.u16(0);
  out.u16(0);
  out.u16(options.zip64 === true ? 0xffff : entries.length);
  out.u16(options.zip64 === true ? 0xffff : entries.length);
  out.u32(options.zip64 === true ? 0xffffffff : directorySize);
  out.u32(options.zip64 === true ? 0xffffffff : directoryOffset);
  out.u16(comment.length);
  out.bytes(comment);
  return out.toBytes();
}

/** Big-endian class-file writer for constant pools the demo writer never produces. */
class ClassBytes {
  readonly bytes: number[] = [];
  u8(...values: number[]): this {
    this.bytes.push(...values);
    return this;
  }
  u16(value: number): this {
    return this.u8((value >> 8) & 0xff, value & 0xff);
  }
  utf8(raw: number[]): this {
    return this.u8(1)
      .u16(raw.length)
      .u8(...raw);
  }
}

/** The Utf8 strings `classWithEveryTag` holds, in pool order. */
export const EVERY_TAG_STRINGS = [
  'Every',
  'java/lang/Object',
  'a\u0000b',
  'caf\u00e9 \u20ac \u{1F600}',
  'run',
];

/**
 * A class file whose constant pool holds every tag (JVMS §4.4), Long and Double taking two slots, and
 * Utf8 strings in modified UTF-8 (NUL as C0 80, the emoji as two 3-byte surrogates).
 */
export function classWithEveryTag(): Uint8Array {
  const pool = new ClassBytes()
    .utf8([...Buffer.from('Every')]) // #1
    .u8(7)
    .u16(1) // #2 Class
    .utf8([...Buffer.from('java/lang/Object')]) // #3
    .u8(7)
    .u16(3) // #4 Class
    .utf8([0x61, 0xc0, 0x80, 0x62]) // #5 "a\0b"
    .utf8([
      ...[0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20],
      ...[0xe2, 0x82, 0xac, 0x20],
      ...[0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80],
    ]) // #6 "café € 😀"
    .u8(3, 0, 0, 0, 42) // #7 Integer
    .u8(4, 0x3f, 0x80, 0, 0) // #8 Float
    .u8(5, 0, 0, 0, 0, 0, 0, 0, 1) // #9-10 Long
    .u8(6, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18) // #11-12 Double
    .u8(8)
    .u16(5) // #13 String
    .utf8([...Buffer.from('run')]) // #14
    .u8(12)
    .u16(14)
    .u16(3) // #15 NameAndType (sloppy descriptor: only the layout matters here)
    .u8(9)
    .u16(2)
    .u16(15) // #16 Fieldref
    .u8(10)
    .u16(2)
    .u16(15) // #17 Methodref
    .u8(11)
    .u16(4)
    .u16(15) // #18 InterfaceMethodref
    .u8(15, 6)
    .u16(17) // #19 MethodHandle
    .u8(16)
    .u16(3) // #20 MethodType
    .u8(17)
    .u16(0)
    .u16(15) // #21 Dynamic
    .u8(18)
    .u16(0)
    .u16(15) // #22 InvokeDynamic
    .u8(19)
    .u16(1) // #23 Module
    .u8(20)
    .u16(1); // #24 Package
  return Uint8Array.from(
    new ClassBytes()
      .u8(0xca, 0xfe, 0xba, 0xbe)
      .u16(0)
      .u16(61)
      .u16(25)
      .u8(...pool.bytes)
      .u16(0x21)
      .u16(2)
      .u16(4)
      .u16(0)
      .u16(0)
      .u16(0)
      .u16(0).bytes,
  );
}
