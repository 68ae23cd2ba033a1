import { parseArn } from '../arn.js';
import { compareWithPrevious } from '../changes/compare-with-previous.js';
import { InvalidRequestError } from '../errors.js';
import { accountTotals } from '../report/build-report.js';
import type { AuditReport, ReportApplication, ReportNotReached } from '../report/types.js';
import type { CollectionError } from '../snapshot/types.js';

/** How a re-audit is merged: trend length, and what caused it (recorded in `report.reaudit`). */
export interface MergeOptions {
  /** Trend points kept per application (default 30, as a full scan). */
  trendLength?: number;
  /** Why the applications were re-audited, one line per distinct cause. */
  reasons?: readonly string[];
  /** Events in the burst that caused it. */
  events?: number;
}

// Without the region's application list, an application missing from the re-audit is unknown, not gone.
const LIST_APPLICATIONS = 'kinesisanalytics:ListApplications';

/**
 * The planned applications whose verdict the re-audit settles: those it holds, and those it does not
 * hold although their region's applications were listed (deleted). One whose region could not be
 * listed is unknown, and one its time limit did not reach is unjudged: their previous verdicts stay.
 */
export function settledApplications(reaudit: AuditReport, planned: readonly string[]): string[] {
  const held = new Set(reaudit.applications.map((application) => application.applicationArn));
  const missed = new Set(notReachedOf(reaudit, planned));
  const unlisted = (arn: string) =>
    reaudit.collectionErrors.some(
      (error) =>
        error.operation === LIST_APPLICATIONS &&
        (error.region === undefined || error.region === parseArn(arn)?.region),
    );
  return [...new Set(planned)].filter((arn) => !missed.has(arn) && (held.has(arn) || !unlisted(arn))).sort();
}

/**
 * The planned applications the re-audit's time limit left unjudged: listed as not reached, or in a
 * region it did not get to list (its report's `notReached`). Sorted, each once.
 */
export function notReachedOf(reaudit: AuditReport, planned: readonly string[]): string[] {
  const { notReached } = reaudit;
  if (!notReached) return [];
  const missed = new Set(notReached.applications.map((application) => application.applicationArn));
  const regions = new Set(notReached.regions);
  return [...new Set(planned)]
    .filter((arn) => missed.has(arn) || regions.has(parseArn(arn)?.region ?? ''))
    .sort();
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
  const settled = new Set(settledApplications(reaudit, planned));
  const unjudged = new Set(notReachedOf(reaudit, planned));
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
  const collectionErrors = distinct([...reaudit.collectionErrors, ...latest.collectionErrors]);
  // What the re-audit's time limit left out keeps its previous verdict (the burst's messages come
  // back for it); what latest.json's own scan missed stays listed until something judges it.
  const notReached = stillNotReached(latest, settled);
  const merged: AuditReport = {
    ...base,
    complete: collectionErrors.length === 0 && notReached === undefined,
    scope: latest.scope,
    ...accountTotals([...kept, ...reaudit.applications], { collectionErrors, notReached }),
    collectionErrors,
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

function stillNotReached(latest: AuditReport, settled: ReadonlySet<string>): ReportNotReached | undefined {
  if (!latest.notReached) return undefined;
  const applications = latest.notReached.applications.filter(
    (application) => !settled.has(application.applicationArn),
  );
  if (applications.length === 0 && latest.notReached.regions.length === 0) return undefined;
  return { ...latest.notReached, applications };
}

// An application the re-audit did not judge has no new score, so no new trend point.
function keptTrend(application: ReportApplication, before: ReportApplication | undefined): ReportApplication {
  if (!before) return application;
  const { trend: _added, ...rest } = application;
  return before.trend ? { ...rest, trend: before.trend } : rest;
}

function distinct(errors: readonly CollectionError[]): CollectionError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = JSON.stringify([error.operation, error.resource, error.region, error.code, error.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
