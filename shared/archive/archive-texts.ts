import { ArchiveFormatError } from '../errors.js';
import type { ZipEntry } from './central-directory.js';
import { readCentralDirectory } from './central-directory.js';
import { classFileStrings } from './class-file.js';
import { readEntryContent, unsupportedReason } from './entry-content.js';
import { ENTRY_KIND, entryKind } from './entry-kind.js';
import type { ArchiveLimits } from './limits.js';
import { RATIO_GRACE_BYTES, resolveArchiveLimits } from './limits.js';

/** One thing to scan: a text entry, or the strings of one class file joined by '\n'. */
export interface ArchiveText {
  /** Nested archives are joined by `!/`: `lib/inner.jar!/conf/app.properties`. */
  path: string;
  source: 'text' | 'class-constant-pool';
  text: string;
}

/** What a visit read and what it could not; anything in `skipped` or `incomplete` is not proven clean. */
export interface ArchiveSummary {
  /** Central-directory entries examined, nested archives included. */
  entries: number;
  textsRead: number;
  classesRead: number;
  nestedArchives: number;
  /** Entry bytes inflated or read (stored), including those of entries then skipped (cap reached, bad CRC). */
  bytesInflated: number;
  skipped: { path: string; reason: string }[];
  /** Set when a cap stopped the reading: what was not read. */
  incomplete?: string;
}

interface VisitState {
  limits: ArchiveLimits;
  visit: (text: ArchiveText) => void;
  summary: ArchiveSummary;
}

const textDecoder = new TextDecoder('utf-8');

/** Judges the compression ratio only past the grace size, where a bomb costs real time and memory. */
function ratioExceeded(inflated: number, compressed: number, maxRatio: number): boolean {
  return inflated > RATIO_GRACE_BYTES && inflated > compressed * maxRatio;
}

function skip(state: VisitState, path: string, reason: string): undefined {
  state.summary.skipped.push({ path, reason });
  return undefined;
}

function stopAt(state: VisitState, path: string, remainingTotal: number): undefined {
  state.summary.incomplete =
    `stopped at ${path}: reading it would pass the total cap of ${state.limits.maxTotalBytes} bytes ` +
    `(${remainingTotal} left); it and every entry after it were not read`;
  return undefined;
}

/** Reads an entry within the caps; returns its bytes, or undefined after recording why it was not read. */
function readWithinCaps(
  archive: Uint8Array,
  entry: ZipEntry,
  path: string,
  state: VisitState,
): Uint8Array | undefined {
  const { limits, summary } = state;
  const unsupported = unsupportedReason(entry);
  if (unsupported !== undefined) return skip(state, path, unsupported);
  const entryCapReason = `larger than the per-entry cap of ${limits.maxEntryBytes} bytes`;
  const ratioReason = `compression ratio over ${limits.maxRatio}:1 (possible zip bomb)`;
  // Declared sizes first: an honest bomb is refused without inflating a byte.
  if (entry.uncompressedSize > limits.maxEntryBytes) return skip(state, path, entryCapReason);
  if (ratioExceeded(entry.uncompressedSize, entry.compressedSize, limits.maxRatio)) {
    return skip(state, path, ratioReason);
  }
  const remainingTotal = limits.maxTotalBytes - summary.bytesInflated;
  if (entry.uncompressedSize > remainingTotal) return stopAt(state, path, remainingTotal);
  // A lying directory is caught by zlib's output cap: the smallest of the three caps decides the reason.
  const ratioCap = Math.max(RATIO_GRACE_BYTES, entry.compressedSize * limits.maxRatio);
  const cap = Math.min(limits.maxEntryBytes, ratioCap, remainingTotal);
  const result = readEntryContent(archive, entry, cap);
  if (result.outcome === 'unreadable') {
    summary.bytesInflated += result.bytesInflated;
    return skip(state, path, result.reason);
  }
  if (result.outcome === 'over-cap') {
    summary.bytesInflated += result.bytesInflated;
    if (limits.maxEntryBytes === cap) return skip(state, path, entryCapReason);
    if (ratioCap === cap) return skip(state, path, ratioReason);
    return stopAt(state, path, remainingTotal);
  }
  summary.bytesInflated += result.content.length;
  return result.content;
}

function visitEntry(
  archive: Uint8Array,
  entry: ZipEntry,
  prefix: string,
  depth: number,
  state: VisitState,
): void {
  const path = `${prefix}${entry.path}`;
  const kind = entryKind(entry.path);
  if (kind === ENTRY_KIND.directory || kind === ENTRY_KIND.other) return;
  if (kind === ENTRY_KIND.archive && depth >= state.limits.maxDepth) {
    skip(state, path, `nested archive deeper than the depth cap of ${state.limits.maxDepth}`);
    return;
  }
  const content = readWithinCaps(archive, entry, path, state);
  if (content === undefined) return;
  switch (kind) {
    case ENTRY_KIND.text:
      visitText(content, path, state);
      break;
    case ENTRY_KIND.class: {
      const strings = unlessMalformed(state, path, () => classFileStrings(content));
      if (strings === undefined) break;
      state.summary.classesRead++;
      state.visit({ path, source: 'class-constant-pool', text: strings.join('\n') });
      break;
    }
    case ENTRY_KIND.archive:
      unlessMalformed(state, path, () => visitArchive(content, `${path}!/`, depth + 1, state));
      break;
  }
}

function visitText(content: Uint8Array, path: string, state: VisitState): void {
  // Text-named but binary (UTF-16, a keystore named .conf): decoding it would only hide what it holds.
  if (content.includes(0)) {
    skip(state, path, 'binary content (NUL bytes) in a text-named entry');
    return;
  }
  state.summary.textsRead++;
  state.visit({ path, source: 'text', text: textDecoder.decode(content) });
}

/** Runs a parse of one entry; a malformed entry is recorded as skipped instead of failing the archive. */
function unlessMalformed<T>(state: VisitState, path: string, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ArchiveFormatError) return skip(state, path, error.message);
    throw error;
  }
}

function visitArchive(bytes: Uint8Array, prefix: string, depth: number, state: VisitState): void {
  const { summary, limits } = state;
  const directory = readCentralDirectory(bytes, limits.maxEntries - summary.entries);
  if (depth > 0) summary.nestedArchives++;
  for (const entry of directory.entries) {
    if (summary.incomplete !== undefined) return;
    summary.entries++;
    visitEntry(bytes, entry, prefix, depth, state);
  }
  const unread = directory.declaredEntries - directory.entries.length;
  if (summary.incomplete === undefined && unread > 0) {
    const archive = prefix === '' ? 'the archive' : prefix.slice(0, -2);
    summary.incomplete =
      `the cap of ${limits.maxEntries} entries was reached: ${unread} entries of ${archive} ` +
      'and every entry after them were not read';
  }
}

/**
 * Calls `visit` with every text entry and every class file's constant-pool strings of a ZIP/JAR,
 * nested archives included, within `limits`; throws ArchiveFormatError when the top-level bytes are not
 * a ZIP/JAR. Damaged or capped entries never throw: they land in `skipped` or `incomplete`.
 */
export function visitArchiveTexts(
  bytes: Uint8Array,
  visit: (text: ArchiveText) => void,
  limits?: Partial<ArchiveLimits>,
): ArchiveSummary {
  const state: VisitState = {
    limits: resolveArchiveLimits(limits),
    visit,
    summary: { entries: 0, textsRead: 0, classesRead: 0, nestedArchives: 0, bytesInflated: 0, skipped: [] },
  };
  visitArchive(bytes, '', 0, state);
  return state.summary;
}
