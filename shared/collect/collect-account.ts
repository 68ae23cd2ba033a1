import { bucketNameFromArn } from '../arn.js';
import type { ClientFactory } from '../aws/clients.js';
import { CallGovernor } from '../aws/governor.js';
import { CODE_ARTIFACT_SCANNER_VERSION, scanCodeArtifact } from '../code-artifact/scan-code-artifact.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { AccessKeyLookups } from './access-keys.js';
import { accountIdentity, enabledRegions } from './account-scope.js';
import { collectApplications } from './applications.js';
import { type ArtifactScanCache, MemoryArtifactScanCache } from './artifact-scan-cache.js';
import { ByteBudget } from './byte-budget.js';
import {
  CodeArtifactReads,
  DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT,
  DEFAULT_CODE_ARTIFACT_MAX_BYTES,
} from './code-artifacts.js';
import type { CallContext, ScanContext } from './collection-context.js';
import { DependencyDiscovery } from './dependency-discovery.js';
import { collectExecutionRoles } from './iam.js';
import { artifactAccessKeyIds, propertyAccessKeyIds } from './leaked-access-keys.js';
import { OncePerScan } from './once-per-scan.js';
import { readAccountPublicAccessBlock } from './s3-buckets.js';
import { SnapshotDraft } from './snapshot-draft.js';
import { isNotStarted } from './time-limit.js';
import { collectTrails } from './trails.js';

/** What to collect, and with what. */
export interface CollectOptions {
  clients: ClientFactory;
  /** Every AWS call passes through it; a default one (AWS's quotas, 50 calls in flight per API and region) if absent. */
  governor?: CallGovernor;
  /** 'all' or absent: every region enabled for the account (EC2 DescribeRegions). */
  regions?: readonly string[] | 'all';
  /** Application names or ARNs; absent: every application. */
  applications?: readonly string[];
  /** Receives human progress lines (the CLI prints them on stderr). */
  progress?: (message: string) => void;
  /** For collectedAt. */
  clock?: () => Date;
  /**
   * Region for account-wide calls (STS, DescribeRegions, s3control, GetBucketLocation); by default
   * the first region asked for, else us-east-1. Set it to the Lambda's own region in other partitions.
   */
  homeRegion?: string;
  /** How application code objects are read; by default up to 64 MiB, cached for this process only. */
  codeArtifacts?: CodeArtifactOptions;
  /**
   * From this instant (by `clock`) no new AWS call starts; the reads left are recorded as
   * TimeLimitReached collection errors (docs/reliability.md, "Time limit"). Absent: no limit.
   */
  deadline?: Date;
  /**
   * Application ARNs whose reads go first in every phase (those the previous scan did not reach),
   * asked once the account is known.
   */
  readFirst?: (accountId: string) => Promise<readonly string[]>;
}

/** The settings of the code artifact scan a caller may change. */
export interface CodeArtifactOptions {
  /** Larger code objects are not downloaded (recorded as ArtifactTooLarge, so their check says ERROR). */
  maxBytes?: number;
  /** Where scan results are kept between scans (an S3 prefix in the Lambda, a folder for the CLI). */
  cache?: ArtifactScanCache;
  /**
   * Bytes of code objects downloaded and not yet scanned, at most, across the whole scan (128 MiB
   * by default); an object larger than that waits until it can be read alone.
   */
  maxBytesInFlight?: number;
}

/**
 * Collects an account snapshot: the account (STS), the regions in scope, their applications,
 * the execution roles and their policies, every resource the applications depend on (to a fixed
 * point), the account's S3 Block Public Access and the CloudTrail trails covering the regions
 * that run applications. Reads that fail are recorded in `collectionErrors` and the scan goes on;
 * only an unknown account id is fatal (ScanFailedError). Past `deadline`, reads are not started
 * but recorded as TimeLimitReached errors, so the snapshot says what it lacks.
 */
export async function collectAccount(options: CollectOptions): Promise<AccountSnapshot> {
  // Built first: a budget that is not a positive whole number fails before any call is made.
  const artifactBudget = new ByteBudget(
    options.codeArtifacts?.maxBytesInFlight ?? DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT,
  );
  const listed = options.regions === 'all' ? undefined : options.regions;
  const clock = options.clock ?? (() => new Date());
  const base: CallContext = {
    clients: options.clients,
    governor: options.governor ?? new CallGovernor(),
    homeRegion: options.homeRegion ?? listed?.[0] ?? 'us-east-1',
    progress: options.progress ?? (() => {}),
    errors: [],
    once: new OncePerScan(),
    ...(options.deadline ? { timeLimit: { deadline: options.deadline, clock } } : {}),
  };
  const identity = await accountIdentity(base);
  const context: ScanContext = { ...base, ...identity };
  context.progress(`Account ${identity.accountId} (${identity.partition}).`);
  const first = new Set(options.readFirst ? await options.readFirst(identity.accountId) : []);
  if (first.size > 0) context.progress(`Reading first ${first.size} application(s) not reached last time.`);

  const regions = listed ? [...new Set(listed)] : await enabledRegions(context);
  context.progress(`Scanning ${regions.length} region(s): ${regions.join(', ')}.`);
  const draft = new SnapshotDraft(identity.accountId, identity.partition, regions, context.errors);
  draft.readFirst(first);
  const { discovery, artifacts, keys } = collectionPipeline(
    context,
    draft,
    options.codeArtifacts ?? {},
    artifactBudget,
  );
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      const applications = await collectApplications(
        context,
        region,
        options.applications,
        first,
        (application) => {
          draft.addApplication(region, application);
          discovery.add(region, [application]);
          artifacts.add(application);
          keys.found(propertyAccessKeyIds(application));
        },
      );
      // ListApplications order, whatever order the describes came back in.
      draft.setApplications(region, applications);
      if (applications.length > 0) context.progress(`${region}: ${applications.length} application(s).`);
      return { region, count: applications.length };
    }),
  );
  const regionsWithApplications = perRegion.filter(({ count }) => count > 0).map(({ region }) => region);

  await Promise.all([
    collectRolesAndDependencies(context, draft, { discovery, artifacts, keys }),
    collectTrailsInto(context, draft, regionsWithApplications),
    collectAccountSettings(context, draft),
  ]);

  const calls = Object.values(context.governor.stats()).reduce((sum, count) => sum + count, 0);
  const notStarted = context.errors.filter(isNotStarted).length;
  context.progress(
    `Collected with ${calls} AWS call(s); ${context.errors.length - notStarted} read(s) failed` +
      (notStarted > 0 ? `, ${notStarted} not started (time limit).` : '.'),
  );
  return draft.snapshot(context.errors, clock().toISOString());
}

/** The reads that go on while applications are described, each fed by the one before. */
interface CollectionPipeline {
  discovery: DependencyDiscovery;
  artifacts: CodeArtifactReads;
  keys: AccessKeyLookups;
}

/**
 * Dependency discovery, code artifacts and access keys as one pipeline: a code object is read as
 * soon as its bucket is, and a key id is looked up as soon as a runtime property or a scanned
 * code object shows it, so no phase waits for the slowest read of the one before.
 */
function collectionPipeline(
  context: ScanContext,
  draft: SnapshotDraft,
  options: CodeArtifactOptions,
  budget: ByteBudget,
): CollectionPipeline {
  const keys = new AccessKeyLookups(context);
  const artifacts = new CodeArtifactReads(
    context,
    draft,
    {
      maxBytes: options.maxBytes ?? DEFAULT_CODE_ARTIFACT_MAX_BYTES,
      cache: options.cache ?? new MemoryArtifactScanCache(),
      scannerVersion: CODE_ARTIFACT_SCANNER_VERSION,
      scan: scanCodeArtifact,
      budget,
    },
    (object) => keys.found(artifactAccessKeyIds(object)),
  );
  const discovery = new DependencyDiscovery(context, draft, {
    onRead: (node) => {
      if (node.kind === 's3-bucket') artifacts.bucketRead(bucketNameFromArn(node.arn) ?? node.name);
    },
  });
  return { discovery, artifacts, keys };
}

async function collectRolesAndDependencies(
  context: ScanContext,
  draft: SnapshotDraft,
  { discovery, artifacts, keys }: CollectionPipeline,
): Promise<void> {
  // Dependencies have been read since the first application was described; roles are read in bulk
  // once every application (hence every role) is known.
  discovery.rolesRead(await collectExecutionRoles(context, draft));
  await discovery.close();
  // Every bucket is read: the code objects still waiting on one are scanned (or skipped).
  await artifacts.close();
  for (const key of await keys.close()) draft.addAccessKey(key);
}

async function collectTrailsInto(
  context: ScanContext,
  draft: SnapshotDraft,
  regions: readonly string[],
): Promise<void> {
  if (regions.length === 0) return;
  const trails = await collectTrails(context, regions);
  for (const trail of trails) draft.addTrail(trail);
  context.progress(`CloudTrail: ${trails.length} trail(s).`);
}

async function collectAccountSettings(context: ScanContext, draft: SnapshotDraft): Promise<void> {
  const block = await readAccountPublicAccessBlock(context);
  if (block !== undefined) draft.setAccountPublicAccessBlock(block);
}
