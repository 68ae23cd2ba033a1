import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  artifactCacheKey,
  FileArtifactScanCache,
  MemoryArtifactScanCache,
  S3ArtifactScanCache,
} from '../../shared/collect/artifact-scan-cache.js';
import type { ArtifactCredentialScan } from '../../shared/snapshot/artifact-scan.js';

const SCAN: ArtifactCredentialScan = {
  ScannerVersion: 1,
  Entries: 3,
  TextsRead: 2,
  ClassesRead: 1,
  NestedArchives: 0,
  Findings: [],
};
const KEY = artifactCacheKey({
  bucket: 'acme-code',
  key: 'orders/app.jar',
  eTag: '"abc"',
  scannerVersion: 1,
});

describe('Function: artifactCacheKey', () => {
  it('returns a key that changes with the content, the version and the scanner', () => {
    // Act
    const keys = [
      KEY,
      artifactCacheKey({ bucket: 'acme-code', key: 'orders/app.jar', eTag: '"def"', scannerVersion: 1 }),
      artifactCacheKey({ bucket: 'acme-code', key: 'orders/app.jar', eTag: '"abc"', scannerVersion: 2 }),
      artifactCacheKey({
        bucket: 'acme-code',
        key: 'orders/app.jar',
        versionId: 'v2',
        eTag: '"abc"',
        scannerVersion: 1,
      }),
    ];

    // Assess
    expect(new Set(keys).size).toBe(4);
    expect(KEY).toBe('v1|acme-code|orders/app.jar|null|"abc"');
  });
});

describe('Class: MemoryArtifactScanCache', () => {
  it('returns what was put, and nothing for another key', async () => {
    // Prepare
    const cache = new MemoryArtifactScanCache();
    await cache.put(KEY, SCAN);

    // Act
    const found = [await cache.get(KEY), await cache.get('other')];

    // Assess
    expect(found).toEqual([SCAN, undefined]);
  });
});

describe('Class: FileArtifactScanCache', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kda-auditor-cache-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps a scan across instances, in a file whose name does not reveal the bucket or key', async () => {
    // Prepare
    await new FileArtifactScanCache(join(directory, 'scans')).put(KEY, SCAN);

    // Act
    const found = await new FileArtifactScanCache(join(directory, 'scans')).get(KEY);

    // Assess
    expect(found).toEqual(SCAN);
    const files = await readdir(join(directory, 'scans'));
    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.json$/)]);
  });

  it('returns nothing for a missing or corrupt entry, so the artifact is scanned again', async () => {
    // Prepare
    const cache = new FileArtifactScanCache(directory);
    await cache.put(KEY, SCAN);
    const [file] = await readdir(directory);
    await writeFile(join(directory, file ?? ''), '{"not":"a scan"}');

    // Act
    const found = [await cache.get(KEY), await new FileArtifactScanCache(join(directory, 'absent')).get(KEY)];

    // Assess
    expect(found).toEqual([undefined, undefined]);
    expect(JSON.parse(await readFile(join(directory, file ?? ''), 'utf8'))).toEqual({ not: 'a scan' });
  });
});

describe('Class: S3ArtifactScanCache', () => {
  const s3 = mockClient(S3Client);

  afterEach(() => s3.reset());

  it('writes a scan under its prefix, named by a hash of the cache key', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const cache = new S3ArtifactScanCache(
      () => new S3Client({ region: 'eu-west-1' }),
      'reports-bucket',
      '/cache/scans/',
    );

    // Act
    await cache.put(KEY, SCAN);

    // Assess
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'reports-bucket',
      Key: expect.stringMatching(/^cache\/scans\/[0-9a-f]{64}\.json$/),
      Body: JSON.stringify(SCAN),
      ContentType: 'application/json',
    });
  });

  it('returns the scan it reads back', async () => {
    // Prepare
    s3.on(GetObjectCommand).resolves({
      Body: { transformToString: async () => JSON.stringify(SCAN) },
    } as never);
    const cache = new S3ArtifactScanCache(
      () => new S3Client({ region: 'eu-west-1' }),
      'reports-bucket',
      'cache',
    );

    // Act
    const found = await cache.get(KEY);

    // Assess
    expect(found).toEqual(SCAN);
  });

  it('returns nothing when the read fails, so the artifact is scanned again', async () => {
    // Prepare
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const cache = new S3ArtifactScanCache(
      () => new S3Client({ region: 'eu-west-1' }),
      'reports-bucket',
      'cache',
    );

    // Act
    const found = await cache.get(KEY);

    // Assess
    expect(found).toBeUndefined();
  });
});
