import type { AccountIndex } from '../../snapshot/account-index.js';
import type { CollectionError, TrailDetail } from '../../snapshot/types.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { recordsWriteManagementEvents } from './write-event-selectors.js';

/** How one trail serves a region: it records its write management events, it does not, or unknown. */
export interface TrailJudgement {
  trail: TrailDetail;
  verdict: 'qualifies' | 'fails' | 'unknown';
  /** What is wrong or unknown, e.g. "logging is stopped"; empty when it qualifies. */
  reasons: string[];
}

/** The trails covering a region, each judged on whether it logs the region's write management events. */
export function trailCoverage(index: AccountIndex, region: string): TrailJudgement[] {
  return index.trailsCovering(region).map((trail) => judgeTrail(index, trail));
}

function judgeTrail(index: AccountIndex, trail: TrailDetail): TrailJudgement {
  const failures: string[] = [];
  const unknowns: string[] = [];

  const statusErrors = index.unreadable(trail.TrailARN, ['cloudtrail:GetTrailStatus']);
  if (statusErrors.length > 0) unknowns.push(`its status could not be read (${failedCalls(statusErrors)})`);
  else if (!trail.Status) unknowns.push('its status is not in the snapshot');
  else if (trail.Status.IsLogging !== true) failures.push('logging is stopped');

  const selectorErrors = index.unreadable(trail.TrailARN, ['cloudtrail:GetEventSelectors']);
  if (selectorErrors.length > 0) {
    unknowns.push(`its event selectors could not be read (${failedCalls(selectorErrors)})`);
  } else if (!trail.EventSelectors) {
    // Without custom selectors a trail logs every management event, read and write.
    if (trail.HasCustomEventSelectors === true) unknowns.push('its event selectors are not in the snapshot');
  } else if (!recordsWriteManagementEvents(trail.EventSelectors)) {
    failures.push('its event selectors do not record write management events');
  }

  if (failures.length > 0) return { trail, verdict: 'fails', reasons: failures };
  if (unknowns.length > 0) return { trail, verdict: 'unknown', reasons: unknowns };
  return { trail, verdict: 'qualifies', reasons: [] };
}

function failedCalls(errors: CollectionError[]): string {
  return errors.map((error) => `${error.operation} failed with ${error.code}`).join('; ');
}

/** The ARN findings use when they concern the region's trails as a whole. */
export function regionTrailsArn(context: CheckContext): string {
  const { index, region } = context;
  return `arn:${index.partition}:cloudtrail:${region}:${index.accountId}:trail/*`;
}

/** ERROR when the region's trails could not be listed (cloudtrail:DescribeTrails failed), else nothing. */
export function trailListUnreadable(context: CheckContext): CheckOutcome | undefined {
  const errors = context.index.unreadableOperation('cloudtrail:DescribeTrails', context.region);
  if (errors.length === 0) return undefined;
  return {
    status: 'ERROR',
    resourceArn: regionTrailsArn(context),
    detail: `Could not list the CloudTrail trails of ${context.region} (${failedCalls(errors)}); grant the auditor cloudtrail:DescribeTrails and scan again.`,
  };
}

/** "name (reason; reason)" for each trail, for details that say what is wrong with every trail. */
export function describeTrails(judgements: readonly TrailJudgement[]): string {
  return judgements
    .map(({ trail, reasons }) => (reasons.length > 0 ? `${trail.Name} (${reasons.join('; ')})` : trail.Name))
    .join(', ');
}
