/**
 * How dependency discovery reads one node of an application's dependency graph into the snapshot
 * draft: which kinds it reads, the read of each kind, and whether a read found its resource.
 */
import { bucketNameFromArn, parseArn, REGION_PATTERN as REGION_NAME } from '../arn.js';
import type { DependencyKind, DependencyNode } from '../graph/types.js';
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

/** Log groups of one region, read 50 names a call (readLogGroups), not one call each. */
export async function readLogGroupNodes(
  context: ScanContext,
  draft: SnapshotDraft,
  region: string,
  nodes: readonly DependencyNode[],
): Promise<void> {
  const groups = await readLogGroups(
    context,
    region,
    nodes.map((node) => ({ name: node.name, arn: node.arn })),
  );
  for (const node of nodes) {
    const group = groups.get(node.name);
    if (group) draft.addLogGroup(region, group);
  }
}

export function isCollected(node: DependencyNode): boolean {
  const kinds: readonly string[] = COLLECTED_KINDS;
  if (!kinds.includes(node.kind)) return false;
  // Roles and buckets are global; everything else needs a real region to send the call to
  // (a property can name a stream in a region that does not exist).
  return node.kind === 'iam-role' || node.kind === 's3-bucket' || REGION_NAME.test(node.region ?? '');
}

/** Reads one node (not a log group) into the draft, once per scan even if asked for again concurrently. */
export function readNode(context: ScanContext, draft: SnapshotDraft, node: DependencyNode): Promise<void> {
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

/** Whether a resource whose read came back is in the draft now (not absent, not failed). */
export function isInDraft(draft: SnapshotDraft, node: DependencyNode): boolean {
  switch (node.kind) {
    case 'iam-role':
      return draft.role(node.arn) !== undefined;
    case 'kinesis-stream':
      return draft.stream(node.arn) !== undefined;
    case 'firehose-delivery-stream':
      return draft.deliveryStream(node.arn) !== undefined;
    case 's3-bucket':
      return draft.bucket(bucketNameFromArn(node.arn) ?? node.name) !== undefined;
    case 'log-group':
      return draft.logGroup(node.region ?? '', node.name) !== undefined;
    default:
      return true;
  }
}
