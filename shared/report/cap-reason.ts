import { SCORE_CAPS, type ScoreCap, scoreBasisOf } from '../score/score.js';
import { LIST_APPLICATIONS } from '../snapshot/application-listing.js';
import type { AuditReport } from './types.js';

/** Why a score stopped at its cap, as docs/scoring.md puts it; the renderers add the ceiling. */
const CAP_CLAUSES = {
  critical: 'a critical check fails or could not be verified',
  high: 'a high-severity check fails or could not be verified',
  error: 'some checks could not be verified (ERROR)',
} as const satisfies Record<ScoreCap, string>;

/** What a cap says, for a score `cappedBy` it. */
export interface CapReason {
  ceiling: number;
  clause: string;
}

/** Why an application's score stopped at its cap. */
export function capReason(cap: ScoreCap): CapReason {
  return { ceiling: ceilingOf(cap), clause: CAP_CLAUSES[cap] };
}

/**
 * Why the account's score stopped at its cap: an application's check, a region whose applications
 * were not listed (it may hold any application), or both. Undefined when no cap lowered it.
 */
export function accountCapReason(report: AuditReport): CapReason | undefined {
  const cap = report.cappedBy;
  if (!cap) return undefined;
  const unlisted = unlistedRegions(report);
  if (cap !== 'critical' || unlisted.length === 0) return capReason(cap);
  const listing = `the applications of ${unlisted.join(', ')} could not be listed, and may include any`;
  const findings = report.applications.flatMap((application) => application.findings);
  const byCheck = scoreBasisOf(findings).caps.includes('critical');
  return { ceiling: ceilingOf(cap), clause: byCheck ? `${CAP_CLAUSES.critical}, and ${listing}` : listing };
}

// Listings that failed (one that names no region covers every region) and regions the time limit left unlisted.
function unlistedRegions(report: AuditReport): string[] {
  const failed = report.collectionErrors.filter((error) => error.operation === LIST_APPLICATIONS);
  if (failed.some((error) => error.region === undefined)) return ['every region'];
  const regions = [...failed.map((error) => error.region ?? ''), ...(report.notReached?.regions ?? [])];
  return [...new Set(regions)].sort();
}

function ceilingOf(cap: ScoreCap): number {
  return SCORE_CAPS.find((entry) => entry.cap === cap)?.ceiling ?? 0;
}
