import { mergeReaudit } from '../live/merge-reaudit.js';
import { accountTotals } from '../report/build-report.js';
import type { AuditReport, NotReachedApplication, ReportNotReached } from '../report/types.js';
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
    ...partial.applications.map((application) => application.applicationArn),
    ...previous.applications
      .filter((application) => inScope(partial, application))
      .map((application) => application.applicationArn),
  ];
  const merged = mergeReaudit(previous, partial, planned, options);
  const {
    reaudit: _reaudit,
    suppressions: _suppressions,
    notReached: _notReached,
    cappedBy: _cappedBy,
    ...rest
  } = merged;
  const notReached = stillNotReached(previous, partial, merged);
  // A scan of the whole scope says what the scope is and which reads fail now; a narrower
  // continuation adds its own to the previous report's.
  const whole = partial.scope.applications === 'all';
  const collectionErrors = whole ? partial.collectionErrors : merged.collectionErrors;
  return {
    ...rest,
    // The score's cap follows the failed listings and unlisted regions this report ends up naming.
    ...accountTotals(rest.applications, { collectionErrors, notReached }),
    scope: whole ? partial.scope : previous.scope,
    collectionErrors,
    complete: collectionErrors.length === 0 && notReached === undefined,
    ...(partial.suppressions ? { suppressions: partial.suppressions } : {}),
    ...(notReached ? { notReached } : {}),
  };
}

function stillNotReached(
  previous: AuditReport,
  partial: AuditReport,
  merged: AuditReport,
): ReportNotReached | undefined {
  const judged = new Set(partial.applications.map((application) => application.applicationArn));
  const missed = [
    ...(partial.notReached?.applications ?? []),
    ...(previous.notReached?.applications ?? []).filter(
      (application) => !judged.has(application.applicationArn) && !inScope(partial, application),
    ),
  ];
  // A region leaves the list only once a scan of all its applications listed them.
  const listedAll = (region: string) =>
    partial.scope.applications === 'all' &&
    partial.scope.evaluatedRegions.includes(region) &&
    !partial.notReached?.regions.includes(region);
  const regions = [
    ...(partial.notReached?.regions ?? []),
    ...(previous.notReached?.regions ?? []).filter((region) => !listedAll(region)),
  ];
  if (missed.length === 0 && regions.length === 0) return undefined;
  const shown = new Map(merged.applications.map((application) => [application.applicationArn, application]));
  const applications = new Map<string, NotReachedApplication>();
  for (const { applicationArn, applicationName, region } of missed) {
    const kept = shown.get(applicationArn);
    // The trend's last point is the scan that judged what the report shows (carried over since).
    const judgedIn = kept ? (kept.trend?.at(-1)?.scanId ?? previous.scanId) : undefined;
    applications.set(applicationArn, {
      applicationArn,
      applicationName,
      region,
      ...(judgedIn ? { judgedIn } : {}),
    });
  }
  return {
    reason: 'TIME_LIMIT',
    reads: partial.notReached?.reads ?? 0,
    regions: [...new Set(regions)].sort(),
    applications: [...applications.values()].sort(
      (a, b) => a.region.localeCompare(b.region) || a.applicationName.localeCompare(b.applicationName),
    ),
  };
}
