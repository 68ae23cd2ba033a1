import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { bucketNameFromArn } from '../arn.js';
import type { ArtifactCredentialScan } from '../snapshot/artifact-scan.js';
import type { BucketObject } from '../snapshot/types.js';
import { type ArtifactScanCache, artifactCacheKey } from './artifact-scan-cache.js';
import { ByteBudget } from './byte-budget.js';
import { callAws, type ScanContext } from './collection-context.js';
import type { SnapshotDraft } from './snapshot-draft.js';

/** The default cap on a code artifact's size: a large fat JAR fits, a runaway object does not. */
export const DEFAULT_CODE_ARTIFACT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The default cap on the bytes of code artifacts held at once, scan-wide: two artifacts of the
 * default maximum size, which keeps a scan well under a 1,024 MB function's memory however many
 * regions download at once (docs/collection.md, "Memory: a byte budget").
 */
export const DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT = 128 * 1024 * 1024;

/** How code artifacts are read and scanned. */
export interface CodeArtifactSettings {
  /** Objects larger than this are not downloaded; the scan records ArtifactTooLarge. */
  maxBytes: number;
  cache: ArtifactScanCache;
  scannerVersion: number;
  /** Pure: the artifact's bytes → what it holds. */
  scan: (bytes: Uint8Array) => ArtifactCredentialScan;
  /**
   * Bounds the bytes downloaded and not yet scanned, across every region of the scan; each object
   * holds its HeadObject size from GetObject until its scan returns. Absent: a budget of
   * DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT for this call.
   */
  budget?: ByteBudget;
}

/** Where an application's code lives in S3. */
interface CodeLocation {
  bucket: string;
  key: string;
  versionId?: string;
}

// HeadObject answers a missing key with a bare 404 (NotFound); mocks and emulators may name it.
const NOT_FOUND = ['NotFound', 'NoSuchKey', 'NoSuchVersion'];

/** The error code recorded when an artifact exceeds the size cap. */
export const ARTIFACT_TOO_LARGE = 'ArtifactTooLarge';

/**
 * Reads and scans the S3 code object of every collected application, once per object, and adds the
 * result to its bucket's `Objects`. Runs after dependency discovery, since it needs each code
 * bucket's region; a bucket that could not be read is skipped (its checks already say ERROR).
 */
export async function collectCodeArtifacts(
  context: ScanContext,
  draft: SnapshotDraft,
  settings: CodeArtifactSettings,
): Promise<void> {
  const locations = new Map<string, CodeLocation>();
  for (const { application } of draft.applications()) {
    const location = codeLocation(
      application.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
        ?.CodeContentDescription?.S3ApplicationCodeLocationDescription,
    );
    if (location) locations.set(`${location.bucket}/${location.key}#${location.versionId ?? ''}`, location);
  }
  if (locations.size === 0) return;
  context.progress(`Code artifacts: ${locations.size} object(s) to scan.`);
  const budget = settings.budget ?? new ByteBudget(DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT);
  await Promise.all(
    [...locations.values()].map(async (location) => {
      const region = draft.bucket(location.bucket)?.Region;
      if (!region) return;
      const object = await readCodeArtifact(context, region, location, settings, budget);
      if (object) draft.addBucketObject(location.bucket, object);
    }),
  );
}

function codeLocation(
  description: { BucketARN?: string; FileKey?: string; ObjectVersion?: string } | undefined,
): CodeLocation | undefined {
  const bucket = description?.BucketARN ? bucketNameFromArn(description.BucketARN) : undefined;
  if (!bucket || !description?.FileKey) return undefined;
  return {
    bucket,
    key: description.FileKey,
    ...(description.ObjectVersion ? { versionId: description.ObjectVersion } : {}),
  };
}

/**
 * HeadObject (size, ETag), then the cached scan of that exact content, else GetObject pinned to the
 * ETag (so the bytes scanned are the bytes cached), streamed and cut off at the size cap, once its
 * size fits in the scan's byte budget.
 */
async function readCodeArtifact(
  context: ScanContext,
  region: string,
  location: CodeLocation,
  settings: CodeArtifactSettings,
  budget: ByteBudget,
): Promise<BucketObject | undefined> {
  const { bucket, key, versionId } = location;
  const resource = `arn:${context.partition}:s3:::${bucket}/${key}`;
  const s3 = context.clients.s3(region);
  const head = await callAws(
    context,
    { operation: 's3:HeadObject', region, resource, absentOn: NOT_FOUND },
    () =>
      s3.send(
        new HeadObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
      ),
  );
  if (head.status === 'absent') {
    // HeadObject's 404 has no body, so the SDK's message says nothing: say what it means.
    context.errors.push({
      operation: 's3:HeadObject',
      region,
      resource,
      code: head.code === 'NoSuchVersion' ? 'NoSuchVersion' : 'NoSuchKey',
      message: `The code object s3://${bucket}/${key}${versionId ? ` (version ${versionId})` : ''} does not exist.`,
    });
    return undefined;
  }
  if (head.status !== 'ok') return undefined;
  const size = head.value.ContentLength ?? 0;
  const eTag = head.value.ETag ?? '';
  const described: BucketObject = {
    Key: key,
    VersionId: head.value.VersionId ?? versionId ?? null,
    Size: size,
    ...(eTag ? { ETag: eTag } : {}),
    ...(head.value.LastModified ? { LastModified: head.value.LastModified.toISOString() } : {}),
  };
  if (size > settings.maxBytes) {
    recordTooLarge(context, region, resource, size, settings.maxBytes);
    return undefined;
  }
  const cacheKey = eTag
    ? artifactCacheKey({
        bucket,
        key,
        versionId: described.VersionId ?? undefined,
        eTag,
        scannerVersion: settings.scannerVersion,
      })
    : undefined;
  const cached = cacheKey ? await settings.cache.get(cacheKey).catch(() => undefined) : undefined;
  if (cached && cached.ScannerVersion === settings.scannerVersion)
    return { ...described, CredentialScan: cached };

  // Without a size, the object may be anything up to the cap: hold that much.
  const holds = head.value.ContentLength ?? settings.maxBytes;
  const scan = await budget.use(holds, () => downloadAndScan(context, region, location, described, settings));
  if (!scan) return undefined;
  // The cache is stored (report bucket, local folder) and so holds no full access key id: a scan
  // that found one is not cached, and the JAR that leaks it is read again at the next scan.
  if (cacheKey && !holdsAccessKeyIds(scan)) {
    await settings.cache.put(cacheKey, scan).catch((error: unknown) => {
      context.progress(`Could not cache the scan of s3://${bucket}/${key}: ${String(error)}`);
    });
  }
  return { ...described, CredentialScan: scan };
}

/** GetObject pinned to the ETag HeadObject gave, cut off at the size cap, then the scan of its bytes. */
async function downloadAndScan(
  context: ScanContext,
  region: string,
  { bucket, key, versionId }: CodeLocation,
  { Size: size, ETag: eTag }: BucketObject,
  settings: CodeArtifactSettings,
): Promise<ArtifactCredentialScan | undefined> {
  const resource = `arn:${context.partition}:s3:::${bucket}/${key}`;
  const s3 = context.clients.s3(region);
  const download = await callAws(context, { operation: 's3:GetObject', region, resource }, async () => {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
        ...(eTag ? { IfMatch: eTag } : {}),
      }),
    );
    return readCapped(response.Body, settings.maxBytes);
  });
  if (download.status !== 'ok') return undefined;
  if (download.value === 'too-large') {
    recordTooLarge(context, region, resource, size ?? 0, settings.maxBytes);
    return undefined;
  }
  return settings.scan(download.value);
}

function holdsAccessKeyIds(scan: ArtifactCredentialScan): boolean {
  return scan.Findings.some((finding) => finding.AccessKeyId !== undefined);
}

function recordTooLarge(
  context: ScanContext,
  region: string,
  resource: string,
  size: number,
  maxBytes: number,
): void {
  context.errors.push({
    operation: 's3:GetObject',
    region,
    resource,
    code: ARTIFACT_TOO_LARGE,
    message:
      `The code object is ${size} bytes, more than the scan's cap of ${maxBytes} bytes; raise the cap ` +
      '(CODE_ARTIFACT_MAX_BYTES for the function, --max-code-mb for the CLI) to scan it.',
  });
}

/**
 * The body's bytes, or 'too-large' as soon as more than `maxBytes` arrived: the object may have
 * grown since HeadObject, and a body is never trusted to be as small as announced.
 */
async function readCapped(body: unknown, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  if (!isByteStream(body)) throw new TypeError('S3 GetObject returned no readable body');
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      destroy(body);
      return 'too-large';
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function isByteStream(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

function destroy(body: object): void {
  if ('destroy' in body && typeof body.destroy === 'function') body.destroy();
}
