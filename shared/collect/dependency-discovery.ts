import { dependencyGraph } from '../graph/dependency-graph.js';
import { type DependencyNode, LEARNT_THROUGH } from '../graph/types.js';
import type { RegionalApplication } from '../snapshot/account-index.js';
import type { ApplicationDetail } from '../snapshot/types.js';
import { errorCode, type ScanContext } from './collection-context.js';
import { isCollected, isInDraft, readLogGroupNodes, readNode } from './dependency-reads.js';
import { LOG_GROUPS_PER_CALL } from './log-groups.js';
import type { SnapshotDraft } from './snapshot-draft.js';

/** A resource to read, and how deep in an application's dependency chain it was found. */
interface PendingRead {
  node: DependencyNode;
  depth: number;
}

// How often, at most, discovery looks again at the applications whose reads came back: an
// application waiting on several reads that come back together is graphed once for all of them.
const LOOK_INTERVAL_MS = 20;

/** What the rest of collection hears from discovery. */
interface DiscoveryListener {
  /** A resource's read came back (the draft holds it, unless the read failed or found nothing). */
  onRead?: (node: DependencyNode) => void;
}

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
  readonly #listener: DiscoveryListener;
  /** Resources read or being read, and the roles the role phase looked for. */
  readonly #attempted = new Set<string>();
  /** Resources whose read came back. */
  readonly #done = new Set<string>();
  /** Applications to look at again when a resource's read comes back, by resource ARN. */
  readonly #waiting = new Map<string, Map<string, RegionalApplication>>();
  readonly #dirty = new Map<string, RegionalApplication>();
  /** How deep in the dependency chain each pending application's next reads are. */
  readonly #depthOf = new Map<string, number>();
  /** Log groups found and not yet read, by region (see #startLogGroups). */
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

  /** `draft` is graphed as it grows: it must be built over `context.errors` (unreadable resources). */
  constructor(context: ScanContext, draft: SnapshotDraft, listener: DiscoveryListener = {}) {
    this.#context = context;
    this.#draft = draft;
    this.#listener = listener;
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
      const pending = new Map<string, PendingRead>();
      for (const [id, entry] of this.#dirty) {
        const depth = this.#depthOf.get(id) ?? 1;
        // Graphed over the draft's own lookups: a look costs the applications marked, not the draft.
        for (const node of dependencyGraph(this.#draft, entry.region, entry.application).nodes) {
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
    if (this.#logGroupsWaiting.size > 0) this.#startLogGroups([], true);
    if (this.#inFlight === 0) this.#settle?.();
  }

  #start(reads: readonly PendingRead[]): void {
    const logGroups: PendingRead[] = [];
    for (const read of reads) {
      if (read.node.kind === 'log-group') logGroups.push(read);
      else this.#run({ reads: [read], run: () => readNode(this.#context, this.#draft, read.node) });
    }
    this.#startLogGroups(logGroups, false);
  }

  /**
   * Log groups are read 50 names a call, per region: they wait until 50 of a region are known, or
   * until no application is added any more. A log group names only its KMS key, a leaf: waiting
   * delays that one read (to the end of describing at worst), which a call per group would not be
   * worth; the key is still read before discovery settles.
   */
  #startLogGroups(reads: readonly PendingRead[], flush: boolean): void {
    for (const read of reads) {
      const region = read.node.region ?? '';
      const waiting = this.#logGroupsWaiting.get(region);
      if (waiting) waiting.push(read);
      else this.#logGroupsWaiting.set(region, [read]);
    }
    for (const [region, waiting] of this.#logGroupsWaiting) {
      while (waiting.length >= LOG_GROUPS_PER_CALL || (flush && waiting.length > 0)) {
        const batch = waiting.splice(0, LOG_GROUPS_PER_CALL);
        this.#run({
          reads: batch,
          run: () =>
            readLogGroupNodes(
              this.#context,
              this.#draft,
              region,
              batch.map(({ node }) => node),
            ),
        });
      }
      if (waiting.length === 0) this.#logGroupsWaiting.delete(region);
    }
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
        for (const { node, depth } of batch.reads) {
          this.#readBack(node, depth);
          this.#listener.onRead?.(node);
        }
        this.#schedule();
      });
  }

  #readBack(node: DependencyNode, depth: number): void {
    this.#done.add(node.arn);
    this.#deepest = Math.max(this.#deepest, depth);
    // Graphing an application again costs as much as its first look: only worth it when the read
    // can name further resources (LEARNT_THROUGH), which a key (a leaf) or a resource not found never does.
    if (LEARNT_THROUGH[node.kind] !== undefined && isInDraft(this.#draft, node)) {
      for (const entry of this.#waiting.get(node.arn)?.values() ?? []) this.#mark(entry, depth + 1);
    }
    this.#waiting.delete(node.arn);
  }
}

function key({ region, application }: RegionalApplication): string {
  return `${region}|${application.ApplicationARN}`;
}
