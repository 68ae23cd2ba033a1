/** Collection's pipelines driven over a fixed input, as a test gives it all at once. */
import { AccessKeyLookups } from '../../../shared/collect/access-keys.js';
import { CodeArtifactReads, type CodeArtifactSettings } from '../../../shared/collect/code-artifacts.js';
import type { ScanContext } from '../../../shared/collect/collection-context.js';
import type { SnapshotDraft } from '../../../shared/collect/snapshot-draft.js';
import type { AccessKeyDetail } from '../../../shared/snapshot/types.js';

/** Looks up the given access key ids (sorted, each once) and returns what was learnt. */
export function lookUpAccessKeys(
  context: ScanContext,
  accessKeyIds: readonly string[],
): Promise<AccessKeyDetail[]> {
  const lookups = new AccessKeyLookups(context);
  lookups.found([...new Set(accessKeyIds)].sort());
  return lookups.close();
}

/** Reads the code object of every application of a draft whose buckets are already read. */
export function readCodeArtifacts(
  context: ScanContext,
  draft: SnapshotDraft,
  settings: CodeArtifactSettings,
): Promise<void> {
  const reads = new CodeArtifactReads(context, draft, settings);
  for (const { application } of draft.applications()) reads.add(application);
  return reads.close();
}
