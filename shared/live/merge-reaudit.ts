import { parseArn } from '../arn.js';
import { compareWithPrevious } from '../changes/compare-with-previous.js';
import { InvalidRequestError } from '../errors.js';
import { accountTotals } from '../report/build-report.js';
import type { AuditReport, ReportApplication } from '../report/types.js';
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
 * listed is unknown, so the previous verdict stays.
 */
export function settledApplications(reaudit: AuditReport, planned: readonly string[]): string[] {
  const held = new Set(reaudit.applications.map((application) => application.applicationArn));
  const unlisted = (arn: string) =>
    reaudit.collectionErrors.some(
      (error) =>
        error.operation === LIST_APPLICATIONS &&
        (error.region === undefined || error.region === parseArn(arn)?.region),
    );
  return [...new Set(planned)].filter((arn) => held.has(arn) || !unlisted(arn)).sort();
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
  const reaudited = new Set(reaudit.applications.map((application) => application.applicationArn));
  const kept = latest.applications.filter(
    (application) => !settled.has(application.applicationArn) && !reaudited.has(application.applicationArn),
  );
  const { changes: _changes, reaudit: _reaudit, suppressions: _suppressions, ...base } = reaudit;
  const merged: AuditReport = {
    ...base,
    complete: latest.complete && reaudit.complete,
    scope: latest.scope,
    ...accountTotals([...kept, ...reaudit.applications]),
    collectionErrors: distinct([...reaudit.collectionErrors, ...latest.collectionErrors]),
    ...(latest.suppressions ? { suppressions: latest.suppressions } : {}),
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
      applications: [...new Set(planned)].sort(),
      reasons: [...new Set(options.reasons ?? [])],
      events: options.events ?? 0,
    },
  };
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
