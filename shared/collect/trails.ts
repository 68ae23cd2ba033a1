import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import type { TrailDetail } from '../snapshot/types.js';
import { callAws, type ScanContext } from './collection-context.js';
import { snapshotShape } from './snapshot-shape.js';

const TRAIL_NOT_FOUND = ['TrailNotFoundException'];

/**
 * The CloudTrail trails that can record the given regions' events: DescribeTrails (shadow trails
 * included) in each region, each trail kept once, then its status and event selectors read in its
 * home region. A trail deleted meanwhile is dropped; a status or selectors read that fails is left
 * out and recorded, so that trail's health stays unknown.
 */
export async function collectTrails(
  context: ScanContext,
  regions: readonly string[],
): Promise<TrailDetail[]> {
  const listed = await Promise.all(regions.map((region) => describeTrails(context, region)));
  // A multi-region trail comes back from every region it covers; its ARN identifies it.
  const trails = new Map<string, Trail & { TrailARN: string; HomeRegion: string; Name: string }>();
  for (const trail of listed.flat()) {
    if (trail.TrailARN && trail.HomeRegion && trail.Name && !trails.has(trail.TrailARN)) {
      trails.set(trail.TrailARN, {
        ...trail,
        TrailARN: trail.TrailARN,
        HomeRegion: trail.HomeRegion,
        Name: trail.Name,
      });
    }
  }
  const detailed = await Promise.all([...trails.values()].map((trail) => trailDetail(context, trail)));
  return detailed.filter((trail) => trail !== undefined);
}

async function describeTrails(context: ScanContext, region: string): Promise<Trail[]> {
  const outcome = await callAws(context, { operation: 'cloudtrail:DescribeTrails', region }, () =>
    context.clients.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  return outcome.status === 'ok' ? (outcome.value.trailList ?? []) : [];
}

async function trailDetail(
  context: ScanContext,
  trail: Trail & { TrailARN: string; HomeRegion: string; Name: string },
): Promise<TrailDetail | undefined> {
  const region = trail.HomeRegion;
  const cloudTrail = context.clients.cloudTrail(region);
  const call = { region, resource: trail.TrailARN, absentOn: TRAIL_NOT_FOUND };
  const [status, selectors] = await Promise.all([
    callAws(context, { ...call, operation: 'cloudtrail:GetTrailStatus' }, () =>
      cloudTrail.send(new GetTrailStatusCommand({ Name: trail.TrailARN })),
    ),
    callAws(context, { ...call, operation: 'cloudtrail:GetEventSelectors' }, () =>
      cloudTrail.send(new GetEventSelectorsCommand({ TrailName: trail.TrailARN })),
    ),
  ]);
  if (status.status === 'absent' || selectors.status === 'absent') return undefined;
  return {
    ...snapshotShape(trail),
    TrailARN: trail.TrailARN,
    HomeRegion: trail.HomeRegion,
    Name: trail.Name,
    ...(status.status === 'ok' ? { Status: snapshotShape(status.value) } : {}),
    ...(selectors.status === 'ok' ? { EventSelectors: snapshotShape(selectors.value) } : {}),
  };
}
