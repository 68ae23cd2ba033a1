import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ArchiveSummary, ArchiveText } from '../../shared/archive/archive-texts.js';
import { visitArchiveTexts } from '../../shared/archive/archive-texts.js';
import { minimalClassFile } from '../../shared/archive/class-file-writer.js';
import type { ArchiveLimits } from '../../shared/archive/limits.js';
import { ArchiveFormatError } from '../../shared/errors.js';
import type { RawZipEntry } from '../support/archive-fixtures.js';
import { deflatedEntry, rawZip, storedEntry } from '../support/archive-fixtures.js';

const ADVICE = "check that the application's code object is the JAR/ZIP you deployed";
const MIB = 1024 * 1024;

/** Visits an archive and returns what the visitor was given along with the summary. */
function readArchive(
  bytes: Uint8Array,
  limits?: Partial<ArchiveLimits>,
): { texts: ArchiveText[]; summary: ArchiveSummary } {
  const texts: ArchiveText[] = [];
  const summary = visitArchiveTexts(bytes, (text) => texts.push(text), limits);
  return { texts, summary };
}

/** A summary with every count at zero, to spread the counts a test expects over. */
const NOTHING_READ: ArchiveSummary = {
  entries: 0,
  textsRead: 0,
  classesRead: 0,
  nestedArchives: 0,
  bytesInflated: 0,
  skipped: [],
};

/** Deflating 200 MB takes a second or two: both bomb tests share one. */
let zeroBomb: RawZipEntry | undefined;
function zeroBombEntry(): RawZipEntry {
  zeroBomb ??= deflatedEntry('conf/big.json', new Uint8Array(200 * MIB));
  return zeroBomb;
}
const SLOW_FIXTURE = { timeout: 30_000 };

const PROPERTIES = 'aws.access.key=AKIAIOSFODNN7EXAMPLE\n';
const JOB_CLASS = minimalClassFile('com.example.Job', ['jdbc:postgresql://db/app']);
const JOB_CLASS_TEXT = 'com/example/Job\njava/lang/Object\njdbc:postgresql://db/app';

describe('Function: visitArchiveTexts', () => {
  it('returns text entries and class constant pools of a deflated JAR, counting the other entries', () => {
    // Prepare
    const jar = zipSync({
      'META-INF/MANIFEST.MF': strToU8('Main-Class: com.example.Job\n'),
      'conf/app.properties': strToU8(PROPERTIES),
      'com/example/Job.class': JOB_CLASS,
      'img/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });

    // Act
    const { texts, summary } = readArchive(jar);

    // Assess
    expect(texts).toEqual([
      { path: 'META-INF/MANIFEST.MF', source: 'text', text: 'Main-Class: com.example.Job\n' },
      { path: 'conf/app.properties', source: 'text', text: PROPERTIES },
      { path: 'com/example/Job.class', source: 'class-constant-pool', text: JOB_CLASS_TEXT },
    ]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 4,
      textsRead: 2,
      classesRead: 1,
      bytesInflated: 28 + PROPERTIES.length + JOB_CLASS.length,
    });
  });

  it('returns the texts of a stored (uncompressed) archive', () => {
    // Prepare
    const jar = zipSync({ 'conf/app.properties': strToU8(PROPERTIES) }, { level: 0 });

    // Act
    const { texts, summary } = readArchive(jar);

    // Assess
    expect(texts).toEqual([{ path: 'conf/app.properties', source: 'text', text: PROPERTIES }]);
    expect(summary).toEqual({ ...NOTHING_READ, entries: 1, textsRead: 1, bytesInflated: PROPERTIES.length });
  });

  it('returns the texts of a nested JAR with paths joined by !/', () => {
    // Prepare
    const inner = zipSync({ 'conf/app.properties': strToU8(PROPERTIES), 'com/example/Job.class': JOB_CLASS });
    const jar = zipSync({ 'lib/inner.jar': inner });

    // Act
    const { texts, summary } = readArchive(jar);

    // Assess
    expect(texts).toEqual([
      { path: 'lib/inner.jar!/conf/app.properties', source: 'text', text: PROPERTIES },
      { path: 'lib/inner.jar!/com/example/Job.class', source: 'class-constant-pool', text: JOB_CLASS_TEXT },
    ]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 3,
      textsRead: 1,
      classesRead: 1,
      nestedArchives: 1,
      bytesInflated: inner.length + PROPERTIES.length + JOB_CLASS.length,
    });
  });

  it('returns a skip for an archive nested deeper than the depth cap', () => {
    // Prepare
    const level3 = zipSync({ 'deep.properties': strToU8('a=1') });
    const level2 = zipSync({ 'c.jar': level3, 'two.txt': strToU8('2') });
    const level1 = zipSync({ 'b.jar': level2 });
    const jar = zipSync({ 'a.jar': level1 });

    // Act
    const { texts, summary } = readArchive(jar);

    // Assess
    expect(texts).toEqual([{ path: 'a.jar!/b.jar!/two.txt', source: 'text', text: '2' }]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 4,
      textsRead: 1,
      nestedArchives: 2,
      bytesInflated: level1.length + level2.length + 1,
      skipped: [{ path: 'a.jar!/b.jar!/c.jar', reason: 'nested archive deeper than the depth cap of 2' }],
    });
  });

  it('returns a skip for every nested archive when maxDepth is 0', () => {
    // Prepare
    const jar = zipSync({ 'lib/inner.jar': zipSync({ 'a.txt': strToU8('a') }) });

    // Act
    const { texts, summary } = readArchive(jar, { maxDepth: 0 });

    // Assess
    expect(texts).toEqual([]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 1,
      skipped: [{ path: 'lib/inner.jar', reason: 'nested archive deeper than the depth cap of 0' }],
    });
  });

  it('returns an incomplete summary when the entry cap is reached inside a nested archive', () => {
    // Prepare
    const inner = zipSync({ 'b.txt': strToU8('b'), 'c.txt': strToU8('c'), 'd.txt': strToU8('d') });
    const jar = zipSync({ 'a.txt': strToU8('a'), 'lib/inner.jar': inner, 'e.txt': strToU8('e') });

    // Act
    const { texts, summary } = readArchive(jar, { maxEntries: 3 });

    // Assess
    expect(texts).toEqual([
      { path: 'a.txt', source: 'text', text: 'a' },
      { path: 'lib/inner.jar!/b.txt', source: 'text', text: 'b' },
    ]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 3,
      textsRead: 2,
      nestedArchives: 1,
      bytesInflated: 1 + inner.length + 1,
      incomplete:
        'the cap of 3 entries was reached: 2 entries of lib/inner.jar and every entry after them were not read',
    });
  });

  it(
    'returns a skip, without inflating, for a 200 MB zip bomb whose directory states its size',
    SLOW_FIXTURE,
    () => {
      // Prepare
      const bomb = rawZip([zeroBombEntry()]);

      // Act
      const { texts, summary } = readArchive(bomb);

      // Assess
      expect(texts).toEqual([]);
      expect(summary).toEqual({
        ...NOTHING_READ,
        entries: 1,
        skipped: [{ path: 'conf/big.json', reason: 'larger than the per-entry cap of 67108864 bytes' }],
      });
    },
  );

  it(
    'returns a skip once a 200 MB zip bomb that lies about its size passes the ratio cap',
    SLOW_FIXTURE,
    () => {
      // Prepare
      const entry = zeroBombEntry();
      const bomb = rawZip([{ ...entry, uncompressedSize: 100 }]);

      // Act
      const { texts, summary } = readArchive(bomb);

      // Assess: inflation stopped at 200 × the compressed size (≈ 40 MB), not at 200 MB
      expect(texts).toEqual([]);
      expect(summary).toEqual({
        ...NOTHING_READ,
        entries: 1,
        bytesInflated: entry.data.length * 200,
        skipped: [{ path: 'conf/big.json', reason: 'compression ratio over 200:1 (possible zip bomb)' }],
      });
    },
  );

  it('returns a skip once an entry that lies about its size passes the per-entry cap', () => {
    // Prepare
    const entry = deflatedEntry('conf/app.json', 'x'.repeat(3 * MIB));
    const archive = rawZip([{ ...entry, uncompressedSize: 100 }]);

    // Act
    const { summary } = readArchive(archive, { maxEntryBytes: 2 * MIB, maxRatio: 100_000 });

    // Assess
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 1,
      bytesInflated: 2 * MIB,
      skipped: [{ path: 'conf/app.json', reason: 'larger than the per-entry cap of 2097152 bytes' }],
    });
  });

  it('returns an incomplete summary when the total cap would be passed', () => {
    // Prepare
    const jar = zipSync({ 'a.txt': strToU8('aaaaaa'), 'b.txt': strToU8('bbbbbb'), 'c.txt': strToU8('c') });

    // Act
    const { texts, summary } = readArchive(jar, { maxTotalBytes: 10 });

    // Assess
    expect(texts).toEqual([{ path: 'a.txt', source: 'text', text: 'aaaaaa' }]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 2,
      textsRead: 1,
      bytesInflated: 6,
      incomplete:
        'stopped at b.txt: reading it would pass the total cap of 10 bytes (4 left); ' +
        'it and every entry after it were not read',
    });
  });

  it('returns the texts of a ZIP64 archive with more than 65,535 entries', SLOW_FIXTURE, () => {
    // Prepare
    const filler = Array.from({ length: 70_000 }, (_, index) => storedEntry(`assets/${index}.bin`, ''));
    const archive = rawZip([...filler, deflatedEntry('conf/app.properties', PROPERTIES)], { zip64: true });

    // Act
    const { texts, summary } = readArchive(archive);

    // Assess
    expect(texts).toEqual([{ path: 'conf/app.properties', source: 'text', text: PROPERTIES }]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 70_001,
      textsRead: 1,
      bytesInflated: PROPERTIES.length,
    });
  });

  it('returns skips for an unknown compression method and an encrypted entry', () => {
    // Prepare
    const archive = rawZip([
      { ...storedEntry('conf/a.properties', 'a=1'), method: 12 },
      { ...deflatedEntry('conf/b.properties', 'b=2'), flags: 0x0001 },
    ]);

    // Act
    const { texts, summary } = readArchive(archive);

    // Assess
    expect(texts).toEqual([]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 2,
      skipped: [
        {
          path: 'conf/a.properties',
          reason: 'compression method 12 is not supported (only stored and deflate)',
        },
        { path: 'conf/b.properties', reason: 'encrypted entry' },
      ],
    });
  });

  it('returns skips for a CRC mismatch and corrupt deflate data', () => {
    // Prepare
    const archive = rawZip([
      { ...storedEntry('a.txt', 'a'), crc32: 1 },
      { ...deflatedEntry('b.txt', 'b'), data: Uint8Array.from([0xff, 0xff, 0xff]) },
    ]);

    // Act
    const { summary } = readArchive(archive);

    // Assess
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 2,
      bytesInflated: 1,
      skipped: [
        { path: 'a.txt', reason: 'CRC-32 mismatch' },
        { path: 'b.txt', reason: 'corrupt deflate data (invalid block type)' },
      ],
    });
  });

  it('returns a skip for a text entry larger than the per-entry cap', () => {
    // Prepare
    const jar = zipSync({ 'conf/app.properties': strToU8(PROPERTIES) });

    // Act
    const { texts, summary } = readArchive(jar, { maxEntryBytes: 10 });

    // Assess
    expect(texts).toEqual([]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 1,
      skipped: [{ path: 'conf/app.properties', reason: 'larger than the per-entry cap of 10 bytes' }],
    });
  });

  it('returns a skip for a text-named entry holding NUL bytes', () => {
    // Prepare
    const jar = zipSync({ 'conf/app.conf': Uint8Array.from([0x61, 0x00, 0x62, 0x00]) });

    // Act
    const { texts, summary } = readArchive(jar);

    // Assess
    expect(texts).toEqual([]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 1,
      bytesInflated: 4,
      skipped: [{ path: 'conf/app.conf', reason: 'binary content (NUL bytes) in a text-named entry' }],
    });
  });

  it('returns skips for a malformed class file and a nested archive that is not a ZIP', () => {
    // Prepare
    const jar = zipSync({
      'com/example/Bad.class': strToU8('not a class'),
      'lib/bad.jar': strToU8('not a jar'),
    });

    // Act
    const { texts, summary } = readArchive(jar);

    // Assess
    expect(texts).toEqual([]);
    expect(summary).toEqual({
      ...NOTHING_READ,
      entries: 2,
      bytesInflated: 11 + 9,
      skipped: [
        {
          path: 'com/example/Bad.class',
          reason: 'not a valid Java class file: it does not start with 0xCAFEBABE',
        },
        {
          path: 'lib/bad.jar',
          reason: `not a ZIP/JAR archive: no End of Central Directory record in the last 9 bytes, ${ADVICE}`,
        },
      ],
    });
  });

  it('throws ArchiveFormatError when the archive is truncated', () => {
    // Prepare
    const jar = zipSync({ 'conf/app.properties': strToU8(PROPERTIES) });
    const truncated = jar.subarray(0, 40);

    // Act
    const act = (): ArchiveSummary => visitArchiveTexts(truncated, () => {});

    // Assess
    expect(act).toThrow(
      new ArchiveFormatError(
        `not a ZIP/JAR archive: no End of Central Directory record in the last 40 bytes, ${ADVICE}`,
      ),
    );
  });

  it('throws ArchiveFormatError for bytes that are not a ZIP at all', () => {
    // Prepare
    const bytes = deflateRawSync(Buffer.from('{"not":"a zip"}'));

    // Act
    const act = (): ArchiveSummary => visitArchiveTexts(bytes, () => {});

    // Assess
    expect(act).toThrow(
      new ArchiveFormatError(
        `not a ZIP/JAR archive: no End of Central Directory record in the last ${bytes.length} bytes, ${ADVICE}`,
      ),
    );
  });
});
