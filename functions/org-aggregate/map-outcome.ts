import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { InvalidRequestError } from '../../shared/errors.js';
import type { readMapResults } from '../../shared/organization/read-map-results.js';
import type { FailedMapItem, MemberScanResult, ScanTarget } from '../../shared/organization/types.js';
import { parseScanItem } from '../../shared/request/scan-request.js';
import type { AggregateInput } from './aggregate-input.js';

/** Every target of the organisation scan, and what the Map recorded for each one it ran. */
export interface MapOutcome {
  results: MemberScanResult[];
  failedItems: FailedMapItem[];
  /** Every target listed (targets.json); those without an outcome are reported failed. */
  targets: ScanTarget[];
}

const MANIFEST = 'manifest.json';

/**
 * Gathers the Map's outcome: its manifest (from the Map's output, or, when the Map failed, the
 * newest `<resultsPrefix>/**\/manifest.json` if the run wrote one) and the targets it was given.
 * What cannot be read becomes a failed item naming why, so the report says the scan is incomplete.
 */
export async function readMapOutcome(
  s3: S3Client,
  input: AggregateInput,
  read: typeof readMapResults,
): Promise<MapOutcome> {
  const { targets: run } = input;
  const manifest = input.map
    ? input.map.ResultWriterDetails
    : await newestManifest(s3, run.itemsBucket, run.resultsPrefix);
  const results = manifest ? await read(s3, manifest) : { results: [], failedItems: [] };
  const listed = await listedTargets(s3, run.itemsBucket, run.itemsKey);
  return {
    results: results.results,
    failedItems: [...results.failedItems, ...listed.failedItems],
    targets: listed.targets,
  };
}

async function newestManifest(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<{ Bucket: string; Key: string } | undefined> {
  let newest: { key: string; modified: number } | undefined;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix ? `${prefix.replace(/\/+$/, '')}/` : undefined,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      if (!object.Key?.endsWith(`/${MANIFEST}`) && object.Key !== MANIFEST) continue;
      const modified = object.LastModified?.getTime() ?? 0;
      // A redriven map run writes a second manifest: the newest one has every item.
      if (!newest || modified > newest.modified) newest = { key: object.Key, modified };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return newest ? { Bucket: bucket, Key: newest.key } : undefined;
}

async function listedTargets(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ targets: ScanTarget[]; failedItems: FailedMapItem[] }> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const items: unknown = JSON.parse((await response.Body?.transformToString('utf-8')) ?? '');
    if (!Array.isArray(items))
      throw new InvalidRequestError([`s3://${bucket}/${key}: must be a JSON array of scan items`]);
    const targets = items.map((entry) => {
      const { trigger: _trigger, ...target } = parseScanItem(entry);
      return target;
    });
    return { targets, failedItems: [] };
  } catch (error) {
    // Without the list, targets the Map never ran cannot be named: say so rather than look complete.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      targets: [],
      failedItems: [
        {
          target: null,
          error: 'TargetsUnreadable',
          cause:
            `Could not read the organisation scan's targets s3://${bucket}/${key} (${reason}), so targets the ` +
            "map did not run cannot be listed: grant the aggregation function's role s3:GetObject on the report bucket.",
        },
      ],
    };
  }
}
