// What a scan of an account must ask AWS, derived from the account itself (the snapshot the sandbox
// serves), never from what a scanner sent: one ListApplications page per 50 applications, one
// DescribeApplication per application, one read per distinct dependency the applications' graphs
// reach, and the cheaper of two ways where AWS offers two (IAM, log groups, KMS aliases).
import { bucketNameFromArn } from '../../shared/arn.js';
import { quotaPlace, resolveQuota } from '../../shared/aws/request-quotas.js';
import { COLLECTED_KINDS } from '../../shared/collect/dependency-reads.js';
import { dependencyGraph } from '../../shared/graph/dependency-graph.js';
import type { DependencyNode } from '../../shared/graph/types.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { demandOf, PAGE_SIZES } from './call-costs.js';
import type { Alternative, BucketDemand, Requirement } from './lower-bound.js';

/** The calls an account needs, as bound requirements and as per-operation counts. */
export interface RequiredCalls {
  requirements: Requirement[];
  /** Per operation: one call per distinct resource (the target), the per-resource way. */
  distinct: Record<string, number>;
}

const COLLECTED = new Set<string>(COLLECTED_KINDS);
// States that cost a call: read and found, read and absent, or read and denied.
const READ_STATES = new Set(['present', 'missing', 'unreadable']);

/** Counts calls per (operation, place): the region, or `global` for a global quota (IAM). */
class Tally {
  readonly #calls = new Map<string, { operation: string; place: string; calls: number }>();

  add(operation: string, region: string, calls = 1): void {
    const place = quotaPlace(resolveQuota(operation, region).scope, region);
    const key = `${operation}|${place}`;
    const entry = this.#calls.get(key) ?? { operation, place, calls: 0 };
    entry.calls += calls;
    this.#calls.set(key, entry);
  }

  /** Calls per operation, every place summed. */
  perOperation(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { operation, calls } of this.#calls.values())
      counts[operation] = (counts[operation] ?? 0) + calls;
    return counts;
  }

  demands(filter: (operation: string) => boolean = () => true): BucketDemand[] {
    return [...this.#calls.values()]
      .filter((entry) => filter(entry.operation))
      .map((entry) => demandOf(entry.operation, entry.place, entry.calls));
  }
}

/**
 * The calls a scan of `regions` must make in `snapshot`, account-wide reads sent to `homeRegion`.
 * Every dependency the full graphs reach is counted once, whether found, absent or denied: each
 * costs one call to learn which. Another account's resources are not read, so not counted.
 */
export function requiredCalls(
  snapshot: AccountSnapshot,
  regions: readonly string[],
  homeRegion: string,
): RequiredCalls {
  const index = new AccountIndex(snapshot);
  const perResource = new Tally();
  const nodes = new Map<string, DependencyNode>();
  const code = new Set<string>();
  perResource.add('sts:GetCallerIdentity', homeRegion);
  perResource.add('s3control:GetPublicAccessBlock', homeRegion);
  // The audit reads the previous report (latest.json) once, to track changes.
  perResource.add('s3:GetObject', homeRegion);
  for (const region of regions) {
    const applications = snapshot.regions?.[region]?.applications ?? [];
    perResource.add(
      'kinesisanalytics:ListApplications',
      region,
      Math.max(1, Math.ceil(applications.length / PAGE_SIZES.listApplications)),
    );
    if (applications.length > 0) perResource.add('cloudtrail:DescribeTrails', region);
    for (const application of applications) {
      perResource.add('kinesisanalytics:DescribeApplication', region);
      const location =
        application.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
          ?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
      if (location?.BucketARN && location.FileKey) code.add(`${location.BucketARN}|${location.FileKey}`);
      for (const node of dependencyGraph(index, region, application).nodes) {
        if (COLLECTED.has(node.kind) && READ_STATES.has(node.state))
          nodes.set(`${node.kind}|${node.arn}`, node);
      }
    }
  }
  const roles = [...nodes.values()].filter((node) => node.kind === 'iam-role');
  const logGroups = new Map<string, number>();
  const keyReads = new Set<string>();
  for (const node of nodes.values()) {
    const region = node.region ?? homeRegion;
    switch (node.kind) {
      case 'kinesis-stream':
        perResource.add('kinesis:DescribeStreamSummary', region);
        break;
      case 'firehose-delivery-stream':
        perResource.add('firehose:DescribeDeliveryStream', region);
        break;
      case 'log-group':
        perResource.add('logs:DescribeLogGroups', region);
        logGroups.set(region, (logGroups.get(region) ?? 0) + 1);
        break;
      case 's3-bucket': {
        perResource.add('s3:GetBucketLocation', homeRegion);
        const bucket = index.bucket(bucketNameFromArn(node.arn) ?? node.name);
        if (!bucket) break;
        for (const operation of [
          's3:GetBucketEncryption',
          's3:GetBucketPolicy',
          's3:GetPublicAccessBlock',
          's3:GetBucketVersioning',
        ])
          perResource.add(operation, bucket.Region ?? homeRegion);
        break;
      }
      case 'kms-key': {
        perResource.add('kms:DescribeKey', region);
        const key = index.key(node.arn, region);
        if (key && !keyReads.has(key.KeyMetadata.Arn)) {
          keyReads.add(key.KeyMetadata.Arn);
          const metadata = key.KeyMetadata;
          const rotatable =
            metadata.KeyManager === 'CUSTOMER' &&
            (metadata.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' &&
            (metadata.Origin ?? 'AWS_KMS') === 'AWS_KMS';
          if (rotatable) perResource.add('kms:GetKeyRotationStatus', region);
          if (metadata.AWSAccountId === snapshot.accountId) perResource.add('kms:ListAliases', region);
        }
        break;
      }
      default:
        break;
    }
  }
  for (const entry of code) {
    const bucket = index.bucket(bucketNameFromArn(entry.split('|')[0] ?? '') ?? '');
    if (!bucket) continue;
    perResource.add('s3:HeadObject', bucket.Region ?? homeRegion);
    perResource.add('s3:GetObject', bucket.Region ?? homeRegion);
  }
  const trails = new Map(
    regions
      .filter((region) => (snapshot.regions?.[region]?.applications ?? []).length > 0)
      .flatMap((region) => index.trailsCovering(region))
      .map((trail) => [trail.TrailARN, trail]),
  );
  for (const trail of trails.values()) {
    perResource.add('cloudtrail:GetTrailStatus', trail.HomeRegion);
    perResource.add('cloudtrail:GetEventSelectors', trail.HomeRegion);
  }
  for (const key of snapshot.iam?.accessKeys ?? []) {
    perResource.add('sts:GetAccessKeyInfo', homeRegion);
    if (key.Account === snapshot.accountId && key.AccessKeyId.startsWith('AKIA')) {
      perResource.add('iam:GetAccessKeyLastUsed', homeRegion);
      perResource.add('iam:ListAccessKeys', homeRegion);
    }
  }
  const policies = new Set<string>();
  for (const node of roles) {
    const role = index.role(node.arn);
    perResource.add('iam:GetRole', homeRegion);
    if (!role) continue;
    perResource.add('iam:ListRolePolicies', homeRegion);
    perResource.add('iam:ListAttachedRolePolicies', homeRegion);
    perResource.add('iam:GetRolePolicy', homeRegion, role.RolePolicyList?.length ?? 0);
    for (const attached of role.AttachedManagedPolicies ?? []) policies.add(attached.PolicyArn);
  }
  perResource.add('iam:GetPolicy', homeRegion, policies.size);
  perResource.add('iam:GetPolicyVersion', homeRegion, policies.size);

  return {
    requirements: requirementsOf(snapshot, perResource, logGroups),
    distinct: perResource.perOperation(),
  };
}

const IAM_ROLE_READS = new Set([
  'iam:GetRole',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:GetRolePolicy',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
]);

/** One requirement per (operation, place), except where AWS offers a cheaper listing. */
function requirementsOf(
  snapshot: AccountSnapshot,
  tally: Tally,
  logGroups: Map<string, number>,
): Requirement[] {
  const single = tally
    .demands(
      (operation) =>
        !IAM_ROLE_READS.has(operation) &&
        operation !== 'logs:DescribeLogGroups' &&
        operation !== 'kms:ListAliases',
    )
    .map((demand) => ({
      name: `${demand.bucket} ${demand.place}`,
      alternatives: [{ name: 'one call each', demands: [demand] }],
    }));
  const iamEntries = (snapshot.iam?.roles?.length ?? 0) + (snapshot.iam?.policies?.length ?? 0);
  const iam: Requirement = {
    name: 'IAM roles and policies',
    alternatives: [
      { name: 'role by role', demands: tally.demands((operation) => IAM_ROLE_READS.has(operation)) },
      {
        name: 'GetAccountAuthorizationDetails',
        demands: [
          listing(
            'iam:GetAccountAuthorizationDetails',
            'global',
            iamEntries,
            PAGE_SIZES.authorizationDetails,
          ),
        ],
      },
    ],
  };
  const logs = [...logGroups].map(([region, needed]): Requirement => {
    const all = snapshot.regions?.[region]?.logGroups?.length ?? 0;
    const byNames = listing('logs:DescribeLogGroups', region, needed, PAGE_SIZES.logGroupIdentifiers);
    const everyGroup = listing('logs:DescribeLogGroups', region, all, PAGE_SIZES.describeLogGroups);
    return {
      name: `log groups ${region}`,
      alternatives: [
        // One call per group by name prefix costs at least as much as this: it is not listed.
        { name: 'by names, 50 a call', demands: [byNames] },
        { name: 'every log group of the region', demands: [{ ...everyGroup, depth: 0 }] },
      ],
    };
  });
  const aliases = tally
    .demands((operation) => operation === 'kms:ListAliases')
    .map((demand): Requirement => {
      const all = (snapshot.regions?.[demand.place]?.keys ?? []).reduce(
        (sum, key) => sum + (key.Aliases?.length ?? 0),
        0,
      );
      const everyAlias: Alternative = {
        name: 'every alias of the region',
        demands: [{ ...listing('kms:ListAliases', demand.place, all, PAGE_SIZES.listAliases), depth: 0 }],
      };
      return {
        name: `kms:ListAliases ${demand.place}`,
        alternatives: [{ name: 'key by key', demands: [demand] }, everyAlias],
      };
    });
  return [...single, iam, ...logs, ...aliases];
}

function listing(operation: string, place: string, entries: number, pageSize: number): BucketDemand {
  return demandOf(operation, place, Math.max(1, Math.ceil(entries / pageSize)));
}
