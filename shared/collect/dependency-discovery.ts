import { bucketNameFromArn, parseArn, REGION_PATTERN as REGION_NAME } from '../arn.js';
import { dependencyGraph } from '../graph/dependency-graph.js';
import type { DependencyKind, DependencyNode } from '../graph/types.js';
import { AccountIndex } from '../snapshot/account-index.js';
import type { ScanContext } from './collection-context.js';
import { readDeliveryStream } from './delivery-streams.js';
import { readRole } from './iam-role-reads.js';
import { readStream } from './kinesis-streams.js';
import { readKey } from './kms-keys.js';
import { readLogGroups } from './log-groups.js';
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

/**
 * Reads every resource the applications depend on, to a fixed point: each round builds every
 * application's dependency graph over what is collected so far and reads the nodes still
 * `missing`, since a resource read in one round can name another (a delivery stream its bucket,
 * the bucket its key). Each resource is read once per scan; `attempted` holds the ARNs already
 * read or looked for (the execution roles) and grows with each round.
 */
export async function discoverDependencies(
  context: ScanContext,
  draft: SnapshotDraft,
  attempted: Set<string>,
): Promise<void> {
  for (let round = 1; ; round += 1) {
    const index = new AccountIndex(draft.snapshot(context.errors));
    const pending = new Map<string, DependencyNode>();
    for (const { region, application } of draft.applications()) {
      for (const node of dependencyGraph(index, region, application).nodes) {
        if (node.state === 'missing' && isCollected(node) && !attempted.has(node.arn)) {
          pending.set(node.arn, node);
        }
      }
    }
    if (pending.size === 0) return;
    context.progress(`Dependencies, round ${round}: reading ${pending.size} resource(s).`);
    for (const arn of pending.keys()) attempted.add(arn);
    const nodes = [...pending.values()];
    await Promise.all([
      ...nodes.filter((node) => node.kind !== 'log-group').map((node) => readNode(context, draft, node)),
      readLogGroupNodes(
        context,
        draft,
        nodes.filter((node) => node.kind === 'log-group'),
      ),
    ]);
  }
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
