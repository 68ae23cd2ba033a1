import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ArtifactCredentialScan } from '../snapshot/artifact-scan.js';
import { readCredentialScan } from '../snapshot/read.js';

/**
 * Scan results of code artifacts, kept between scans so that an unchanged JAR (same bucket, key,
 * version and ETag) is neither downloaded nor scanned again. A cache is an optimisation: a failed
 * read is a miss and a failed write is reported, never a failed scan.
 */
export interface ArtifactScanCache {
  get(key: string): Promise<ArtifactCredentialScan | undefined>;
  put(key: string, scan: ArtifactCredentialScan): Promise<void>;
}

/** Identifies one exact object content: the ETag changes with every new content. */
export interface ArtifactIdentity {
  bucket: string;
  key: string;
  versionId?: string;
  eTag: string;
  scannerVersion: number;
}

/** The cache key of an object's content as seen by one scanner version. */
export function artifactCacheKey(identity: ArtifactIdentity): string {
  const { bucket, key, versionId, eTag, scannerVersion } = identity;
  return `v${scannerVersion}|${bucket}|${key}|${versionId ?? 'null'}|${eTag}`;
}

/** A cache for the life of the process: a CLI run, or a warm Lambda container. */
export class MemoryArtifactScanCache implements ArtifactScanCache {
  readonly #entries = new Map<string, ArtifactCredentialScan>();

  async get(key: string): Promise<ArtifactCredentialScan | undefined> {
    return this.#entries.get(key);
  }

  async put(key: string, scan: ArtifactCredentialScan): Promise<void> {
    this.#entries.set(key, scan);
  }
}

/**
 * A cache in S3 (the report bucket), so nightly scans skip unchanged JARs. One small JSON object
 * per artifact content, named by a hash of its cache key: bucket and key names of the scanned
 * account do not appear in the cache's object names.
 */
export class S3ArtifactScanCache implements ArtifactScanCache {
  readonly #s3: () => S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  /** `s3` is called on first use, so building the cache at cold start builds no client. */
  constructor(s3: () => S3Client, bucket: string, prefix: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
    this.#prefix = prefix.replace(/^\/+|\/+$/g, '');
  }

  async get(key: string): Promise<ArtifactCredentialScan | undefined> {
    try {
      const response = await this.#s3().send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key) }),
      );
      const text = await response.Body?.transformToString('utf-8');
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      return readCredentialScan(parsed);
    } catch {
      // Absent, denied or corrupt: all mean "scan it", which is always correct.
      return undefined;
    }
  }

  async put(key: string, scan: ArtifactCredentialScan): Promise<void> {
    await this.#s3().send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#objectKey(key),
        Body: JSON.stringify(scan),
        ContentType: 'application/json',
      }),
    );
  }

  #objectKey(key: string): string {
    const name = cacheFileName(key);
    return this.#prefix ? `${this.#prefix}/${name}` : name;
  }
}

/** A cache in a local folder, for repeated CLI scans of the same account. */
export class FileArtifactScanCache implements ArtifactScanCache {
  readonly #directory: string;

  constructor(directory: string) {
    this.#directory = directory;
  }

  async get(key: string): Promise<ArtifactCredentialScan | undefined> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.#path(key), 'utf-8'));
      return readCredentialScan(parsed);
    } catch {
      return undefined;
    }
  }

  async put(key: string, scan: ArtifactCredentialScan): Promise<void> {
    await mkdir(this.#directory, { recursive: true });
    await writeFile(this.#path(key), JSON.stringify(scan));
  }

  #path(key: string): string {
    return join(this.#directory, cacheFileName(key));
  }
}

// Hashed, so names of the scanned account's buckets and keys never appear in the cache's names.
function cacheFileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}.json`;
}
