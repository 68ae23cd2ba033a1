import { parseArn } from '../arn.js';
import { compareWithPrevious } from '../changes/compare-with-previous.js';
import { InvalidRequestError } from '../errors.js';
import { accountTotals, type ReportGaps } from '../report/build-report.js';
import type { AuditReport, ReportApplication } from '../report/types.js';
import { listingFailed } from '../snapshot/application-listing.js';
import { mergedCollectionErrors, mergedNotReached, notReachedOf } from './merged-gaps.js';

/** How a re-audit is merged: trend length, and what caused it (recorded in `report.reaudit`). */
export interface MergeOptions {
  /** Trend points kept per application (default 30, as a full scan). */
  trendLength?: number;
  /** Why the applications were re-audited, one line per distinct cause. */
  reasons?: readonly string[];
  /** Events in the burst that caused it. */
  events?: number;
  /** The planned applications the re-audit did not reach (notReachedOf), when the caller has them. */
  missed?: readonly string[];
  /**
   * The merged report's collection errors and not-reached list, when the caller decides them (a
   * partial scan's merge): account totals, cap and `complete` follow these.
   */
  gaps?: ReportGaps;
}

/**
 * The planned applications whose verdict the re-audit settles: those it holds, and those it does not
 * hold although their region's applications were listed (deleted). One whose region could not be
 * listed is unknown, and one its time limit did not reach is unjudged: their previous verdicts stay.
 */
export function settledApplications(
  reaudit: AuditReport,
  planned: readonly string[],
  notReached: readonly string[] = notReachedOf(reaudit, planned),
): string[] {
  const held = new Set(reaudit.applications.map((application) => application.applicationArn));
  const missed = new Set(notReached);
  // Without the region's application list, an application missing from the re-audit is unknown, not gone.
  const unlisted = (arn: string) => listingFailed(reaudit.collectionErrors, parseArn(arn)?.region ?? '');
  return [...new Set(planned)].filter((arn) => !missed.has(arn) && (held.has(arn) || !unlisted(arn))).sort();
}

/**
 * Merges a live re-audit into the latest report: settled planned applications are replaced by the
 * re-audit's version (or removed when gone), new ones added, the others kept as they were. Account
 * score, grade, cap and summary are recomputed as a full scan computes them; change tracking compares
 * with `latest` (re-audited applications get NEW/PERSISTING/REGRESSED, resolved findings and a trend
 * point; the others keep their trend, and their FAILs are PERSISTING). Pure.
 */
export function mergeReaudit(
  latest: AuditReport,
  reaudit: AuditReport,
  planned: readonly string[],
  options: MergeOptions = {},
): AuditReport {
  if (reaudit.accountId !== latest.accountId) {
    throw new InvalidRequestError([
      `the re-audit read account ${reaudit.accountId}, but latest.json is of account ${latest.accountId}: ` +
        'give the live re-audit credentials of the audited account',
    ]);
  }
  const missed = options.missed ?? notReachedOf(reaudit, planned);
  const settled = new Set(settledApplications(reaudit, planned, missed));
  const unjudged = new Set(missed);
  const reaudited = new Set(reaudit.applications.map((application) => application.applicationArn));
  const kept = latest.applications.filter(
    (application) => !settled.has(application.applicationArn) && !reaudited.has(application.applicationArn),
  );
  const {
    changes: _changes,
    reaudit: _reaudit,
    suppressions: _suppressions,
    notReached: _notReached,
    ...base
  } = reaudit;
  const { collectionErrors, notReached } = options.gaps ?? reauditGaps(latest, reaudit, missed, settled);
  const merged: AuditReport = {
    ...base,
    complete: collectionErrors.length === 0 && notReached === undefined,
    scope: latest.scope,
    ...accountTotals([...kept, ...reaudit.applications], { collectionErrors, notReached }),
    collectionErrors: [...collectionErrors],
    ...(latest.suppressions ? { suppressions: latest.suppressions } : {}),
    ...(notReached ? { notReached } : {}),
  };
  const compared = compareWithPrevious(merged, latest, {
    ...(options.trendLength ? { trendLength: options.trendLength } : {}),
  });
  const untouched = new Map(kept.map((application) => [application.applicationArn, application]));
  return {
    ...compared,
    applications: compared.applications.map((application) =>
      keptTrend(application, untouched.get(application.applicationArn)),
    ),
    reaudit: {
      baseScanId: latest.scanId,
      applications: [...new Set(planned)].filter((arn) => !unjudged.has(arn)).sort(),
      reasons: [...new Set(options.reasons ?? [])],
      events: options.events ?? 0,
    },
  };
}

/**
 * A re-audit's gaps: both reports' read failures, and what is left unjudged. The re-audit's misses keep
 * their previous verdicts (the burst's messages come back for them) and are listed until a retry
 * judges them; what latest.json's own scan missed stays listed until something judges it.
 */
function reauditGaps(
  latest: AuditReport,
  reaudit: AuditReport,
  missed: readonly string[],
  settled: ReadonlySet<string>,
): ReportGaps {
  const listed = new Map(
    [...latest.applications, ...(reaudit.notReached?.applications ?? [])].map((application) => [
      application.applicationArn,
      application,
    ]),
  );
  const notReached = mergedNotReached(latest, {
    missed: missed.map((applicationArn) => {
      const known = listed.get(applicationArn);
      const region = known?.region ?? parseArn(applicationArn)?.region ?? '';
      const applicationName = known?.applicationName ?? applicationArn.split('/').at(-1) ?? applicationArn;
      return { applicationArn, applicationName, region };
    }),
    settled: (application) => settled.has(application.applicationArn),
    regions: latest.notReached?.regions ?? [],
    reads: (latest.notReached?.reads ?? 0) + (reaudit.notReached?.reads ?? 0),
  });
  return {
    collectionErrors: mergedCollectionErrors(latest, reaudit),
    ...(notReached ? { notReached } : {}),
  };
}

// An application the re-audit did not judge has no new score, so no new trend point.
function keptTrend(application: ReportApplication, before: ReportApplication | undefined): ReportApplication {
  if (!before) return application;
  const { trend: _added, ...rest } = application;
  return before.trend ? { ...rest, trend: before.trend } : rest;
}
