import type {
  AccessKeyDetail,
  AccountSnapshot,
  BucketDetail,
  ManagedPolicyDetail,
  RegionSnapshot,
  RoleDetail,
} from '../../shared/snapshot/types.js';
import type { AccountArns } from './account-arns.js';
import { applicationLogGroup, flinkApplication } from './applications.js';
import { generatedCode } from './code-artifacts.js';
import { accountPublicAccessBlock, bucket, deliveryStream, kinesisStream } from './data-resources.js';
import type { EstatePlan, PlannedApplication } from './estate-plan.js';
import { GENERATED_AT } from './generated-time.js';
import {
  type ApplicationAccess,
  administratorAccessPolicy,
  deliveryRole,
  executionRole,
  type RoleGrant,
  teamLoggingPolicy,
} from './iam-roles.js';
import { AWS_KINESIS_ALIAS, KeyRing, type PrivateKeyProblem } from './kms-keys.js';
import type { PlantedProblemKind } from './planted-problems.js';
import type { SeededRandom } from './random.js';
import { accountTrails, cloudTrailDeliveryStatements } from './trails.js';

type RegionContent = Required<RegionSnapshot>;

/** An execution role being assembled: every application that runs as it adds its access. */
interface RoleDraft {
  team: string;
  grant: RoleGrant;
  guarded: boolean;
  accesses: ApplicationAccess[];
}

/**
 * Turns a planned estate into AWS shapes, one application at a time, creating each shared resource
 * (team key, code bucket, lake bucket, shared stream, shared role) the first time it is needed.
 */
export class EstateBuilder {
  readonly #arns: AccountArns;
  readonly #random: SeededRandom;
  readonly #plan: EstatePlan;
  readonly #keys: KeyRing;
  readonly #regions = new Map<string, RegionContent>();
  readonly #buckets = new Map<string, BucketDetail>();
  /** Access keys of the account's IAM users that planted problems leak into code. */
  readonly #accessKeys: AccessKeyDetail[] = [];
  readonly #streams = new Set<string>();
  readonly #roles = new Map<string, RoleDraft>();
  /** Per team: the lake buckets and keys its delivery role writes with, and where it was first used. */
  readonly #lakes = new Map<string, { buckets: Set<string>; keys: Set<string>; region: string }>();

  constructor(arns: AccountArns, random: SeededRandom, plan: EstatePlan) {
    this.#arns = arns;
    this.#random = random;
    this.#plan = plan;
    this.#keys = new KeyRing(arns, random, plan.regions);
    for (const region of plan.regions) {
      this.#regions.set(region, {
        applications: [],
        streams: [],
        deliveryStreams: [],
        trails: [],
        keys: [],
        logGroups: [],
      });
    }
  }

  /** Adds one application with its log group, streams, buckets and keys, and registers its role. */
  add(planned: PlannedApplication): void {
    const { name, region, team } = planned;
    const arns = this.#arns;
    const has = (kind: PlantedProblemKind) => planned.problems.includes(kind);
    const section = this.#regions.get(region)!;
    const teamKey = () => this.#keys.teamKey(team, region);

    const codeBucket = this.#codeBucket(planned);
    const version = `${this.#random.between(1, 4)}.${this.#random.between(0, 12)}.${this.#random.between(0, 9)}`;
    const sourceKey = this.#sourceKey(planned);
    const source = this.#stream(region, planned.source.name, sourceKey);
    const sinkKey = planned.sink.key === 'team' ? teamKey() : AWS_KINESIS_ALIAS;
    const access: ApplicationAccess = {
      applicationArn: arns.application(region, name),
      region,
      codeObjects: `${arns.bucket(codeBucket)}/${name}/*`,
      reads: [source],
      writes: [],
      deliveries: [],
      keys: [sourceKey, sinkKey].filter((key): key is string => key?.startsWith('arn:') === true),
    };
    if (planned.sink.kind === 'stream') access.writes.push(this.#stream(region, planned.sink.name, sinkKey));
    else access.deliveries.push(this.#deliveryStream(planned, has('firehose-sse-off')));
    access.keys = [...new Set(access.keys)];

    const role = this.#roles.get(planned.roleName) ?? {
      team,
      grant: roleGrant(planned.problems),
      guarded: !has('trust-without-source'),
      accesses: [],
    };
    role.accesses.push(access);
    this.#roles.set(planned.roleName, role);

    const codeKey = `${name}/${name}-${version}.jar`;
    const code = generatedCode(arns, this.#random, { name, team, key: codeKey }, has('keys-in-code'));
    const bucketDetail = this.#buckets.get(codeBucket)!;
    bucketDetail.Objects = [...(bucketDetail.Objects ?? []), code.object];
    if (code.leakedKey) this.#accessKeys.push(code.leakedKey);

    section.applications.push(
      flinkApplication(arns, this.#random, planned, {
        roleArn: arns.role(planned.roleName),
        codeBucketArn: arns.bucket(codeBucket),
        codeKey,
        sourceStream: planned.source.name,
        sink: planned.sink,
        ...(has('missing-dependency') ? { missingStream: `${name}-replay` } : {}),
      }),
    );
    if (!has('logging-off')) section.logGroups.push(applicationLogGroup(arns, this.#random, region, name));
  }

  /** The finished snapshot: IAM, S3, every region's resources, trails and collection errors. */
  snapshot(): AccountSnapshot {
    const arns = this.#arns;
    const home = this.#plan.regions[0]!;
    const roles: RoleDetail[] = [];
    const loggingTeams = new Set<string>();
    let administrators = false;
    for (const [name, draft] of this.#roles) {
      roles.push(executionRole(arns, this.#random, { name, ...draft }));
      if (draft.grant === 'admin') administrators = true;
      else loggingTeams.add(draft.team);
    }
    for (const [team, lake] of this.#lakes) {
      roles.push(
        deliveryRole(arns, this.#random, {
          team,
          buckets: [...lake.buckets],
          keys: [...lake.keys],
          region: lake.region,
        }),
      );
    }
    const policies: ManagedPolicyDetail[] = [...loggingTeams].map((team) =>
      teamLoggingPolicy(arns, this.#random, team),
    );
    if (administrators) policies.push(administratorAccessPolicy(arns));

    const trailKey = this.#keys.trailKey(home);
    const trails = accountTrails(arns, this.#random, {
      regions: this.#plan.regions,
      ...(this.#plan.uncoveredRegion ? { uncovered: this.#plan.uncoveredRegion } : {}),
      kmsKeyArn: trailKey,
    });
    this.#buckets.set(
      trails.bucketName,
      bucket(arns, trails.bucketName, home, {
        kmsKeyArn: trailKey,
        tlsOnly: true,
        statements: cloudTrailDeliveryStatements(arns, trails.bucketName),
      }),
    );

    const errors = this.#keys.collectionErrors();
    const regions: Record<string, RegionSnapshot> = {};
    for (const [region, content] of this.#regions) {
      regions[region] = {
        ...content,
        trails: trails.trails.get(region) ?? [],
        keys: this.#keys.keysIn(region),
      };
    }
    return {
      snapshotVersion: 1,
      accountId: arns.accountId,
      partition: arns.partition,
      collectedAt: GENERATED_AT,
      iam: { roles, policies, ...(this.#accessKeys.length > 0 ? { accessKeys: this.#accessKeys } : {}) },
      s3: { accountPublicAccessBlock: accountPublicAccessBlock(), buckets: [...this.#buckets.values()] },
      regions,
      ...(errors.length > 0 ? { collectionErrors: errors } : {}),
    };
  }

  /** The key a source stream is encrypted with: a key ARN, the AWS managed alias, or none. */
  #sourceKey(planned: PlannedApplication): string | undefined {
    const { problems, region, team, name } = planned;
    switch (planned.source.key) {
      case 'none':
        return undefined;
      case 'aws-managed':
        return AWS_KINESIS_ALIAS;
      case 'team':
        return this.#keys.teamKey(team, region);
      case 'private': {
        const problem: PrivateKeyProblem = problems.includes('key-pending-deletion')
          ? 'pending-deletion'
          : problems.includes('unreadable-key')
            ? 'unreadable'
            : 'rotation-off';
        return this.#keys.privateKey(name, region, problem);
      }
    }
  }

  /** A stream's ARN, creating the stream the first time (shared streams are met again). */
  #stream(region: string, name: string, keyId: string | undefined): string {
    const arn = this.#arns.stream(region, name);
    if (!this.#streams.has(arn)) {
      this.#streams.add(arn);
      this.#regions.get(region)!.streams.push(kinesisStream(this.#arns, this.#random, region, name, keyId));
    }
    return arn;
  }

  /** The application's delivery stream into its team's lake bucket in the region; returns its ARN. */
  #deliveryStream(planned: PlannedApplication, sseOff: boolean): string {
    const { team, region, name } = planned;
    const arns = this.#arns;
    const teamKey = this.#keys.teamKey(team, region);
    const lakeBucket = `${team}-lake-${region}-${arns.accountId}`;
    if (!this.#buckets.has(lakeBucket)) {
      this.#buckets.set(lakeBucket, bucket(arns, lakeBucket, region, { kmsKeyArn: teamKey, tlsOnly: true }));
    }
    const lake = this.#lakes.get(team) ?? { buckets: new Set<string>(), keys: new Set<string>(), region };
    lake.buckets.add(lakeBucket);
    lake.keys.add(teamKey);
    this.#lakes.set(team, lake);
    let encryption: Parameters<typeof deliveryStream>[2]['encryption'] = 'off';
    if (!sseOff) encryption = planned.sink.key === 'team' ? { keyArn: teamKey } : 'aws-owned';
    const delivery = deliveryStream(arns, this.#random, {
      region,
      name: planned.sink.name,
      roleArn: arns.role(`${team}-firehose-delivery-role`),
      bucketName: lakeBucket,
      prefix: `${name}/`,
      objectKeyArn: teamKey,
      encryption,
    });
    this.#regions.get(region)!.deliveryStreams.push(delivery);
    return delivery.DeliveryStreamARN;
  }

  /**
   * The application's code bucket: its team's artifact bucket in the home region, or a bucket of
   * its own when a bucket problem is planted (SSE-S3 and/or no TLS-only policy), so no other
   * application inherits the problem.
   */
  #codeBucket(planned: PlannedApplication): string {
    const { name } = planned.codeBucket;
    if (this.#buckets.has(name)) return name;
    if (planned.codeBucket.private) {
      const sseS3 = planned.problems.includes('sse-s3-bucket');
      this.#buckets.set(
        name,
        bucket(this.#arns, name, planned.region, {
          ...(sseS3 ? {} : { kmsKeyArn: this.#keys.teamKey(planned.team, planned.region) }),
          tlsOnly: !planned.problems.includes('no-tls-policy'),
        }),
      );
    } else {
      const home = this.#plan.regions[0]!;
      const kmsKeyArn = this.#keys.teamKey(planned.team, home);
      this.#buckets.set(name, bucket(this.#arns, name, home, { kmsKeyArn, tlsOnly: true }));
    }
    return name;
  }
}

function roleGrant(problems: readonly PlantedProblemKind[]): RoleGrant {
  if (problems.includes('admin-role')) return 'admin';
  if (problems.includes('wildcard-role')) return 'wildcard';
  if (problems.includes('escalation-role')) return 'escalation';
  return 'scoped';
}
