import { parseArn } from '../arn.js';
import type { AuditReport, NotReachedApplication, ReportNotReached } from '../report/types.js';
import type { CollectionError } from '../snapshot/types.js';

/**
 * The planned applications an audit's time limit left unjudged: listed as not reached, or in a
 * region it did not get to list (its report's `notReached`). Sorted, each once.
 */
export function notReachedOf(report: AuditReport, planned: readonly string[]): string[] {
  const { notReached } = report;
  if (!notReached) return [];
  const missed = new Set(notReached.applications.map((application) => application.applicationArn));
  const regions = new Set(notReached.regions);
  return [...new Set(planned)]
    .filter((arn) => missed.has(arn) || regions.has(parseArn(arn)?.region ?? ''))
    .sort();
}

/** What an audit merged into a previous report left unjudged, as its merge decides it. */
export interface NotReachedUpdate {
  /** The applications this audit did not reach. */
  missed: readonly Omit<NotReachedApplication, 'judgedIn'>[];
  /** Whether this audit settled one of the previous report's misses (judged it, or found it gone). */
  settled: (application: NotReachedApplication) => boolean;
  /** Regions whose applications are still unlisted. */
  regions: readonly string[];
  /** Reads not started. */
  reads: number;
}

/**
 * The merged report's `notReached`: this audit's misses and the previous report's it did not
 * settle, each with the scan whose verdict the merged report shows for it (none when it shows none);
 * undefined when nothing is left unjudged. A miss leaves the list once an audit judges it.
 */
export function mergedNotReached(
  previous: AuditReport,
  update: NotReachedUpdate,
): ReportNotReached | undefined {
  const missed: NotReachedApplication[] = [
    ...update.missed,
    ...(previous.notReached?.applications ?? []).filter((application) => !update.settled(application)),
  ];
  if (missed.length === 0 && update.regions.length === 0) return undefined;
  // A miss keeps its previous verdict: the trend's last point is the scan that judged it.
  const shown = new Map(
    previous.applications.map((application) => [application.applicationArn, application]),
  );
  const applications = new Map<string, NotReachedApplication>();
  for (const { applicationArn, applicationName, region, judgedIn: carried } of missed) {
    const kept = shown.get(applicationArn);
    const judgedIn = carried ?? (kept ? (kept.trend?.at(-1)?.scanId ?? previous.scanId) : undefined);
    applications.set(applicationArn, {
      applicationArn,
      applicationName,
      region,
      ...(judgedIn ? { judgedIn } : {}),
    });
  }
  return {
    reason: 'TIME_LIMIT',
    reads: update.reads,
    regions: [...new Set(update.regions)].sort(),
    applications: [...applications.values()].sort(
      (a, b) => a.region.localeCompare(b.region) || a.applicationName.localeCompare(b.applicationName),
    ),
  };
}

/** Both reports' collection errors, each once (same operation, resource, region, code and message). */
export function mergedCollectionErrors(latest: AuditReport, update: AuditReport): CollectionError[] {
  const seen = new Set<string>();
  return [...update.collectionErrors, ...latest.collectionErrors].filter((error) => {
    const key = JSON.stringify([error.operation, error.resource, error.region, error.code, error.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
