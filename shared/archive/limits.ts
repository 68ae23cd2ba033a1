import { constants } from 'node:buffer';
import { InvalidRequestError } from '../errors.js';

/** Caps that keep reading a hostile archive (zip bomb, nesting bomb) bounded in time and memory. */
export interface ArchiveLimits {
  /** Central-directory entries examined, summed over the archive and every nested archive. */
  maxEntries: number;
  /** Bytes one entry may inflate to (a text, a class file or a nested archive held in memory). */
  maxEntryBytes: number;
  /** Bytes inflated or read over the whole visit, nested archives included. */
  maxTotalBytes: number;
  /** How many archive levels below the top are opened (top = 0; `lib/a.jar` = 1; `lib/a.jar!/b.jar` = 2). */
  maxDepth: number;
  /** Largest inflated/compressed ratio of one entry, judged once it inflates past 1 MiB. */
  maxRatio: number;
}

const MIB = 1024 * 1024;

/** Inflated size under which the ratio is not judged: small repetitive files compress far better than 100:1. */
export const RATIO_GRACE_BYTES = MIB;

/**
 * Defaults sized for fat Flink JARs in a Lambda (see docs/code-artifact-scan.md): 250,000 entries is
 * well above the 65,535 that force ZIP64; 64 MiB per entry holds any config file or nested library JAR;
 * 512 MiB in total keeps inflation to a few seconds; depth 2 reaches `lib/x.jar!/y.jar`; a ratio of
 * 200 passes real class and text files (≈ 2–20:1) and stops deflate bombs (≈ 1,000:1).
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = Object.freeze({
  maxEntries: 250_000,
  maxEntryBytes: 64 * MIB,
  maxTotalBytes: 512 * MIB,
  maxDepth: 2,
  maxRatio: 200,
});

/** Merges the caller's limits over the defaults; throws InvalidRequestError listing every invalid value. */
export function resolveArchiveLimits(overrides: Partial<ArchiveLimits> = {}): ArchiveLimits {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS };
  const problems: string[] = [];
  for (const name of Object.keys(DEFAULT_ARCHIVE_LIMITS) as (keyof ArchiveLimits)[]) {
    const value = overrides[name];
    if (value === undefined) continue;
    const smallest = name === 'maxDepth' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < smallest) {
      problems.push(`archive limit ${name} must be an integer of at least ${smallest} (got ${value})`);
      continue;
    }
    // zlib rejects a larger maxOutputLength outright, which would read as corrupt data.
    if (name === 'maxEntryBytes' && value > constants.MAX_LENGTH) {
      problems.push(`archive limit maxEntryBytes must be at most ${constants.MAX_LENGTH} (got ${value})`);
      continue;
    }
    limits[name] = value;
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return limits;
}
