import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ArtifactScanCache, MemoryArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { CodeArtifactReads, type CodeArtifactSettings } from '../../shared/collect/code-artifacts.js';
import { SnapshotDraft } from '../../shared/collect/snapshot-draft.js';
import type { ArtifactCredentialScan } from '../../shared/snapshot/artifact-scan.js';
import type { AccountSnapshot, ApplicationDetail, BucketDetail } from '../../shared/snapshot/types.js';
import { ACCOUNT_ID, account, application, bucket, REGION } from './support/account-builders.js';
import { readCodeArtifacts } from './support/collect-at-once.js';
import { type FakeAws, fakeAws, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

const JAR = Buffer.from('PK fake jar bytes');
const ETAG = `"${createHash('md5').update(JAR).digest('hex')}"`;
const OBJECT_ARN = 'arn:aws:s3:::code/app.jar';

/** A scan that says how many bytes it saw, so a test can tell which content was scanned. */
function sizeScan(bytes: Uint8Array): ArtifactCredentialScan {
  return {
    ScannerVersion: 1,
    Entries: bytes.length,
    TextsRead: 0,
    ClassesRead: 0,
    NestedArchives: 0,
    Findings: [],
  };
}

function settings(overrides: Partial<CodeArtifactSettings> = {}): CodeArtifactSettings {
  return {
    maxBytes: 1024,
    cache: new MemoryArtifactScanCache(),
    scannerVersion: 1,
    scan: sizeScan,
    ...overrides,
  };
}

function codeBucket(content: Buffer = JAR): BucketDetail {
  return { ...bucket('code'), Objects: [{ Key: 'app.jar', ContentBase64: content.toString('base64') }] };
}

/** The account served, and a draft holding its applications and buckets as discovery leaves them. */
function collected(
  buckets: BucketDetail[],
  applications: ApplicationDetail[],
): { aws: FakeAws; draft: SnapshotDraft } {
  const snapshot: AccountSnapshot = account({ buckets, regions: { [REGION]: { applications } } });
  const aws = fakeAws(snapshot);
  const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]);
  draft.setApplications(REGION, applications);
  for (const known of buckets) draft.addBucket({ ...known, Objects: [] });
  return { aws, draft };
}

describe('Function: readCodeArtifacts (CodeArtifactReads over a read draft)', () => {
  afterEach(() => restoreAws());

  it('scans each code object once, however many applications run it, and records what it read', async () => {
    // Prepare
    const { aws, draft } = collected(
      [codeBucket()],
      [application('one', { code: 'code' }), application('two', { code: 'code' })],
    );
    const context = scanContext();

    // Act
    await readCodeArtifacts(context, draft, settings());

    // Assess
    expect(draft.bucket('code')?.Objects).toEqual([
      {
        Key: 'app.jar',
        VersionId: null,
        Size: JAR.length,
        ETag: ETAG,
        LastModified: '2026-11-01T00:00:00.000Z',
        CredentialScan: sizeScan(JAR),
      },
    ]);
    expect(aws.s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    expect(aws.s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'code',
      Key: 'app.jar',
      IfMatch: ETAG,
    });
    expect(context.errors).toEqual([]);
  });

  it('reads the version an application pins', async () => {
    // Prepare
    const pinned = application('pinned', { code: 'code' });
    const location =
      pinned.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription
        ?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
    if (location) location.ObjectVersion = 'v7';
    const versioned = {
      ...bucket('code'),
      Objects: [{ Key: 'app.jar', VersionId: 'v7', ContentBase64: JAR.toString('base64') }],
    };
    const { aws, draft } = collected([versioned], [pinned]);

    // Act
    await readCodeArtifacts(scanContext(), draft, settings());

    // Assess
    expect(aws.s3).toHaveReceivedCommandWith(HeadObjectCommand, {
      Bucket: 'code',
      Key: 'app.jar',
      VersionId: 'v7',
    });
    expect(aws.s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'code',
      Key: 'app.jar',
      VersionId: 'v7',
    });
    expect(draft.bucket('code')?.Objects?.[0]?.VersionId).toBe('v7');
  });

  it('does not download an unchanged object a second time: the cached scan stands for it', async () => {
    // Prepare
    const cache = new MemoryArtifactScanCache();
    const first = collected([codeBucket()], [application('one', { code: 'code' })]);
    await readCodeArtifacts(scanContext(), first.draft, settings({ cache }));
    const second = collected([codeBucket()], [application('one', { code: 'code' })]);

    // Act
    await readCodeArtifacts(scanContext(), second.draft, settings({ cache }));

    // Assess
    expect(second.aws.s3).toHaveReceivedCommandTimes(HeadObjectCommand, 1);
    expect(second.aws.s3).toHaveReceivedCommandTimes(GetObjectCommand, 0);
    expect(second.draft.bucket('code')?.Objects?.[0]?.CredentialScan).toEqual(sizeScan(JAR));
  });

  it('does not cache a scan holding a full access key id, and reads that object again', async () => {
    // Prepare: the key id is assembled at run time, so no key-shaped literal sits in the source
    const accessKeyId = ['AKIA', 'ZPLANTEDCACHEKEY'].join('');
    const keyScan = (bytes: Uint8Array): ArtifactCredentialScan => ({
      ...sizeScan(bytes),
      Findings: [
        {
          Origin: 'app.properties',
          Line: 1,
          Kind: 'access-key-id',
          MaskedValue: 'AKIA************DKEY',
          Example: false,
          AccessKeyId: accessKeyId,
        },
      ],
    });
    const cache = new MemoryArtifactScanCache();
    const first = collected([codeBucket()], [application('one', { code: 'code' })]);
    await readCodeArtifacts(scanContext(), first.draft, settings({ cache, scan: keyScan }));
    const second = collected([codeBucket()], [application('one', { code: 'code' })]);

    // Act
    await readCodeArtifacts(scanContext(), second.draft, settings({ cache, scan: keyScan }));

    // Assess
    expect(second.aws.s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    expect(second.draft.bucket('code')?.Objects?.[0]?.CredentialScan).toEqual(keyScan(JAR));
  });

  it('scans again when the content changed: a new ETag is a new cache key', async () => {
    // Prepare
    const cache = new MemoryArtifactScanCache();
    const first = collected([codeBucket()], [application('one', { code: 'code' })]);
    await readCodeArtifacts(scanContext(), first.draft, settings({ cache }));
    const changed = Buffer.from('PK a longer, rebuilt jar');
    const second = collected([codeBucket(changed)], [application('one', { code: 'code' })]);

    // Act
    await readCodeArtifacts(scanContext(), second.draft, settings({ cache }));

    // Assess
    expect(second.aws.s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    expect(second.draft.bucket('code')?.Objects?.[0]?.CredentialScan).toEqual(sizeScan(changed));
  });

  it('scans again when the scanner is newer than the one that filled the cache', async () => {
    // Prepare
    const cache = new MemoryArtifactScanCache();
    const first = collected([codeBucket()], [application('one', { code: 'code' })]);
    await readCodeArtifacts(scanContext(), first.draft, settings({ cache }));
    const second = collected([codeBucket()], [application('one', { code: 'code' })]);

    // Act
    await readCodeArtifacts(scanContext(), second.draft, settings({ cache, scannerVersion: 2 }));

    // Assess
    expect(second.aws.s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
  });

  it('scans anyway when the cache cannot be read, and says so when it cannot be written', async () => {
    // Prepare
    const broken: ArtifactScanCache = {
      get: () => Promise.reject(new Error('cache offline')),
      put: () => Promise.reject(new Error('cache offline')),
    };
    const { draft } = collected([codeBucket()], [application('one', { code: 'code' })]);
    const context = scanContext();

    // Act
    await readCodeArtifacts(context, draft, settings({ cache: broken }));

    // Assess
    expect(draft.bucket('code')?.Objects?.[0]?.CredentialScan).toEqual(sizeScan(JAR));
    expect(context.lines).toContain('Could not cache the scan of s3://code/app.jar: Error: cache offline');
    expect(context.errors).toEqual([]);
  });

  it('does not download an object larger than the cap and records ArtifactTooLarge', async () => {
    // Prepare
    const { aws, draft } = collected([codeBucket()], [application('one', { code: 'code' })]);
    const context = scanContext();

    // Act
    await readCodeArtifacts(context, draft, settings({ maxBytes: 8 }));

    // Assess
    expect(aws.s3).toHaveReceivedCommandTimes(GetObjectCommand, 0);
    expect(draft.bucket('code')?.Objects).toEqual([]);
    expect(context.errors).toEqual([
      {
        operation: 's3:GetObject',
        region: REGION,
        resource: OBJECT_ARN,
        code: 'ArtifactTooLarge',
        message:
          `The code object is ${JAR.length} bytes, more than the scan's cap of 8 bytes; raise the cap ` +
          '(CODE_ARTIFACT_MAX_BYTES for the function, --max-code-mb for the CLI) to scan it.',
      },
    ]);
  });

  it('stops reading a body that grows past the cap after HeadObject announced less', async () => {
    // Prepare
    const { aws, draft } = collected([codeBucket()], [application('one', { code: 'code' })]);
    aws.s3.on(GetObjectCommand).resolves({ Body: Readable.from([JAR, Buffer.alloc(2048)]) } as never);
    const context = scanContext();

    // Act
    await readCodeArtifacts(context, draft, settings());

    // Assess
    expect(draft.bucket('code')?.Objects).toEqual([]);
    expect(context.errors.map((error) => [error.operation, error.code])).toEqual([
      ['s3:GetObject', 'ArtifactTooLarge'],
    ]);
  });

  it('records a missing code object as a failed read of that object', async () => {
    // Prepare
    const { draft } = collected([{ ...bucket('code'), Objects: [] }], [application('one', { code: 'code' })]);
    const context = scanContext();

    // Act
    await readCodeArtifacts(context, draft, settings());

    // Assess
    expect(context.errors).toEqual([
      {
        operation: 's3:HeadObject',
        region: REGION,
        resource: OBJECT_ARN,
        code: 'NoSuchKey',
        message: 'The code object s3://code/app.jar does not exist.',
      },
    ]);
  });

  it('records a download that fails after HeadObject, and keeps no entry for it', async () => {
    // Prepare
    const { aws, draft } = collected([codeBucket()], [application('one', { code: 'code' })]);
    aws.s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const context = scanContext();

    // Act
    await readCodeArtifacts(context, draft, settings());

    // Assess
    expect(draft.bucket('code')?.Objects).toEqual([]);
    expect(context.errors).toEqual([
      {
        operation: 's3:GetObject',
        region: REGION,
        resource: OBJECT_ARN,
        code: 'AccessDenied',
        message: 'Access Denied',
      },
    ]);
  });

  it('reads nothing for applications without S3 code or whose bucket was not collected', async () => {
    // Prepare
    const { aws, draft } = collected([], [application('inline'), application('lost', { code: 'gone' })]);

    // Act
    await readCodeArtifacts(scanContext(), draft, settings());

    // Assess
    expect(aws.s3).toHaveReceivedCommandTimes(HeadObjectCommand, 0);
  });
});

describe('Class: CodeArtifactReads', () => {
  afterEach(() => restoreAws());

  it('reads an object as soon as its bucket has been read, before the pipeline closes, and says what it scanned', async () => {
    // Prepare: the application is described before discovery has read its code bucket.
    const app = application('early', { code: 'code' });
    const { aws, draft } = collected([codeBucket()], [app]);
    const unread = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]);
    unread.setApplications(REGION, [app]);
    const scanned: string[] = [];
    const reads = new CodeArtifactReads(scanContext(), unread, settings(), (object) =>
      scanned.push(object.Key),
    );
    reads.add(app);
    await new Promise((resolve) => setImmediate(resolve));
    const beforeBucket = aws.s3.commandCalls(HeadObjectCommand).length;

    // Act
    const read = draft.bucket('code');
    if (read) unread.addBucket(read);
    reads.bucketRead('code');
    await vi.waitFor(() => expect(scanned).toEqual(['app.jar']));
    await reads.close();

    // Assess
    expect(beforeBucket).toBe(0);
    expect(
      unread.bucket('code')?.Objects?.map(({ Key, CredentialScan }) => ({ Key, CredentialScan })),
    ).toEqual([{ Key: 'app.jar', CredentialScan: sizeScan(JAR) }]);
    expect(aws.s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
  });

  it('skips the objects of a bucket that could not be read, and reads each object once however often it is added', async () => {
    // Prepare
    const [one, two, lost] = [
      application('one', { code: 'code' }),
      application('two', { code: 'code' }),
      application('lost', { code: 'denied' }),
    ];
    const { aws, draft } = collected([codeBucket()], [one, two, lost]);
    const context = scanContext();
    const reads = new CodeArtifactReads(context, draft, settings());

    // Act
    for (const app of [one, two, lost, one]) reads.add(app);
    reads.bucketRead('denied');
    await reads.close();

    // Assess
    expect(aws.s3).toHaveReceivedCommandTimes(HeadObjectCommand, 1);
    expect(context.errors).toEqual([]);
    expect(context.lines).toEqual(['Code artifacts: 1 of 2 object(s) read.']);
  });

  it('records a scan that throws against its object, which stays unknown, and still closes', async () => {
    // Prepare
    const { draft } = collected([codeBucket()], [application('one', { code: 'code' })]);
    const context = scanContext();
    const broken = settings({
      scan: () => {
        throw new RangeError('archive reader bug');
      },
    });

    // Act
    await readCodeArtifacts(context, draft, broken);

    // Assess
    expect(draft.bucket('code')?.Objects).toEqual([]);
    expect(context.errors).toEqual([
      {
        operation: 's3:GetObject',
        region: REGION,
        resource: OBJECT_ARN,
        code: 'RangeError',
        message: 'archive reader bug',
      },
    ]);
  });
});
