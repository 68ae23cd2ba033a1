import { crc32, inflateRawSync } from 'node:zlib';
import { ArchiveFormatError } from '../errors.js';
import { BoundedReader } from './bounded-reader.js';
import type { ZipEntry } from './central-directory.js';

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;

/** What reading one entry gave: its bytes, a reason it cannot be read, or the output cap it reached. */
export type EntryContent =
  | { outcome: 'read'; content: Uint8Array }
  | { outcome: 'unreadable'; reason: string; bytesInflated: number }
  | { outcome: 'over-cap'; bytesInflated: number };

/** Says why an entry will not be read whatever the caps (method, encryption), or undefined when it can be. */
export function unsupportedReason(entry: ZipEntry): string | undefined {
  if ((entry.flags & FLAG_ENCRYPTED) !== 0) return 'encrypted entry';
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    return `compression method ${entry.method} is not supported (only stored and deflate)`;
  }
  return undefined;
}

/** Damage confined to one entry: the reason it is skipped, without the whole-archive advice. */
function entryDamage(problem: string): ArchiveFormatError {
  return new ArchiveFormatError(`damaged entry: ${problem}`);
}

/** Finds where an entry's compressed data starts: after its local header, whose name/extra lengths may differ from the directory's. */
function dataOffset(reader: BoundedReader, entry: ZipEntry): number {
  const header = entry.localHeaderOffset;
  if (reader.u32le(header, 'local file header') !== LOCAL_HEADER_SIGNATURE) {
    throw entryDamage(`no local file header at offset ${header}`);
  }
  const nameLength = reader.u16le(header + 26, 'local name length');
  const extraLength = reader.u16le(header + 28, 'local extra length');
  return header + LOCAL_HEADER_SIZE + nameLength + extraLength;
}

/** True for the RangeError zlib raises when the output would pass `maxOutputLength`. */
function isOutputCapError(error: unknown): boolean {
  return error instanceof RangeError && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Reads one entry's bytes, inflating at most `outputCap` bytes so a zip bomb stops at the cap instead of
 * filling memory; damage local to the entry (bad header, corrupt deflate data, CRC mismatch) makes it
 * unreadable rather than failing the whole archive.
 */
export function readEntryContent(archive: Uint8Array, entry: ZipEntry, outputCap: number): EntryContent {
  const reader = new BoundedReader(archive, entryDamage);
  let compressed: Uint8Array;
  try {
    compressed = reader.slice(dataOffset(reader, entry), entry.compressedSize, 'entry data');
  } catch (error) {
    if (error instanceof ArchiveFormatError)
      return { outcome: 'unreadable', reason: error.message, bytesInflated: 0 };
    throw error;
  }
  let content: Uint8Array;
  if (entry.method === METHOD_STORED) {
    if (compressed.length > outputCap) return { outcome: 'over-cap', bytesInflated: 0 };
    content = compressed;
  } else {
    try {
      content = inflateRawSync(compressed, { maxOutputLength: Math.max(1, outputCap) });
    } catch (error) {
      if (isOutputCapError(error)) return { outcome: 'over-cap', bytesInflated: outputCap };
      const detail = error instanceof Error ? error.message : String(error);
      return { outcome: 'unreadable', reason: `corrupt deflate data (${detail})`, bytesInflated: 0 };
    }
    if (content.length > outputCap) return { outcome: 'over-cap', bytesInflated: outputCap };
  }
  if (content.length !== entry.uncompressedSize) {
    return {
      outcome: 'unreadable',
      reason: `content is ${content.length} bytes but the directory declares ${entry.uncompressedSize}`,
      bytesInflated: content.length,
    };
  }
  if (crc32(content) >>> 0 !== entry.crc32) {
    return { outcome: 'unreadable', reason: 'CRC-32 mismatch', bytesInflated: content.length };
  }
  return { outcome: 'read', content };
}
