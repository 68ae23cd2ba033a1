import type { TrailDetail } from '../../shared/snapshot/types.js';
import type { AccountArns } from './account-arns.js';
import { beforeGeneratedAt, momentBefore } from './generated-time.js';
import type { SeededRandom } from './random.js';

/** The account's trails, each under its home region, and the bucket they deliver to. */
export interface TrailEstate {
  trails: Map<string, TrailDetail[]>;
  bucketName: string;
}

/**
 * One multi-region organization trail in the home region (the first), recording S3 data events
 * only, plus a management-events trail in every other region but `uncovered`. A multi-region trail
 * recording management events would cover every region, so the organization trail has to be the
 * data-events kind for one region to be left without coverage.
 */
export function accountTrails(
  arns: AccountArns,
  random: SeededRandom,
  options: { regions: readonly string[]; uncovered?: string; kmsKeyArn: string },
): TrailEstate {
  const home = options.regions[0]!;
  const bucketName = `cloudtrail-logs-${arns.accountId}`;
  const common = (region: string, name: string) => {
    const started = momentBefore(random, 400, 1500);
    return {
      Name: name,
      S3BucketName: bucketName,
      IncludeGlobalServiceEvents: region === home,
      HomeRegion: region,
      TrailARN: arns.trail(region, name),
      LogFileValidationEnabled: true,
      KmsKeyId: options.kmsKeyArn,
      HasInsightSelectors: false,
      Status: {
        IsLogging: true,
        LatestDeliveryTime: beforeGeneratedAt(0, random.between(1, 15)),
        StartLoggingTime: started,
        LatestDigestDeliveryTime: beforeGeneratedAt(0, random.between(20, 59)),
      },
    };
  };
  const organizationTrail: TrailDetail = {
    ...common(home, 'organization-data-events'),
    IsMultiRegionTrail: true,
    IsOrganizationTrail: true,
    HasCustomEventSelectors: true,
    EventSelectors: eventSelectors(arns.trail(home, 'organization-data-events'), {
      AdvancedEventSelectors: [
        {
          Name: 'S3 object-level events across the organization',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          ],
        },
      ],
    }),
  };
  const trails = new Map<string, TrailDetail[]>(options.regions.map((region) => [region, []]));
  trails.get(home)!.push(organizationTrail);
  for (const region of options.regions) {
    if (region === options.uncovered) continue;
    const name = `management-events-${region}`;
    trails.get(region)!.push({
      ...common(region, name),
      IsMultiRegionTrail: false,
      IsOrganizationTrail: false,
      HasCustomEventSelectors: true,
      EventSelectors: eventSelectors(arns.trail(region, name), {
        EventSelectors: [
          { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: [] },
        ],
      }),
    });
  }
  return { trails, bucketName };
}

type EventSelectors = NonNullable<TrailDetail['EventSelectors']>;

/** A GetEventSelectors response, which names the trail it answers for. */
function eventSelectors(trailArn: string, selectors: EventSelectors): EventSelectors & { TrailARN: string } {
  return { TrailARN: trailArn, ...selectors };
}

/** The statements that let CloudTrail check the trails' bucket ACL and write log files into it. */
export function cloudTrailDeliveryStatements(
  arns: AccountArns,
  bucketName: string,
): Record<string, unknown>[] {
  const bucket = arns.bucket(bucketName);
  return [
    {
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: bucket,
    },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucket}/AWSLogs/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
  ];
}
