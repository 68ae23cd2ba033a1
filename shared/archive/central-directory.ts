import { ArchiveFormatError } from '../errors.js';
import { BoundedReader } from './bounded-reader.js';

/** One file listed in a ZIP's central directory (sizes and offset already widened by ZIP64 extras). */
export interface ZipEntry {
  path: string;
  /** 0 = stored, 8 = deflate; anything else is skipped by the reader. */
  method: number;
  /** General-purpose flags; bit 0 means encrypted. */
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The entries read from a central directory, and how many it declares (more when `maxEntries` cut it short). */
export interface CentralDirectory {
  declaredEntries: number;
  entries: ZipEntry[];
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_EOCD_SIZE = 56;
const ENTRY_SIGNATURE = 0x02014b50;
const ENTRY_SIZE = 46;
const ZIP64_EXTRA_ID = 0x0001;
/** A 16/32-bit field holding this value means "the real value is in the ZIP64 record or extra field". */
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** Builds the error for bytes that are not a readable ZIP/JAR. */
export function zipFormatError(problem: string): ArchiveFormatError {
  return new ArchiveFormatError(
    `not a ZIP/JAR archive: ${problem}, check that the application's code object is the JAR/ZIP you deployed`,
  );
}

interface DirectoryLocation {
  entryCount: number;
  offset: number;
  size: number;
  /** Where the directory must end: the ZIP64 record or the end record, whichever comes first. */
  end: number;
}

/** Finds the End of Central Directory record, searching backwards because a comment (≤ 64 KiB) may follow it. */
function findEndRecord(reader: BoundedReader): number {
  const lowest = Math.max(0, reader.length - EOCD_SIZE - MAX_COMMENT);
  for (let offset = reader.length - EOCD_SIZE; offset >= lowest; offset--) {
    if (reader.u32le(offset, 'end record') !== EOCD_SIGNATURE) continue;
    const commentLength = reader.u16le(offset + 20, 'archive comment length');
    if (offset + EOCD_SIZE + commentLength <= reader.length) return offset;
  }
  throw zipFormatError(`no End of Central Directory record in the last ${reader.length - lowest} bytes`);
}

/** Reads the ZIP64 record the locator just before the end record points to, if there is one. */
function readZip64Location(reader: BoundedReader, endOffset: number): DirectoryLocation | undefined {
  const locatorOffset = endOffset - ZIP64_LOCATOR_SIZE;
  if (locatorOffset < 0 || reader.u32le(locatorOffset, 'ZIP64 locator') !== ZIP64_LOCATOR_SIGNATURE) {
    return undefined;
  }
  const recordOffset = reader.u64le(locatorOffset + 8, 'ZIP64 end record offset');
  if (recordOffset + ZIP64_EOCD_SIZE > locatorOffset) {
    throw zipFormatError(`the ZIP64 end record offset ${recordOffset} overlaps its locator`);
  }
  if (reader.u32le(recordOffset, 'ZIP64 end record') !== ZIP64_EOCD_SIGNATURE) {
    throw zipFormatError(`no ZIP64 end record at offset ${recordOffset}`);
  }
  return {
    entryCount: reader.u64le(recordOffset + 32, 'ZIP64 entry count'),
    size: reader.u64le(recordOffset + 40, 'ZIP64 central directory size'),
    offset: reader.u64le(recordOffset + 48, 'ZIP64 central directory offset'),
    end: recordOffset,
  };
}

/** Locates the central directory from the end record, preferring the ZIP64 record when present. */
function locateDirectory(reader: BoundedReader): DirectoryLocation {
  const endOffset = findEndRecord(reader);
  const disk = reader.u16le(endOffset + 4, 'disk number');
  const directoryDisk = reader.u16le(endOffset + 6, 'central directory disk');
  const zip64 = readZip64Location(reader, endOffset);
  if (zip64 !== undefined) return zip64;
  if (disk !== 0 || directoryDisk !== 0) {
    throw zipFormatError('it is split across several files (multi-disk archives are not supported)');
  }
  const entryCount = reader.u16le(endOffset + 10, 'entry count');
  const size = reader.u32le(endOffset + 12, 'central directory size');
  const offset = reader.u32le(endOffset + 16, 'central directory offset');
  if (entryCount === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    throw zipFormatError('the end record points to a ZIP64 record that is missing');
  }
  return { entryCount, size, offset, end: endOffset };
}

interface Zip64Fields {
  uncompressedSize: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** Replaces the saturated 32-bit fields of an entry by those of its ZIP64 extra field (present only for those). */
function widenWithZip64Extra(
  reader: BoundedReader,
  extraStart: number,
  extraLength: number,
  fields: Zip64Fields,
  path: string,
): Zip64Fields {
  const needs = {
    uncompressedSize: fields.uncompressedSize === U32_MAX,
    compressedSize: fields.compressedSize === U32_MAX,
    localHeaderOffset: fields.localHeaderOffset === U32_MAX,
  };
  if (!needs.uncompressedSize && !needs.compressedSize && !needs.localHeaderOffset) return fields;
  const extraEnd = extraStart + extraLength;
  for (let offset = extraStart; offset + 4 <= extraEnd; ) {
    const id = reader.u16le(offset, `extra field id of ${path}`);
    const size = reader.u16le(offset + 2, `extra field size of ${path}`);
    if (id === ZIP64_EXTRA_ID) {
      // The ZIP64 extra holds only the saturated fields, always in this order.
      let cursor = offset + 4;
      const next = (what: string): number => {
        if (cursor + 8 > offset + 4 + size)
          throw zipFormatError(`the ZIP64 extra field of ${path} lacks the ${what}`);
        const value = reader.u64le(cursor, `ZIP64 ${what} of ${path}`);
        cursor += 8;
        return value;
      };
      return {
        uncompressedSize: needs.uncompressedSize ? next('uncompressed size') : fields.uncompressedSize,
        compressedSize: needs.compressedSize ? next('compressed size') : fields.compressedSize,
        localHeaderOffset: needs.localHeaderOffset ? next('local header offset') : fields.localHeaderOffset,
      };
    }
    offset += 4 + size;
  }
  throw zipFormatError(`${path} has 32-bit sizes set to 0xFFFFFFFF but no ZIP64 extra field`);
}

const nameDecoder = new TextDecoder('utf-8');

/**
 * Reads the central directory of a ZIP/JAR (ZIP64 included), at most `maxEntries` entries; throws
 * ArchiveFormatError when the bytes are not a ZIP or the directory is damaged.
 */
export function readCentralDirectory(bytes: Uint8Array, maxEntries: number): CentralDirectory {
  const reader = new BoundedReader(bytes, zipFormatError);
  const location = locateDirectory(reader);
  if (location.offset + location.size > location.end) {
    throw zipFormatError(
      `the central directory (${location.size} bytes at ${location.offset}) runs past the end record`,
    );
  }
  // Each entry takes at least 46 bytes: a larger count is a lie that would make us loop for nothing.
  if (location.entryCount * ENTRY_SIZE > location.size) {
    throw zipFormatError(
      `the archive declares ${location.entryCount} entries but its directory holds only ${location.size} bytes`,
    );
  }
  const entries: ZipEntry[] = [];
  const directoryEnd = location.offset + location.size;
  let offset = location.offset;
  const toRead = Math.min(location.entryCount, maxEntries);
  for (let index = 0; index < toRead; index++) {
    if (offset + ENTRY_SIZE > directoryEnd) {
      throw zipFormatError(`entry ${index + 1} of ${location.entryCount} lies past the central directory`);
    }
    if (reader.u32le(offset, 'central directory entry') !== ENTRY_SIGNATURE) {
      throw zipFormatError(`entry ${index + 1} of ${location.entryCount} has no central directory signature`);
    }
    const nameLength = reader.u16le(offset + 28, 'entry name length');
    const extraLength = reader.u16le(offset + 30, 'entry extra length');
    const commentLength = reader.u16le(offset + 32, 'entry comment length');
    const recordLength = ENTRY_SIZE + nameLength + extraLength + commentLength;
    if (offset + recordLength > directoryEnd) {
      throw zipFormatError(`entry ${index + 1} of ${location.entryCount} runs past the central directory`);
    }
    const path = nameDecoder.decode(reader.slice(offset + ENTRY_SIZE, nameLength, 'entry name'));
    const sizes = widenWithZip64Extra(
      reader,
      offset + ENTRY_SIZE + nameLength,
      extraLength,
      {
        compressedSize: reader.u32le(offset + 20, 'compressed size'),
        uncompressedSize: reader.u32le(offset + 24, 'uncompressed size'),
        localHeaderOffset: reader.u32le(offset + 42, 'local header offset'),
      },
      path,
    );
    entries.push({
      path,
      flags: reader.u16le(offset + 8, 'entry flags'),
      method: reader.u16le(offset + 10, 'compression method'),
      crc32: reader.u32le(offset + 16, 'CRC-32'),
      ...sizes,
    });
    offset += recordLength;
  }
  return { declaredEntries: location.entryCount, entries };
}
