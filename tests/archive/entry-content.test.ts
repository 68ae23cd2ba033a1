import { describe, expect, it } from 'vitest';
import { readCentralDirectory } from '../../shared/archive/central-directory.js';
import { readEntryContent, unsupportedReason } from '../../shared/archive/entry-content.js';
import { deflatedEntry, rawZip, storedEntry } from '../support/archive-fixtures.js';

/** A hand-built archive and the first entry its central directory lists. */
function archiveWith(entry: Parameters<typeof rawZip>[0][number]) {
  const archive = rawZip([entry]);
  const [listed] = readCentralDirectory(archive, 1).entries;
  return { archive, listed: listed! };
}

describe('Function: readEntryContent', () => {
  it('returns the inflated bytes of a deflated entry', () => {
    // Prepare
    const { archive, listed } = archiveWith(deflatedEntry('a.txt', 'hello hello hello'));

    // Act
    const result = readEntryContent(archive, listed, 1024);

    // Assess
    expect(result).toEqual({ outcome: 'read', content: Buffer.from('hello hello hello') });
  });

  it('returns over-cap with the cap as bytes inflated when deflated output passes it', () => {
    // Prepare
    const { archive, listed } = archiveWith(deflatedEntry('a.txt', 'x'.repeat(10_000)));

    // Act
    const result = readEntryContent(archive, listed, 100);

    // Assess
    expect(result).toEqual({ outcome: 'over-cap', bytesInflated: 100 });
  });

  it('returns over-cap without reading when a stored entry is larger than the cap', () => {
    // Prepare
    const { archive, listed } = archiveWith(storedEntry('a.txt', 'x'.repeat(200)));

    // Act
    const result = readEntryContent(archive, listed, 100);

    // Assess
    expect(result).toEqual({ outcome: 'over-cap', bytesInflated: 0 });
  });

  it('returns unreadable when the local header offset points at no local header', () => {
    // Prepare
    const { archive, listed } = archiveWith(storedEntry('a.txt', 'abc'));

    // Act
    const result = readEntryContent(archive, { ...listed, localHeaderOffset: 5 }, 100);

    // Assess
    expect(result).toEqual({
      outcome: 'unreadable',
      reason: 'damaged entry: no local file header at offset 5',
      bytesInflated: 0,
    });
  });

  it('returns unreadable when the content size differs from the declared size', () => {
    // Prepare
    const { archive, listed } = archiveWith({ ...deflatedEntry('a.txt', 'abc'), uncompressedSize: 2 });

    // Act
    const result = readEntryContent(archive, listed, 100);

    // Assess
    expect(result).toEqual({
      outcome: 'unreadable',
      reason: 'content is 3 bytes but the directory declares 2',
      bytesInflated: 3,
    });
  });
});

describe('Function: unsupportedReason', () => {
  it('returns undefined for stored and deflated entries', () => {
    // Prepare
    const { listed } = archiveWith(deflatedEntry('a.txt', 'abc'));

    // Act
    const reasons = [unsupportedReason(listed), unsupportedReason({ ...listed, method: 0 })];

    // Assess
    expect(reasons).toEqual([undefined, undefined]);
  });

  it('returns the reason for an encrypted entry before its method', () => {
    // Prepare
    const { listed } = archiveWith(deflatedEntry('a.txt', 'abc'));

    // Act
    const reason = unsupportedReason({ ...listed, flags: 0x0001, method: 99 });

    // Assess
    expect(reason).toBe('encrypted entry');
  });
});
