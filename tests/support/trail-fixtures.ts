/** Builders for the cloudtrail check tests: trails in their DescribeTrails shape, and an account holding them. */
import type {
  AccountSnapshot,
  CollectionError,
  RegionSnapshot,
  TrailDetail,
} from '../../shared/snapshot/types.js';
import { ACCOUNT_ID, accountSnapshot, application, REGION } from './snapshot-builder.js';

/** When the fixture snapshots were collected. */
export const COLLECTED_AT = '2026-11-29T02:00:00Z';

/** A region other than the application's, home of the organization-wide trail. */
export const TRAIL_HOME = 'us-east-1';

/** The ARN of a trail. */
export const trailArn = (name: string, homeRegion = TRAIL_HOME): string =>
  `arn:aws:cloudtrail:${homeRegion}:${ACCOUNT_ID}:trail/${name}`;

/** The ARN findings use for the application region's trails as a whole. */
export const REGION_TRAILS_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT_ID}:trail/*`;

/**
 * A healthy multi-region trail in us-east-1: logging, all management events, log file validation,
 * SSE-KMS, last delivery five minutes before the snapshot. `extra` overrides any field.
 */
export function trail(name: string, extra: Partial<TrailDetail> = {}): TrailDetail {
  const homeRegion = extra.HomeRegion ?? TRAIL_HOME;
  return {
    Name: name,
    TrailARN: trailArn(name, homeRegion),
    HomeRegion: homeRegion,
    S3BucketName: 'acme-cloudtrail-logs',
    IsMultiRegionTrail: true,
    IsOrganizationTrail: false,
    IncludeGlobalServiceEvents: true,
    LogFileValidationEnabled: true,
    KmsKeyId: `arn:aws:kms:${homeRegion}:${ACCOUNT_ID}:key/77778888-9999-aaaa-bbbb-ccccddddeeee`,
    HasCustomEventSelectors: true,
    Status: { IsLogging: true, LatestDeliveryTime: '2026-11-29T01:55:00Z' },
    EventSelectors: {
      EventSelectors: [
        { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: [] },
      ],
    },
    ...extra,
  };
}

/** What a trail fixture account holds besides its one application in eu-west-1. */
export interface TrailScenario {
  trails?: TrailDetail[];
  collectionErrors?: CollectionError[];
  /** Snapshot time; `null` leaves collectedAt out. */
  collectedAt?: string | null;
}

/** A snapshot with one application in eu-west-1 and the given trails under their home regions. */
export function trailSnapshot(scenario: TrailScenario = {}): AccountSnapshot {
  const regions: Record<string, RegionSnapshot> = {};
  for (const entry of scenario.trails ?? []) {
    const home = regions[entry.HomeRegion] ?? { trails: [] };
    home.trails = [...(home.trails ?? []), entry];
    regions[entry.HomeRegion] = home;
  }
  const collectedAt = scenario.collectedAt === undefined ? COLLECTED_AT : scenario.collectedAt;
  return {
    ...accountSnapshot({
      applications: [application()],
      regions,
      ...(scenario.collectionErrors ? { collectionErrors: scenario.collectionErrors } : {}),
    }),
    ...(collectedAt === null ? {} : { collectedAt }),
  };
}

/** A collection error for a CloudTrail call, naming a trail or (for DescribeTrails) a region. */
export function trailError(operation: string, where: { trail?: string; region?: string }): CollectionError {
  return {
    operation,
    ...(where.trail ? { resource: where.trail } : {}),
    ...(where.region ? { region: where.region } : {}),
    code: 'AccessDeniedException',
    message: `User is not authorized to perform: ${operation}`,
  };
}
