import type { ArchiveFormatError } from '../errors.js';

/** Turns a problem found in the bytes ("central directory lies past the end") into the error to throw. */
export type FormatProblem = (problem: string) => ArchiveFormatError;

/**
 * Reads integers and slices from untrusted bytes, checking every range first: hostile input gets an
 * ArchiveFormatError that names what was being read, never a RangeError or a silent `undefined`.
 */
export class BoundedReader {
  readonly bytes: Uint8Array;
  readonly length: number;
  private readonly problem: FormatProblem;

  constructor(bytes: Uint8Array, problem: FormatProblem) {
    this.bytes = bytes;
    this.length = bytes.length;
    this.problem = problem;
  }

  /** Throws unless `length` bytes from `offset` lie inside the data. */
  require(offset: number, length: number, what: string): void {
    const inside =
      Number.isSafeInteger(offset) &&
      Number.isSafeInteger(length) &&
      offset >= 0 &&
      length >= 0 &&
      offset + length <= this.length;
    if (!inside) {
      throw this.problem(
        `${what} lies past the end of the data (${length} bytes at offset ${offset} of ${this.length})`,
      );
    }
  }

  /** Unsigned byte. */
  u8(offset: number, what: string): number {
    this.require(offset, 1, what);
    return this.bytes[offset]!;
  }

  /** Unsigned 16-bit little-endian integer (ZIP). */
  u16le(offset: number, what: string): number {
    this.require(offset, 2, what);
    return this.bytes[offset]! | (this.bytes[offset + 1]! << 8);
  }

  /** Unsigned 32-bit little-endian integer (ZIP). */
  u32le(offset: number, what: string): number {
    this.require(offset, 4, what);
    return (
      (this.bytes[offset]! |
        (this.bytes[offset + 1]! << 8) |
        (this.bytes[offset + 2]! << 16) |
        (this.bytes[offset + 3]! << 24)) >>>
      0
    );
  }

  /** Unsigned 64-bit little-endian integer (ZIP64); values past 2^53 cannot be offsets in memory, so they throw. */
  u64le(offset: number, what: string): number {
    const low = this.u32le(offset, what);
    const high = this.u32le(offset + 4, what);
    const value = high * 2 ** 32 + low;
    if (!Number.isSafeInteger(value)) throw this.problem(`${what} is too large (${value})`);
    return value;
  }

  /** Unsigned 16-bit big-endian integer (class files). */
  u16be(offset: number, what: string): number {
    this.require(offset, 2, what);
    return (this.bytes[offset]! << 8) | this.bytes[offset + 1]!;
  }

  /** Unsigned 32-bit big-endian integer (class files). */
  u32be(offset: number, what: string): number {
    this.require(offset, 4, what);
    return (
      ((this.bytes[offset]! << 24) |
        (this.bytes[offset + 1]! << 16) |
        (this.bytes[offset + 2]! << 8) |
        this.bytes[offset + 3]!) >>>
      0
    );
  }

  /** A view (no copy) of `length` bytes from `offset`. */
  slice(offset: number, length: number, what: string): Uint8Array {
    this.require(offset, length, what);
    return this.bytes.subarray(offset, offset + length);
  }
}
