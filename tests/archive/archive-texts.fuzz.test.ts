import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ArchiveSummary } from '../../shared/archive/archive-texts.js';
import { visitArchiveTexts } from '../../shared/archive/archive-texts.js';
import { classFileStrings } from '../../shared/archive/class-file.js';
import { minimalClassFile } from '../../shared/archive/class-file-writer.js';
import type { ArchiveLimits } from '../../shared/archive/limits.js';
import { ArchiveFormatError } from '../../shared/errors.js';
import { classWithEveryTag, deflatedEntry, rawZip, storedEntry } from '../support/archive-fixtures.js';
import { JAVAC_SAMPLE_CLASS } from '../support/javac-classes.js';

// Hostile input must end in a summary or an ArchiveFormatError: never a RangeError, a zlib error or a
// hang. Small caps keep each run fast; the invariant on bytesInflated checks the caps hold.
const LIMITS: Partial<ArchiveLimits> = {
  maxEntryBytes: 256 * 1024,
  maxTotalBytes: 1024 * 1024,
  maxEntries: 500,
};
const TOTAL_CAP = 1024 * 1024;

/** Visits the bytes; returns the summary, or the error when it is an ArchiveFormatError (else rethrows). */
function visitOrFormatError(bytes: Uint8Array): ArchiveSummary | ArchiveFormatError {
  try {
    return visitArchiveTexts(bytes, () => {}, LIMITS);
  } catch (error) {
    if (error instanceof ArchiveFormatError) return error;
    throw error;
  }
}

/** Holds when the visit ended as allowed: a format error, or a summary within the caps. */
function endedSafely(bytes: Uint8Array): boolean {
  const outcome = visitOrFormatError(bytes);
  return outcome instanceof ArchiveFormatError || outcome.bytesInflated <= TOTAL_CAP;
}

const inner = zipSync({ 'conf/app.properties': strToU8('secret=abc\n'), 'A.class': classWithEveryTag() });
const SEEDS: Uint8Array[] = [
  zipSync({
    'META-INF/MANIFEST.MF': strToU8('Manifest-Version: 1.0\n'),
    'com/example/Job.class': JAVAC_SAMPLE_CLASS,
    'lib/inner.jar': inner,
    'application.yaml': strToU8('password: hunter2\n'.repeat(50)),
  }),
  zipSync({ 'lib/inner.jar': inner, 'Job.class': minimalClassFile('Job', ['s']) }, { level: 0 }),
  rawZip([deflatedEntry('a.properties', 'x=1\n'.repeat(100)), storedEntry('lib/in.jar', inner)], {
    zip64: true,
  }),
];

/** Overwrites 1–4 bytes at a position, biased towards the end where the directory and end records live. */
const mutation = fc.record({
  fromEnd: fc.boolean(),
  at: fc.nat(),
  bytes: fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 4 }),
    fc.constantFrom(
      Uint8Array.of(0xff, 0xff, 0xff, 0xff),
      Uint8Array.of(0xff, 0xff),
      Uint8Array.of(0, 0, 0, 0),
      Uint8Array.of(0xff, 0xff, 0xff, 0x7f),
    ),
  ),
});

const mutatedSeed = fc
  .tuple(
    fc.nat({ max: SEEDS.length - 1 }),
    fc.array(mutation, { minLength: 1, maxLength: 6 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([seedIndex, mutations, cut]) => {
    const bytes = Uint8Array.from(SEEDS[seedIndex]!);
    for (const { fromEnd, at, bytes: patch } of mutations) {
      const window = fromEnd ? Math.min(bytes.length, 300) : bytes.length;
      const offset = fromEnd ? bytes.length - 1 - (at % window) : at % bytes.length;
      bytes.set(patch.subarray(0, bytes.length - offset), offset);
    }
    return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

/** Random bytes ending with an End of Central Directory signature and random fields, to reach the directory code. */
const randomWithEndRecord = fc
  .tuple(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ minLength: 18, maxLength: 18 }))
  .map(([body, fields]) => Uint8Array.from([...body, 0x50, 0x4b, 0x05, 0x06, ...fields]));

describe('Function: visitArchiveTexts (fuzz)', () => {
  it('returns a summary or throws ArchiveFormatError for random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), endedSafely), { numRuns: 300 });
  });

  it('returns a summary or throws ArchiveFormatError for random bytes with an end record', () => {
    fc.assert(fc.property(randomWithEndRecord, endedSafely), { numRuns: 300 });
  });

  it('returns a summary or throws ArchiveFormatError for mutated and truncated valid archives', () => {
    fc.assert(fc.property(mutatedSeed, endedSafely), { numRuns: 1000 });
  });

  it('returns the whole seed archives unmutated (the fuzz starts from readable input)', () => {
    // Act
    const outcomes = SEEDS.map(visitOrFormatError);

    // Assess
    expect(
      outcomes.map((outcome) => outcome instanceof ArchiveFormatError || outcome.skipped.length),
    ).toEqual([0, 0, 0]);
  });
});

describe('Function: classFileStrings (fuzz)', () => {
  /** Holds when parsing returned strings or threw ArchiveFormatError. */
  function parsedSafely(bytes: Uint8Array): boolean {
    try {
      return Array.isArray(classFileStrings(bytes));
    } catch (error) {
      if (error instanceof ArchiveFormatError) return true;
      throw error;
    }
  }

  it('returns strings or throws ArchiveFormatError for random bytes after the magic number', () => {
    const classLike = fc
      .uint8Array({ maxLength: 512 })
      .map((body) => Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, ...body]));
    fc.assert(fc.property(classLike, parsedSafely), { numRuns: 500 });
  });

  it('returns strings or throws ArchiveFormatError for mutated real class files', () => {
    const mutatedClass = fc
      .tuple(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat())
      .map(([patches, cut]) => {
        const bytes = Uint8Array.from(JAVAC_SAMPLE_CLASS);
        for (const [at, value] of patches) bytes[at % bytes.length] = value;
        return bytes.subarray(0, cut % (bytes.length + 1));
      });
    fc.assert(fc.property(mutatedClass, parsedSafely), { numRuns: 500 });
  });
});
