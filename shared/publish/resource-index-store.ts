import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { errorText, PublishError } from '../errors.js';
import { parseJsonDocument } from '../json-document.js';
import type { ResourceIndex } from '../live/types.js';
import { reportRoot } from './report-root.js';
import type { ReportTarget } from './write-report.js';

/** What the store holds for an account: its index, none yet, or one that cannot be used (and why). */
export type StoredResourceIndex =
  | { status: 'found'; index: ResourceIndex }
  | { status: 'missing' }
  | { status: 'unusable'; reason: string };

const arnLists = z.record(z.string(), z.array(z.string()));

// Every field is checked: the index decides which events are dropped, so a malformed one must not map.
const indexSchema = z.object({
  formatVersion: z.literal(1),
  scanId: z.string(),
  accountId: z.string(),
  partition: z.string(),
  applications: z.record(z.string(), z.object({ name: z.string(), region: z.string() })),
  regions: arnLists,
  dependents: arnLists,
  encrypts: arnLists,
  roleNames: arnLists,
  keyAliases: z.record(z.string(), z.string()).nullable(),
  policies: arnLists.nullable(),
  trails: z
    .record(z.string(), z.object({ name: z.string(), homeRegion: z.string(), multiRegion: z.boolean() }))
    .nullable(),
});

/** The index's key, beside the account's `latest.json`: `<prefix>/<accountId>/live/resource-index.json`. */
export function resourceIndexKey(prefix: string | undefined, accountId: string): string {
  return `${reportRoot(prefix, accountId)}/live/resource-index.json`;
}

/** Writes the account's resource index as JSON and returns its key. Throws PublishError. */
export async function writeResourceIndex(
  s3: S3Client,
  target: ReportTarget,
  index: ResourceIndex,
): Promise<string> {
  const key = resourceIndexKey(target.prefix, index.accountId);
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: key,
        Body: JSON.stringify(index),
        ContentType: 'application/json',
      }),
    );
  } catch (error) {
    throw new PublishError(
      `Could not write the resource index to s3://${target.bucket}/${key} (${errorText(error)}). Live ` +
        `re-audits use the previous index until a scan writes it. Grant the auditor's role s3:PutObject on ` +
        `arn:aws:s3:::${target.bucket}/* and kms:GenerateDataKey on the bucket's default KMS key, then run ` +
        'the scan again.',
      { cause: error },
    );
  }
  return key;
}

/**
 * Reads the account's resource index: `missing` when no full scan wrote one yet; `unusable` with the
 * reason when it cannot be read, is not JSON, not an index of format 1, or of another account.
 * Never throws: the caller decides what an event without a baseline means.
 */
export async function readResourceIndex(
  s3: S3Client,
  target: ReportTarget,
  accountId: string,
): Promise<StoredResourceIndex> {
  const key = resourceIndexKey(target.prefix, accountId);
  const location = `s3://${target.bucket}/${key}`;
  let text: string;
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    text = (await response.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') return { status: 'missing' };
    // Without s3:ListBucket, S3 answers AccessDenied for a key that does not exist.
    return unusable(
      location,
      `it could not be read (${errorText(error)}); grant the auditor's role s3:GetObject on ` +
        `arn:aws:s3:::${target.bucket}/${key}, s3:ListBucket on arn:aws:s3:::${target.bucket} and ` +
        "kms:Decrypt on the bucket's key",
    );
  }
  const parsed = parseJsonDocument(text, indexSchema, 'a resource index of format 1');
  if (!parsed.ok) return unusable(location, parsed.problem);
  if (parsed.value.accountId !== accountId) {
    return unusable(location, `it indexes account ${parsed.value.accountId}, not ${accountId}`);
  }
  return { status: 'found', index: parsed.value };
}

function unusable(location: string, reason: string): StoredResourceIndex {
  return {
    status: 'unusable',
    reason: `The resource index ${location} is not used: ${reason}. Run a full scan to write it again.`,
  };
}
