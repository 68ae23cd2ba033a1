import { describe, expect, it } from 'vitest';
import { BoundedReader } from '../../shared/archive/bounded-reader.js';
import { ArchiveFormatError } from '../../shared/errors.js';

const problem = (text: string): ArchiveFormatError => new ArchiveFormatError(`bad: ${text}`);
const reader = new BoundedReader(Uint8Array.of(0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xff), problem);

describe('Class: BoundedReader', () => {
  describe('Method: integers', () => {
    it('returns little- and big-endian values', () => {
      // Prepare
      const wide = new BoundedReader(Uint8Array.of(0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x01, 0x00), problem);

      // Act
      const values = [
        reader.u8(4, 'byte'),
        reader.u16le(0, 'u16le'),
        reader.u32le(0, 'u32le'),
        reader.u32le(4, 'u32le'),
        wide.u64le(0, 'u64le'),
        reader.u16be(0, 'u16be'),
        reader.u32be(0, 'u32be'),
      ];

      // Assess
      expect(values).toEqual([
        0xff,
        0x0201,
        0x04030201,
        0xffffffff,
        2 ** 48 + 0x04030201,
        0x0102,
        0x01020304,
      ]);
    });

    it('throws the given format error when a value lies past the end', () => {
      // Act
      const act = (): number => reader.u32le(6, 'entry count');

      // Assess
      expect(act).toThrow(
        new ArchiveFormatError('bad: entry count lies past the end of the data (4 bytes at offset 6 of 8)'),
      );
    });

    it('throws the given format error for a 64-bit value beyond 2^53', () => {
      // Prepare
      const large = new BoundedReader(Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff), problem);

      // Act
      const act = (): number => large.u64le(0, 'offset');

      // Assess
      expect(act).toThrow(new ArchiveFormatError('bad: offset is too large (18446744069414584000)'));
    });
  });

  describe('Method: slice', () => {
    it('returns a view of the bytes', () => {
      // Act
      const view = reader.slice(1, 2, 'name');

      // Assess
      expect([...view]).toEqual([0x02, 0x03]);
    });

    it('throws the given format error for a negative offset', () => {
      // Act
      const act = (): Uint8Array => reader.slice(-1, 2, 'name');

      // Assess
      expect(act).toThrow(
        new ArchiveFormatError('bad: name lies past the end of the data (2 bytes at offset -1 of 8)'),
      );
    });
  });
});
