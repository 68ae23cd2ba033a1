import { mergeReaudit } from '../live/merge-reaudit.js';
import { mergedCollectionErrors, mergedNotReached } from '../live/merged-gaps.js';
import type { AuditReport, ReportNotReached } from '../report/types.js';
import { inScope } from './resolved-findings.js';

/** How a partial scan is merged: trend length as in a full scan. */
export interface PartialMergeOptions {
  trendLength?: number;
}

/**
 * Merges a scan that did not cover the whole account (it stopped at its time limit, or it is the
 * continuation of one) into the account's previous report, with live re-audit's merge and scoring
 * (mergeReaudit): the applications it judged, or found deleted, replace the previous ones; those it
 * did not reach keep their previous verdicts and trend (their FAILs PERSISTING, none RESOLVED);
 * account totals are recomputed as a full scan does. `notReached` then lists what is still not
 * judged by a scan after the previous one: this scan's misses, and the previous report's that this
 * scan did not cover, each with the scan its shown verdicts come from. Pure.
 */
export function mergePartialScan(
  previous: AuditReport,
  partial: AuditReport,
  options: PartialMergeOptions = {},
): AuditReport {
  // Settled: what this scan judged, and the previous applications it would have judged (gone now).
  const planned = [
    ...new Set([
      ...partial.applications.map((application) => application.applicationArn),
      ...previous.applications
        .filter((application) => inScope(partial, application))
        .map((application) => application.applicationArn),
    ]),
  ];
  const notReached = stillNotReached(previous, partial);
  // A scan of the whole scope says what the scope is and which reads fail now; a narrower
  // continuation adds its own to the previous report's.
  const whole = partial.scope.applications === 'all';
  const collectionErrors = whole ? partial.collectionErrors : mergedCollectionErrors(previous, partial);
  // The score's cap follows the failed listings and unlisted regions this report ends up naming.
  const {
    reaudit: _reaudit,
    suppressions: _suppressions,
    ...merged
  } = mergeReaudit(previous, partial, planned, {
    ...options,
    gaps: { collectionErrors, ...(notReached ? { notReached } : {}) },
  });
  return {
    ...merged,
    scope: whole ? partial.scope : previous.scope,
    ...(partial.suppressions ? { suppressions: partial.suppressions } : {}),
  };
}

function stillNotReached(previous: AuditReport, partial: AuditReport): ReportNotReached | undefined {
  const judged = new Set(partial.applications.map((application) => application.applicationArn));
  // A region leaves the list only once a scan of all its applications listed them.
  const listedAll = (region: string) =>
    partial.scope.applications === 'all' &&
    partial.scope.evaluatedRegions.includes(region) &&
    !partial.notReached?.regions.includes(region);
  return mergedNotReached(previous, {
    missed: partial.notReached?.applications ?? [],
    settled: (application) => judged.has(application.applicationArn) || inScope(partial, application),
    regions: [
      ...(partial.notReached?.regions ?? []),
      ...(previous.notReached?.regions ?? []).filter((region) => !listedAll(region)),
    ],
    reads: partial.notReached?.reads ?? 0,
  });
}
