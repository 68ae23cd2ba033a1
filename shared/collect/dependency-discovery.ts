import { bucketNameFromArn, parseArn, REGION_PATTERN as REGION_NAME } from '../arn.js';
import { dependencyGraph } from '../graph/dependency-graph.js';
import type { DependencyKind, DependencyNode } from '../graph/types.js';
import { AccountIndex, type RegionalApplication } from '../snapshot/account-index.js';
import type { ApplicationDetail } from '../snapshot/types.js';
import { errorCode, type ScanContext } from './collection-context.js';
import { readDeliveryStream } from './delivery-streams.js';
import { readRole } from './iam-role-reads.js';
import { readStream } from './kinesis-streams.js';
import { readKey } from './kms-keys.js';
import { LOG_GROUPS_PER_CALL, readLogGroups } from './log-groups.js';
import { readBucket } from './s3-buckets.js';
import type { SnapshotDraft } from './snapshot-draft.js';

/** The kinds collection reads; VPCs, Glue databases and Lambda functions are named, not read. */
export const COLLECTED_KINDS = [
  'iam-role',
  'kinesis-stream',
  'firehose-delivery-stream',
  's3-bucket',
  'kms-key',
  'log-group',
] as const satisfies readonly DependencyKind[];

/** A resource to read, and how deep in an application's dependency chain it was found. */
interface PendingRead {
  node: DependencyNode;
  depth: number;
}

// How often, at most, discovery looks again at the applications whose reads came back: each look
// renders the draft and indexes it, a few milliseconds at 1,000 applications.
const LOOK_INTERVAL_MS = 20;

/**
 * Reads every resource the applications depend on, to a fixed point, as a pipeline: an application
 * is looked at as soon as it is described (`add`), and again whenever a read it waited on comes
 * back, since a resource read can name another (a delivery stream its bucket, the bucket its key).
 * No phase waits for the slowest read of another: a region's Firehose reads (5 per second) start
 * with its first described application, not after every application of every region. Each
 * resource is read once per scan. Execution roles are read by the role phase (bulk IAM reads
 * need every role first): until `rolesRead` they are left for it.
 */
export class DependencyDiscovery {
  readonly #context: ScanContext;
  readonly #draft: SnapshotDraft;
  /** Resources read or being read, and the roles the role phase looked for. */
  readonly #attempted = new Set<string>();
  /** Resources whose read came back. */
  readonly #done = new Set<string>();
  /** Applications to look at again when a resource's read comes back, by resource ARN. */
  readonly #waiting = new Map<string, Map<string, RegionalApplication>>();
  readonly #dirty = new Map<string, RegionalApplication>();
  /** How deep in the dependency chain each pending application's next reads are. */
  readonly #depthOf = new Map<string, number>();
  /** Log groups found and not yet read, by region (see #logGroupBatches). */
  readonly #logGroupsWaiting = new Map<string, PendingRead[]>();
  #rolesRead = false;
  #closed = false;
  #inFlight = 0;
  #lookScheduled = false;
  #lastLook = 0;
  #reads = 0;
  #deepest = 0;
  #settle: (() => void) | undefined;
  readonly #settled: Promise<void>;

  constructor(context: ScanContext, draft: SnapshotDraft) {
    this.#context = context;
    this.#draft = draft;
    this.#settled = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  /** Applications just described (already in the draft): their dependencies are read now. */
  add(region: string, applications: readonly ApplicationDetail[]): void {
    for (const application of applications) this.#mark({ region, application }, 1);
    this.#schedule();
  }

  /** The role phase is done: the roles it looked for are not read again; other roles are read now. */
  rolesRead(lookedFor: Iterable<string>): void {
    for (const arn of lookedFor) {
      this.#attempted.add(arn);
      this.#done.add(arn);
    }
    this.#rolesRead = true;
    for (const entry of this.#draft.applications()) this.#mark(entry, this.#depthOf.get(key(entry)) ?? 1);
    this.#schedule();
  }

  /** No application is added any more: resolves once every read it led to, transitively, is back. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#schedule();
    await this.#settled;
    this.#context.progress(`Dependencies: ${this.#reads} resource(s) read, ${this.#deepest} level(s) deep.`);
  }

  #mark(entry: RegionalApplication, depth: number): void {
    const id = key(entry);
    this.#dirty.set(id, entry);
    this.#depthOf.set(id, Math.max(depth, this.#depthOf.get(id) ?? 0));
  }

  #schedule(): void {
    if (this.#lookScheduled) return;
    this.#lookScheduled = true;
    const wait = Math.max(0, this.#lastLook + LOOK_INTERVAL_MS - Date.now());
    setTimeout(() => {
      this.#lookScheduled = false;
      this.#lastLook = Date.now();
      this.#look();
    }, wait);
  }

  /** Looks at the applications marked since the last look and starts the reads they need. */
  #look(): void {
    if (this.#dirty.size > 0) {
      const index = new AccountIndex(this.#draft.snapshot(this.#context.errors));
      const pending = new Map<string, PendingRead>();
      for (const [id, entry] of this.#dirty) {
        const depth = this.#depthOf.get(id) ?? 1;
        for (const node of dependencyGraph(index, entry.region, entry.application).nodes) {
          if (node.state !== 'missing' || !isCollected(node) || this.#done.has(node.arn)) continue;
          // Roles wait for the role phase, which reads them in bulk.
          if (node.kind === 'iam-role' && !this.#rolesRead) continue;
          const waiters = this.#waiting.get(node.arn) ?? new Map<string, RegionalApplication>();
          waiters.set(id, entry);
          this.#waiting.set(node.arn, waiters);
          if (!this.#attempted.has(node.arn)) pending.set(node.arn, { node, depth });
        }
      }
      this.#dirty.clear();
      for (const arn of pending.keys()) this.#attempted.add(arn);
      this.#start([...pending.values()]);
    }
    if (!this.#closed || this.#dirty.size > 0) return;
    // Every application is in: the log groups still short of a full batch are read now.
    if (this.#logGroupsWaiting.size > 0) this.#start([], true);
    if (this.#inFlight === 0) this.#settle?.();
  }

  #start(reads: readonly PendingRead[], flushLogGroups = false): void {
    const logGroups = this.#logGroupBatches(
      reads.filter(({ node }) => node.kind === 'log-group'),
      flushLogGroups,
    );
    const batches = [
      ...reads
        .filter(({ node }) => node.kind !== 'log-group')
        .map((read) => ({
          reads: [read],
          run: () => readNode(this.#context, this.#draft, read.node),
        })),
      ...logGroups.map((batch) => ({
        reads: batch,
        run: () =>
          readLogGroupNodes(
            this.#context,
            this.#draft,
            batch.map(({ node }) => node),
          ),
      })),
    ];
    for (const batch of batches) this.#run(batch);
  }

  /**
   * Log groups are read 50 names a call: they wait, per region, until 50 are known, or until no
   * application is added any more. Nothing is learnt through a log group, so waiting delays no read.
   */
  #logGroupBatches(reads: readonly PendingRead[], flush: boolean): PendingRead[][] {
    for (const read of reads) {
      const region = read.node.region ?? '';
      this.#logGroupsWaiting.set(region, [...(this.#logGroupsWaiting.get(region) ?? []), read]);
    }
    const batches: PendingRead[][] = [];
    for (const [region, waiting] of this.#logGroupsWaiting) {
      while (waiting.length >= LOG_GROUPS_PER_CALL || (flush && waiting.length > 0)) {
        batches.push(waiting.splice(0, LOG_GROUPS_PER_CALL));
      }
      if (waiting.length === 0) this.#logGroupsWaiting.delete(region);
    }
    return batches;
  }

  #run(batch: { reads: readonly PendingRead[]; run: () => Promise<void> }): void {
    this.#inFlight += 1;
    this.#reads += batch.reads.length;
    // AWS failures are recorded by the reads themselves; anything else is recorded here, so the
    // resource stays unknown (its checks say ERROR) instead of the scan hanging or crashing.
    void batch
      .run()
      .catch((error: unknown) => {
        for (const { node } of batch.reads) {
          this.#context.errors.push({
            operation: `collect:${node.kind}`,
            resource: node.arn,
            ...(node.region ? { region: node.region } : {}),
            code: errorCode(error),
            message: error instanceof Error ? error.message : String(error),
          });
        }
      })
      .finally(() => {
        this.#inFlight -= 1;
        for (const { node, depth } of batch.reads) this.#readBack(node.arn, depth);
        this.#schedule();
      });
  }

  #readBack(arn: string, depth: number): void {
    this.#done.add(arn);
    this.#deepest = Math.max(this.#deepest, depth);
    for (const entry of this.#waiting.get(arn)?.values() ?? []) this.#mark(entry, depth + 1);
    this.#waiting.delete(arn);
  }
}

function key({ region, application }: RegionalApplication): string {
  return `${region}|${application.ApplicationARN}`;
}

/** Log groups are read 50 names a call, region by region (readLogGroups), not one call each. */
async function readLogGroupNodes(
  context: ScanContext,
  draft: SnapshotDraft,
  nodes: readonly DependencyNode[],
): Promise<void> {
  const byRegion = new Map<string, DependencyNode[]>();
  for (const node of nodes) {
    const region = node.region ?? '';
    byRegion.set(region, [...(byRegion.get(region) ?? []), node]);
  }
  await Promise.all(
    [...byRegion].map(async ([region, inRegion]) => {
      const groups = await readLogGroups(
        context,
        region,
        inRegion.map((node) => ({ name: node.name, arn: node.arn })),
      );
      for (const node of inRegion) {
        const group = groups.get(node.name);
        if (group) draft.addLogGroup(region, group);
      }
    }),
  );
}

function isCollected(node: DependencyNode): boolean {
  const kinds: readonly string[] = COLLECTED_KINDS;
  if (!kinds.includes(node.kind)) return false;
  // Roles and buckets are global; everything else needs a real region to send the call to
  // (a property can name a stream in a region that does not exist).
  return node.kind === 'iam-role' || node.kind === 's3-bucket' || REGION_NAME.test(node.region ?? '');
}

/** Reads one node (not a log group) into the draft, once per scan even if asked for again concurrently. */
function readNode(context: ScanContext, draft: SnapshotDraft, node: DependencyNode): Promise<void> {
  return context.once.run(`dependency|${node.kind}|${node.arn}`, async () => {
    const region = node.region ?? '';
    switch (node.kind) {
      case 'iam-role': {
        const read = await readRole(context, node.arn);
        if (read) draft.addRole(read.role);
        for (const policy of read?.policies ?? []) draft.addPolicy(policy);
        return;
      }
      case 'kinesis-stream': {
        const stream = await readStream(context, region, node.arn);
        if (stream) draft.addStream(region, stream);
        return;
      }
      case 'firehose-delivery-stream': {
        const delivery = await readDeliveryStream(context, region, node.arn);
        if (delivery) draft.addDeliveryStream(region, delivery);
        return;
      }
      case 's3-bucket': {
        const bucket = await readBucket(context, bucketNameFromArn(node.arn) ?? node.name);
        if (bucket) draft.addBucket(bucket);
        return;
      }
      case 'kms-key': {
        const key = await readKey(context, region, node.arn);
        if (key) draft.addKey(parseArn(key.KeyMetadata.Arn)?.region || region, key);
        return;
      }
      default:
        return;
    }
  });
}
