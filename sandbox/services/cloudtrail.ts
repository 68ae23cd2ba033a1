import { parseArn } from '../../shared/arn.js';
import type { TrailDetail } from '../../shared/snapshot/types.js';
import { paginate } from '../state.js';
import { AwsServiceError, type JsonService, type OperationContext } from '../types.js';
import { requiredString } from './json-input.js';
import { guard } from './lookups.js';

// ListTrails takes no limit; AWS pages it at 50 trails.
const TRAILS_PAGE = 50;

/**
 * AWS CloudTrail: trails as DescribeTrails returns them, with their status and event selectors.
 * A multi-region trail is kept once under its home region and seen from every region as a shadow.
 */
export const cloudTrailService: JsonService = {
  signingName: 'cloudtrail',
  targetPrefixes: ['CloudTrail_20131101', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101'],
  operations: {
    DescribeTrails(input, context) {
      guard(context, 'cloudtrail:DescribeTrails', undefined);
      const names = Array.isArray(input.trailNameList)
        ? input.trailNameList.filter((name): name is string => typeof name === 'string')
        : [];
      const trails = context.state.index.trails();
      const listed =
        names.length > 0
          ? // A name only matches a trail of this region; another region's trail needs its ARN.
            trails.filter((trail) =>
              names.some((name) =>
                name.startsWith('arn:')
                  ? trail.TrailARN === name
                  : trail.Name === name && trail.HomeRegion === context.region,
              ),
            )
          : trails.filter(
              (trail) =>
                trail.HomeRegion === context.region ||
                (input.includeShadowTrails !== false && trail.IsMultiRegionTrail === true),
            );
      return { trailList: listed.map(trailListEntry) };
    },
    ListTrails(input, context) {
      guard(context, 'cloudtrail:ListTrails', undefined);
      const page = paginate(context.state.index.trails(), {
        token: input.NextToken,
        defaultLimit: TRAILS_PAGE,
        state: context.state,
        invalidTokenCode: 'InvalidTokenException',
      });
      return {
        Trails: page.items.map(({ TrailARN, Name, HomeRegion }) => ({ TrailARN, Name, HomeRegion })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    GetTrailStatus(input, context) {
      const name = requiredString(input, 'Name', 'InvalidTrailNameException');
      const trail = trailNamed(context, 'cloudtrail:GetTrailStatus', name);
      return trail.Status ?? {};
    },
    GetEventSelectors(input, context) {
      const name = requiredString(input, 'TrailName', 'InvalidTrailNameException');
      const trail = trailNamed(context, 'cloudtrail:GetEventSelectors', name);
      const { EventSelectors, AdvancedEventSelectors } = trail.EventSelectors ?? {};
      return {
        TrailARN: trail.TrailARN,
        ...(EventSelectors ? { EventSelectors } : {}),
        ...(AdvancedEventSelectors ? { AdvancedEventSelectors } : {}),
      };
    },
  },
};

/** A trail as DescribeTrails lists it: without the status and selectors the snapshot adds. */
function trailListEntry(trail: TrailDetail): Record<string, unknown> {
  const { Status: _status, EventSelectors: _selectors, ...entry } = trail;
  return entry;
}

/**
 * The trail a Name / TrailName names, as CloudTrail resolves it in the request's region: a name
 * only finds a trail whose home is this region; an ARN also finds a multi-region trail's shadow,
 * answered from the home region's record. Fails as the snapshot recorded, else TrailNotFound.
 */
function trailNamed(context: OperationContext, operation: string, name: string): TrailDetail {
  const { partition, accountId } = context.state;
  const isArn = name.startsWith('arn:');
  if (isArn) {
    const arn = parseArn(name);
    if (arn?.service !== 'cloudtrail' || !arn.resource.startsWith('trail/')) {
      throw new AwsServiceError('CloudTrailARNInvalidException', `Invalid trail ARN: ${name}`);
    }
  }
  const trail = context.state.index
    .trails()
    .find((candidate) =>
      isArn
        ? candidate.TrailARN === name &&
          (candidate.HomeRegion === context.region || candidate.IsMultiRegionTrail === true)
        : candidate.Name === name && candidate.HomeRegion === context.region,
    );
  const arn = isArn ? name : `arn:${partition}:cloudtrail:${context.region}:${accountId}:trail/${name}`;
  guard(context, operation, trail?.TrailARN ?? arn);
  if (!trail) {
    throw new AwsServiceError('TrailNotFoundException', `Unknown trail: ${name} for the user: ${accountId}`);
  }
  return trail;
}
