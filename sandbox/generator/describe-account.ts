import { bucketNameFromArn, streamArn } from '../../shared/arn.js';
import { trailCoverage } from '../../shared/checks/cloudtrail/trail-coverage.js';
import { propertyReferences } from '../../shared/graph/property-references.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { PLANTED_PROBLEM_KINDS, type PlantedProblemKind, plantedProblemsOf } from './planted-problems.js';

/** Resources used by two applications or more, and how many applications use them. */
export interface Sharing {
  shared: number;
  applications: number;
}

/** What a (generated) account holds, counted for humans and for tests of the generator. */
export interface GeneratedAccountDescription {
  accountId: string;
  applications: number;
  applicationsPerRegion: Record<string, number>;
  /** Applications with no planted problem (read from their descriptions: any hand-made one counts). */
  cleanApplications: number;
  roles: number;
  executionRoles: number;
  sharedRoles: Sharing;
  streams: number;
  /** Streams named by the runtime properties of two applications or more. */
  sharedStreams: Sharing;
  deliveryStreams: number;
  buckets: number;
  sharedCodeBuckets: Sharing;
  keys: { customerManaged: number; awsManaged: number };
  trails: number;
  /** Regions where no trail records write management events. */
  regionsWithoutTrailCoverage: string[];
  /** Applications carrying each planted problem. */
  plantedProblems: Record<PlantedProblemKind, number>;
  collectionErrors: number;
}

/** Counts what a snapshot holds: applications per region, sharing, keys, trails, planted problems. */
export function describeGeneratedAccount(snapshot: AccountSnapshot): GeneratedAccountDescription {
  const index = new AccountIndex(snapshot);
  const applicationsPerRegion: Record<string, number> = {};
  const roleUsers = new Users();
  const streamUsers = new Users();
  const codeBucketUsers = new Users();
  const plantedProblems = Object.fromEntries(PLANTED_PROBLEM_KINDS.map((kind) => [kind, 0])) as Record<
    PlantedProblemKind,
    number
  >;
  let cleanApplications = 0;
  for (const { region, application } of index.applications()) {
    const arn = application.ApplicationARN;
    applicationsPerRegion[region] = (applicationsPerRegion[region] ?? 0) + 1;
    if (application.ServiceExecutionRole) roleUsers.add(application.ServiceExecutionRole, arn);
    const groups =
      application.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
        ?.PropertyGroupDescriptions ?? [];
    for (const reference of propertyReferences(groups)) {
      if (reference.kind !== 'kinesis-stream') continue;
      const stream = reference.value.startsWith('arn:')
        ? reference.value
        : streamArn(index.partition, reference.region ?? region, index.accountId, reference.value);
      if (index.stream(stream)) streamUsers.add(stream, arn);
    }
    const code =
      application.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
        ?.CodeContentDescription?.S3ApplicationCodeLocationDescription?.BucketARN;
    const bucket = code ? bucketNameFromArn(code) : undefined;
    if (bucket) codeBucketUsers.add(bucket, arn);
    const problems = plantedProblemsOf(application);
    if (problems.length === 0) cleanApplications += 1;
    for (const kind of problems) plantedProblems[kind] += 1;
  }
  const regions = Object.values(snapshot.regions ?? {});
  const keys = regions.flatMap((region) => region.keys ?? []);
  const awsManaged = keys.filter((key) => key.KeyMetadata.KeyManager === 'AWS').length;
  return {
    accountId: snapshot.accountId,
    applications: index.applications().length,
    applicationsPerRegion,
    cleanApplications,
    roles: snapshot.iam?.roles?.length ?? 0,
    executionRoles: roleUsers.size,
    sharedRoles: roleUsers.sharing(),
    streams: regions.reduce((sum, region) => sum + (region.streams?.length ?? 0), 0),
    sharedStreams: streamUsers.sharing(),
    deliveryStreams: regions.reduce((sum, region) => sum + (region.deliveryStreams?.length ?? 0), 0),
    buckets: snapshot.s3?.buckets?.length ?? 0,
    sharedCodeBuckets: codeBucketUsers.sharing(),
    keys: { customerManaged: keys.length - awsManaged, awsManaged },
    trails: index.trails().length,
    regionsWithoutTrailCoverage: index
      .regions()
      .filter((region) => !trailCoverage(index, region).some(({ verdict }) => verdict === 'qualifies')),
    plantedProblems,
    collectionErrors: snapshot.collectionErrors?.length ?? 0,
  };
}

/** Which applications use each resource. */
class Users {
  readonly #users = new Map<string, Set<string>>();

  get size(): number {
    return this.#users.size;
  }

  add(resource: string, application: string): void {
    const users = this.#users.get(resource);
    if (users) users.add(application);
    else this.#users.set(resource, new Set([application]));
  }

  sharing(): Sharing {
    const shared = [...this.#users.values()].filter((users) => users.size >= 2);
    return { shared: shared.length, applications: shared.reduce((sum, users) => sum + users.size, 0) };
  }
}

/** The description as a few lines of text, for a terminal. */
export function formatAccountDescription(description: GeneratedAccountDescription): string {
  const d = description;
  const perRegion = Object.entries(d.applicationsPerRegion)
    .map(([region, count]) => `${region} ${count}`)
    .join(', ');
  const planted = Object.entries(d.plantedProblems)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  return [
    `Account ${d.accountId}: ${d.applications} applications (${d.cleanApplications} without planted problems)`,
    `  per region: ${perRegion || 'none'}`,
    `IAM roles: ${d.roles}; execution roles: ${d.executionRoles}, shared: ${d.sharedRoles.shared} (by ${d.sharedRoles.applications} applications)`,
    `Kinesis streams: ${d.streams}, shared: ${d.sharedStreams.shared} (by ${d.sharedStreams.applications} applications); Firehose delivery streams: ${d.deliveryStreams}`,
    `S3 buckets: ${d.buckets}; shared code buckets: ${d.sharedCodeBuckets.shared} (by ${d.sharedCodeBuckets.applications} applications)`,
    `KMS keys: ${d.keys.customerManaged} customer managed, ${d.keys.awsManaged} AWS managed`,
    `CloudTrail trails: ${d.trails}; regions without coverage: ${d.regionsWithoutTrailCoverage.join(', ') || 'none'}`,
    `Planted problems (applications): ${planted || 'none'}; collection errors: ${d.collectionErrors}`,
  ].join('\n');
}
