import { constants } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS, resolveArchiveLimits } from '../../shared/archive/limits.js';
import { InvalidRequestError } from '../../shared/errors.js';

describe('Function: resolveArchiveLimits', () => {
  it('returns the defaults when nothing is overridden', () => {
    // Act
    const limits = resolveArchiveLimits();

    // Assess
    expect(limits).toEqual({
      maxEntries: 250_000,
      maxEntryBytes: 64 * 1024 * 1024,
      maxTotalBytes: 512 * 1024 * 1024,
      maxDepth: 2,
      maxRatio: 200,
    });
    expect(limits).toEqual(DEFAULT_ARCHIVE_LIMITS);
  });

  it('returns the overrides merged over the defaults, a depth of 0 included', () => {
    // Act
    const limits = resolveArchiveLimits({ maxEntries: 10, maxDepth: 0 });

    // Assess
    expect(limits).toEqual({ ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 10, maxDepth: 0 });
  });

  it('throws InvalidRequestError listing every invalid limit', () => {
    // Act
    const act = (): unknown => resolveArchiveLimits({ maxEntries: 0, maxRatio: 1.5, maxDepth: -1 });

    // Assess
    expect(act).toThrow(
      new InvalidRequestError([
        'archive limit maxEntries must be an integer of at least 1 (got 0)',
        'archive limit maxDepth must be an integer of at least 0 (got -1)',
        'archive limit maxRatio must be an integer of at least 1 (got 1.5)',
      ]),
    );
  });

  it('throws InvalidRequestError when maxEntryBytes is more than a Buffer can hold', () => {
    // Act
    const act = (): unknown => resolveArchiveLimits({ maxEntryBytes: constants.MAX_LENGTH + 1 });

    // Assess
    expect(act).toThrow(
      new InvalidRequestError([
        `archive limit maxEntryBytes must be at most ${constants.MAX_LENGTH} (got ${constants.MAX_LENGTH + 1})`,
      ]),
    );
  });
});
