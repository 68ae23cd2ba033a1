import { crc32 } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCentralDirectory } from '../../shared/archive/central-directory.js';
import { ArchiveFormatError } from '../../shared/errors.js';
import { deflatedEntry, rawZip, storedEntry } from '../support/archive-fixtures.js';

const ADVICE = "check that the application's code object is the JAR/ZIP you deployed";

/** Runs the reader and returns the error it throws (undefined when it does not throw). */
function errorOf(bytes: Uint8Array): unknown {
  try {
    readCentralDirectory(bytes, 100);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('Function: readCentralDirectory', () => {
  it('returns the entries of a ZIP64 archive, sizes and offsets taken from the ZIP64 extra fields', () => {
    // Prepare
    const text = deflatedEntry('conf/app.properties', 'a=1\n'.repeat(20));
    const zip = rawZip([text, storedEntry('b.txt', 'b')], { zip64: true });

    // Act
    const directory = readCentralDirectory(zip, 100);

    // Assess
    expect(directory).toEqual({
      declaredEntries: 2,
      entries: [
        {
          path: 'conf/app.properties',
          method: 8,
          flags: 0,
          crc32: crc32('a=1\n'.repeat(20)),
          compressedSize: text.data.length,
          uncompressedSize: 80,
          localHeaderOffset: 0,
        },
        {
          path: 'b.txt',
          method: 0,
          flags: 0,
          crc32: crc32('b'),
          compressedSize: 1,
          uncompressedSize: 1,
          localHeaderOffset: 30 + 19 + text.data.length,
        },
      ],
    });
  });

  it('returns the entries when a 65,535-byte comment follows the end record', () => {
    // Prepare
    const zip = rawZip([storedEntry('a.txt', 'a')], { comment: 'c'.repeat(65_535) });

    // Act
    const directory = readCentralDirectory(zip, 100);

    // Assess
    expect(directory).toEqual({
      declaredEntries: 1,
      entries: [
        {
          path: 'a.txt',
          method: 0,
          flags: 0,
          crc32: crc32('a'),
          compressedSize: 1,
          uncompressedSize: 1,
          localHeaderOffset: 0,
        },
      ],
    });
  });

  it('returns at most maxEntries entries with the declared count', () => {
    // Prepare
    const zip = rawZip([storedEntry('a.txt', 'a'), storedEntry('b.txt', 'b'), storedEntry('c.txt', 'c')]);
    const entry = { method: 0, flags: 0, compressedSize: 1, uncompressedSize: 1 };

    // Act
    const directory = readCentralDirectory(zip, 2);

    // Assess
    expect(directory).toEqual({
      declaredEntries: 3,
      entries: [
        { ...entry, path: 'a.txt', crc32: crc32('a'), localHeaderOffset: 0 },
        { ...entry, path: 'b.txt', crc32: crc32('b'), localHeaderOffset: 36 },
      ],
    });
  });

  it('throws ArchiveFormatError when the archive is truncated', () => {
    // Prepare
    const zip = zipSync({ 'a.txt': strToU8('a') });

    // Act
    const error = errorOf(zip.subarray(0, zip.length - 1));

    // Assess
    expect(error).toEqual(
      new ArchiveFormatError(
        `not a ZIP/JAR archive: no End of Central Directory record in the last ${zip.length - 1} bytes, ${ADVICE}`,
      ),
    );
  });

  it('throws ArchiveFormatError when the end record declares more entries than the directory holds', () => {
    // Prepare
    const zip = Uint8Array.from(zipSync({ 'a.txt': strToU8('a') }));
    zip[zip.length - 22 + 10] = 0xff; // total entries: 255

    // Act
    const error = errorOf(zip);

    // Assess
    expect(error).toEqual(
      new ArchiveFormatError(
        `not a ZIP/JAR archive: the archive declares 255 entries but its directory holds only 51 bytes, ${ADVICE}`,
      ),
    );
  });

  it('throws ArchiveFormatError when the ZIP64 locator points to no ZIP64 end record', () => {
    // Prepare
    const zip = rawZip([storedEntry('a.txt', 'a')], { zip64: true });
    const recordOffset = zip.length - 22 - 20 - 56;
    zip[recordOffset] = 0; // break the record's signature

    // Act
    const error = errorOf(zip);

    // Assess
    expect(error).toEqual(
      new ArchiveFormatError(
        `not a ZIP/JAR archive: no ZIP64 end record at offset ${recordOffset}, ${ADVICE}`,
      ),
    );
  });

  it('throws ArchiveFormatError when the directory offset points past the end record', () => {
    // Prepare
    const zip = Uint8Array.from(zipSync({ 'a.txt': strToU8('a') }));
    zip[zip.length - 22 + 19] = 0x7f; // central directory offset: ~2 GiB

    // Act
    const error = errorOf(zip);

    // Assess
    const offset = 0x7f000000 + zip.length - 22 - 51;
    expect(error).toEqual(
      new ArchiveFormatError(
        `not a ZIP/JAR archive: the central directory (51 bytes at ${offset}) runs past the end record, ${ADVICE}`,
      ),
    );
  });
});
