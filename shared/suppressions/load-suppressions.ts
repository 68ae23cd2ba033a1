import { readFile } from 'node:fs/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SuppressionReadError } from '../errors.js';
import { parseSuppressions } from './parse-suppressions.js';
import type { SuppressionSet } from './types.js';

/** Where a suppression file is: a local path (CLI) or an object in the report bucket (Lambda). */
export type SuppressionLocation =
  | { kind: 'file'; path: string }
  | { kind: 's3'; s3: S3Client; bucket: string; key: string };

/**
 * Reads and validates a suppression file. An absent S3 object is no file (undefined); a local file
 * was named by the user, so its absence is an error. Throws SuppressionReadError when the file
 * cannot be read and SuppressionFileError when it is malformed.
 */
export async function loadSuppressions(from: SuppressionLocation): Promise<SuppressionSet | undefined> {
  if (from.kind === 'file') {
    const text = await readLocalFile(from.path);
    return { source: from.path, rules: parseSuppressions(text, from.path) };
  }
  const source = `s3://${from.bucket}/${from.key}`;
  const text = await readObject(from.s3, from.bucket, from.key, source);
  if (text === undefined) return undefined;
  return { source, rules: parseSuppressions(text, source) };
}

async function readLocalFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf-8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    const advice =
      code === 'ENOENT'
        ? 'check the path given to --suppressions'
        : 'check that it is a readable file, not a folder';
    const reason = error instanceof Error ? error.message : String(error);
    throw new SuppressionReadError(`Could not read the suppression file ${path} (${reason}); ${advice}.`, {
      cause: error,
    });
  }
}

// S3 answers 404 NoSuchKey only to a caller allowed s3:ListBucket; without it, a missing key is 403.
const ABSENT = new Set(['NoSuchKey', 'NotFound']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden']);

async function readObject(
  s3: S3Client,
  bucket: string,
  key: string,
  source: string,
): Promise<string | undefined> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await response.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    const name = error instanceof Error ? error.name : undefined;
    if (name !== undefined && ABSENT.has(name)) return undefined;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const advice =
      name !== undefined && DENIED.has(name)
        ? `allow s3:GetObject on arn:aws:s3:::${bucket}/${key} (and s3:ListBucket on the bucket, so that a missing file reads as "no suppressions") and kms:Decrypt on the bucket's KMS key to the auditor's role`
        : 'check that the bucket exists in this account and region, then scan again';
    throw new SuppressionReadError(`Could not read the suppression file ${source} (${reason}); ${advice}.`, {
      cause: error,
    });
  }
}
