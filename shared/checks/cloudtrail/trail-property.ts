import type { TrailDetail } from '../../snapshot/types.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { describeTrails, regionTrailsArn, trailCoverage, trailListUnreadable } from './trail-coverage.js';

/** A property a trail that records the region's write events should have. */
export interface TrailProperty {
  /** Says the property holds, completing "trail NAME …", e.g. "validates its log files". */
  holds: string;
  /** Why a trail lacks it, or undefined when it has it. */
  lacks(trail: TrailDetail): string | undefined;
}

/**
 * Judges a property on the trails that record the region's write management events: PASS when one
 * of them has it, FAIL when none does, NOT_APPLICABLE when no trail records them (the
 * cloudtrail-region-logging check fails that), ERROR when the trails could not be read.
 */
export function judgeTrailProperty(context: CheckContext, property: TrailProperty): CheckOutcome[] {
  const unreadable = trailListUnreadable(context);
  if (unreadable) return [unreadable];
  const coverage = trailCoverage(context.index, context.region);
  const qualifying = coverage.filter((judgement) => judgement.verdict === 'qualifies');
  if (qualifying.length === 0) {
    const unknown = coverage.filter((judgement) => judgement.verdict === 'unknown');
    if (unknown.length > 0) {
      return [
        {
          status: 'ERROR',
          resourceArn: regionTrailsArn(context),
          detail: `Could not tell which trail records the write management events of ${context.region}: ${describeTrails(unknown)}; grant the auditor read access to CloudTrail and scan again.`,
        },
      ];
    }
    return [
      {
        status: 'NOT_APPLICABLE',
        resourceArn: regionTrailsArn(context),
        detail: `No trail records the write management events of ${context.region}; see cloudtrail-region-logging.`,
      },
    ];
  }
  const good = qualifying.find((judgement) => property.lacks(judgement.trail) === undefined);
  if (good) {
    return [
      {
        status: 'PASS',
        resourceArn: good.trail.TrailARN,
        detail: `Trail ${good.trail.Name}, which records the write management events of ${context.region}, ${property.holds}.`,
      },
    ];
  }
  const lacking = qualifying.map(({ trail }) => `${trail.Name} (${property.lacks(trail)})`).join(', ');
  return [
    {
      status: 'FAIL',
      resourceArn: qualifying.length === 1 ? qualifying[0]!.trail.TrailARN : regionTrailsArn(context),
      detail: `No trail recording the write management events of ${context.region} ${property.holds}: ${lacking}.`,
    },
  ];
}
