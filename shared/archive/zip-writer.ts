import { crc32 } from 'node:zlib';
import { ArchiveFormatError } from '../errors.js';

/** One file to put in a ZIP written by `writeStoredZip`. */
export interface StoredZipEntry {
  path: string;
  content: Uint8Array | string;
}

const LOCAL_HEADER_SIZE = 30;
const ENTRY_SIZE = 46;
const EOCD_SIZE = 22;
const VERSION_STORED = 10;
/** Bit 11: names are UTF-8. */
const FLAG_UTF8 = 0x0800;
/** 1980-01-01 00:00, the earliest DOS date: a fixed time keeps the output byte-for-byte reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

const encoder = new TextEncoder();

interface PreparedEntry {
  name: Uint8Array;
  content: Uint8Array;
  crc: number;
  offset: number;
}

/** Writes the fields local headers and directory entries share (version needed … extra length). */
function writeCommonFields(view: DataView, at: number, entry: PreparedEntry): void {
  view.setUint16(at, VERSION_STORED, true);
  view.setUint16(at + 2, FLAG_UTF8, true);
  view.setUint16(at + 4, 0, true); // stored
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, entry.crc, true);
  view.setUint32(at + 14, entry.content.length, true);
  view.setUint32(at + 18, entry.content.length, true);
  view.setUint16(at + 22, entry.name.length, true);
  view.setUint16(at + 24, 0, true);
}

/**
 * Writes a ZIP (hence a JAR) of stored, uncompressed entries, for the demo account and the sandbox to
 * build small JARs at run time without a dependency; not for archives over 65,535 entries or 4 GiB.
 */
export function writeStoredZip(entries: StoredZipEntry[]): Uint8Array {
  if (entries.length > MAX_ENTRIES) {
    throw new ArchiveFormatError(
      `cannot write ${entries.length} entries: writeStoredZip builds small archives (at most ${MAX_ENTRIES} entries)`,
    );
  }
  let offset = 0;
  const prepared: PreparedEntry[] = entries.map((entry) => {
    const content = typeof entry.content === 'string' ? encoder.encode(entry.content) : entry.content;
    const name = encoder.encode(entry.path);
    const item = { name, content, crc: crc32(content) >>> 0, offset };
    offset += LOCAL_HEADER_SIZE + name.length + content.length;
    return item;
  });
  const directoryOffset = offset;
  const directorySize = prepared.reduce((size, entry) => size + ENTRY_SIZE + entry.name.length, 0);
  if (directoryOffset + directorySize > MAX_OFFSET) {
    throw new ArchiveFormatError('cannot write 4 GiB or more: writeStoredZip builds small archives only');
  }
  const out = new Uint8Array(directoryOffset + directorySize + EOCD_SIZE);
  const view = new DataView(out.buffer);
  let directoryAt = directoryOffset;
  for (const entry of prepared) {
    view.setUint32(entry.offset, 0x04034b50, true);
    writeCommonFields(view, entry.offset + 4, entry);
    out.set(entry.name, entry.offset + LOCAL_HEADER_SIZE);
    out.set(entry.content, entry.offset + LOCAL_HEADER_SIZE + entry.name.length);

    view.setUint32(directoryAt, 0x02014b50, true);
    view.setUint16(directoryAt + 4, VERSION_STORED, true); // made by: MS-DOS, 1.0
    writeCommonFields(view, directoryAt + 6, entry);
    // comment length, disk, internal and external attributes stay 0
    view.setUint32(directoryAt + 42, entry.offset, true);
    out.set(entry.name, directoryAt + ENTRY_SIZE);
    directoryAt += ENTRY_SIZE + entry.name.length;
  }
  const end = directoryAt;
  view.setUint32(end, 0x06054b50, true);
  view.setUint16(end + 8, prepared.length, true);
  view.setUint16(end + 10, prepared.length, true);
  view.setUint32(end + 12, directorySize, true);
  view.setUint32(end + 16, directoryOffset, true);
  return out;
}
