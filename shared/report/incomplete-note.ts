import type { AuditReport } from './types.js';

/**
 * Why a report is incomplete, as the renderers say it: the time limit's applications not reached,
 * reads that failed, or both. Empty for a complete report.
 */
export function incompleteReasons(
  report: Pick<AuditReport, 'complete' | 'notReached' | 'collectionErrors'>,
): string[] {
  if (report.complete) return [];
  const { notReached } = report;
  const failed = report.collectionErrors.length;
  return [
    ...(notReached
      ? [
          `the time limit left ${notReached.applications.length} application(s) not reached` +
            (notReached.regions.length > 0 ? ` and ${notReached.regions.join(', ')} not listed` : '') +
            ' (not judged by this scan; the next scan reads them first)',
        ]
      : []),
    ...(failed > 0 || !notReached
      ? [`${failed} read(s) failed; the checks that needed them report ERROR`]
      : []),
  ];
}
