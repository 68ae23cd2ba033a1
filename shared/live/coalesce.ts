import { parseArn } from '../arn.js';
import { affectedApplications } from './affected-applications.js';
import type { CloudTrailChangeEvent, PlannedApplication, ReauditPlan, ResourceIndex } from './types.js';

/**
 * Turns a burst of events (a deployment touching ten resources) into one re-audit plan: per
 * region, each affected application once, with every reason and the positions of the events that
 * planned it (to retry them); ignored events are counted.
 */
export function coalesce(events: readonly CloudTrailChangeEvent[], index: ResourceIndex): ReauditPlan {
  const byRegion = new Map<string, Map<string, PlannedApplication>>();
  const ignoredReasons: string[] = [];
  for (const [position, event] of events.entries()) {
    const affected = affectedApplications(event, index);
    if ('ignored' in affected) {
      ignoredReasons.push(affected.ignored);
      continue;
    }
    for (const applicationArn of affected.applications) {
      const region =
        index.applications[applicationArn]?.region ?? parseArn(applicationArn)?.region ?? event.region;
      const planned = byRegion.get(region) ?? new Map<string, PlannedApplication>();
      byRegion.set(region, planned);
      const entry = planned.get(applicationArn) ?? { applicationArn, reasons: [], events: [] };
      if (!entry.reasons.includes(affected.reason)) entry.reasons.push(affected.reason);
      if (entry.events.at(-1) !== position) entry.events.push(position);
      planned.set(applicationArn, entry);
    }
  }
  const regions = [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, planned]) => ({
      region,
      applications: [...planned.values()].sort((a, b) => a.applicationArn.localeCompare(b.applicationArn)),
    }));
  return { regions, events: events.length, ignored: ignoredReasons.length, ignoredReasons };
}
