import { readFile } from 'node:fs/promises';
import { type PreviousReport, parsePreviousReport } from '../shared/changes/previous-report.js';
import { InvalidRequestError } from '../shared/errors.js';
import { loadSuppressions } from '../shared/suppressions/load-suppressions.js';
import type { SuppressionSet } from '../shared/suppressions/types.js';

/** The suppression rules of --suppressions FILE; SuppressionFileError names every bad line. */
export async function suppressionsFrom(path: string | undefined): Promise<SuppressionSet | undefined> {
  return path ? loadSuppressions({ kind: 'file', path }) : undefined;
}

/** The report of --previous FILE, for change tracking without a report bucket. */
export async function previousFrom(
  path: string | undefined,
  accountId: string,
): Promise<PreviousReport | undefined> {
  if (!path) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidRequestError([`--previous: cannot read ${path} (${reason})`]);
  }
  return parsePreviousReport(text, accountId, path);
}
