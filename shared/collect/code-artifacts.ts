import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { bucketNameFromArn } from '../arn.js';
import type { ArtifactCredentialScan } from '../snapshot/artifact-scan.js';
import type { ApplicationDetail, BucketObject } from '../snapshot/types.js';
import { type ArtifactScanCache, artifactCacheKey } from './artifact-scan-cache.js';
import { ByteBudget } from './byte-budget.js';
import { readCapped } from './capped-body.js';
import { callAws, errorCode, type ScanContext } from './collection-context.js';
import { readFirstOrder } from './read-first.js';
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
 * Reads and scans the S3 code object of each application, once per object, and adds the result to
 * its bucket's `Objects`, as a pipeline beside dependency discovery: an object is read as soon as
 * its application is described and its bucket has been read (its region says where to send the
 * calls), not after every dependency of every application. Objects in a bucket that was not read
 * (another account's, a failed read) are skipped: that bucket's checks already say ERROR.
 */
export class CodeArtifactReads {
  readonly #context: ScanContext;
  readonly #draft: SnapshotDraft;
  readonly #settings: CodeArtifactSettings;
  readonly #budget: ByteBudget;
  readonly #onScanned: (object: BucketObject) => void;
  /** Every object asked for, by bucket, key and version. */
  readonly #known = new Set<string>();
  /** Objects whose bucket has not been read yet, by bucket name, with their application's ARN. */
  readonly #waiting = new Map<string, { location: CodeLocation; applicationArn: string }[]>();
  readonly #reads: Promise<void>[] = [];

  /** `onScanned` hears of each object read (its CredentialScan may name access key ids). */
  constructor(
    context: ScanContext,
    draft: SnapshotDraft,
    settings: CodeArtifactSettings,
    onScanned: (object: BucketObject) => void = () => {},
  ) {
    this.#context = context;
    this.#draft = draft;
    this.#settings = settings;
    this.#budget = settings.budget ?? new ByteBudget(DEFAULT_CODE_ARTIFACT_BYTES_IN_FLIGHT);
    this.#onScanned = onScanned;
  }

  /** An application just described: its code object is read now if its bucket is, else once it is. */
  add(application: ApplicationDetail): void {
    const location = codeLocation(application);
    if (!location) return;
    const id = `${location.bucket}/${location.key}#${location.versionId ?? ''}`;
    if (this.#known.has(id)) return;
    this.#known.add(id);
    if (this.#draft.bucket(location.bucket)) {
      this.#start(location);
      return;
    }
    const waiting = this.#waiting.get(location.bucket) ?? [];
    waiting.push({ location, applicationArn: application.ApplicationARN });
    this.#waiting.set(location.bucket, waiting);
  }

  /** A bucket's read came back: the objects waiting on it are read now (if it could be read). */
  bucketRead(name: string): void {
    const waiting = this.#waiting.get(name);
    if (!waiting || !this.#draft.bucket(name)) return;
    this.#waiting.delete(name);
    // The applications a previous scan did not reach go first into the governor's and budget's queues.
    const ordered = readFirstOrder(waiting, ({ applicationArn }) => this.#draft.readsFirst(applicationArn));
    for (const { location } of ordered) this.#start(location);
  }

  /** Every application is in and every bucket read: resolves once each object started is scanned. */
  async close(): Promise<void> {
    await Promise.all(this.#reads);
    if (this.#known.size > 0) {
      this.#context.progress(`Code artifacts: ${this.#reads.length} of ${this.#known.size} object(s) read.`);
    }
  }

  #start(location: CodeLocation): void {
    const region = this.#draft.bucket(location.bucket)?.Region;
    if (!region) return;
    const read = async () => {
      const object = await readCodeArtifact(this.#context, region, location, this.#settings, this.#budget);
      if (!object) return;
      this.#draft.addBucketObject(location.bucket, object);
      this.#onScanned(object);
    };
    // AWS failures are recorded by the reads; anything else (a scanner bug) is recorded here, so
    // the object stays unknown (its check says ERROR) and no rejection waits unhandled for close().
    this.#reads.push(
      read().catch((error: unknown) => {
        this.#context.errors.push({
          operation: 's3:GetObject',
          region,
          resource: `arn:${this.#context.partition}:s3:::${location.bucket}/${location.key}`,
          code: errorCode(error),
          message: error instanceof Error ? error.message : String(error),
        });
      }),
    );
  }
}

function codeLocation(application: ApplicationDetail): CodeLocation | undefined {
  const description =
    application.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
      ?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
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
