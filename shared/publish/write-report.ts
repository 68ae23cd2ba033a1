import { CopyObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { errorText, PublishError } from '../errors.js';
import { htmlChunks } from '../report/html/render-html.js';
import { markdownChunks } from '../report/markdown.js';
import type { AuditReport } from '../report/types.js';
import { reportJsonChunks } from './report-json.js';
import { datedReportKey, reportRoot } from './report-root.js';
import { type ObjectTarget, uploadObject } from './upload-object.js';

/** The bucket and key prefix reports go under. */
export interface ReportTarget {
  bucket: string;
  /** Key prefix, with or without slashes; empty puts reports at the bucket's root. */
  prefix?: string;
}

/** Where a report was written. */
export interface ReportLocation {
  bucket: string;
  /** The dated JSON report: `<prefix>/<accountId>/<yyyy>/<mm>/<dd>/<scanId>.json`. */
  key: string;
  /** The same report as Markdown, beside the JSON. */
  markdownKey: string;
  /** The same report as one self-contained HTML page, beside the JSON. */
  htmlKey: string;
  /** The account's most recent report: `<prefix>/<accountId>/latest.json`. */
  latestKey: string;
  /** `s3://bucket/key` of the dated JSON report. */
  uri: string;
}

/** The keys a report is written to; dates are the scan's start, in UTC. */
export function reportKeys(
  prefix: string | undefined,
  report: Pick<AuditReport, 'accountId' | 'scanId' | 'startedAt'>,
): Pick<ReportLocation, 'key' | 'markdownKey' | 'htmlKey' | 'latestKey'> {
  const root = reportRoot(prefix, report.accountId);
  const dated = datedReportKey(root, report.startedAt, report.scanId);
  return {
    key: `${dated}.json`,
    markdownKey: `${dated}.md`,
    htmlKey: `${dated}.html`,
    latestKey: `${root}/latest.json`,
  };
}

/**
 * Writes the scan's report to S3: the dated JSON, its Markdown and its HTML, the three at once,
 * each streamed as it is rendered (uploadObject), so no format is ever one string or one buffer.
 * `latest.json` is moved separately (updateLatestReport), once alerts are out, so a failed write or
 * publish leaves the previous `latest.json` in place. Encryption is the bucket's default (SSE-KMS
 * in our template); setting it per object would fight the bucket policy. Returns once every write
 * has ended; throws PublishError (the first format that failed).
 */
export async function writeReport(
  s3: S3Client,
  target: ReportTarget,
  report: AuditReport,
): Promise<ReportLocation> {
  const { bucket } = target;
  const keys = reportKeys(target.prefix, report);
  const writes = await Promise.allSettled([
    uploadObject(s3, { bucket, key: keys.key, contentType: JSON_TYPE }, reportJsonChunks(report)),
    uploadObject(
      s3,
      { bucket, key: keys.markdownKey, contentType: 'text/markdown; charset=utf-8' },
      markdownChunks(report),
    ),
    uploadObject(
      s3,
      { bucket, key: keys.htmlKey, contentType: 'text/html; charset=utf-8' },
      htmlChunks(report),
    ),
  ]);
  const failed = writes.find((write) => write.status === 'rejected');
  if (failed) throw failed.reason;
  return { bucket, ...keys, uri: `s3://${bucket}/${keys.key}` };
}

/**
 * Makes the report writeReport wrote at `location` the account's `latest.json`, what the next scan
 * compares itself with: a copy inside S3 (CopyObject, objects up to 5 GB), never a second upload.
 * Throws PublishError.
 */
export async function updateLatestReport(s3: S3Client, location: ReportLocation): Promise<void> {
  await copyObject(s3, location.key, {
    bucket: location.bucket,
    key: location.latestKey,
    contentType: JSON_TYPE,
  });
}

const JSON_TYPE = 'application/json';

// The copy keeps the source's Content-Type (metadata directive COPY) and gets the bucket's encryption.
async function copyObject(s3: S3Client, sourceKey: string, target: ObjectTarget): Promise<void> {
  const { bucket, key } = target;
  // CopySource is URL-encoded; each key segment is, the slashes between them stay.
  const source = `${encodeURIComponent(bucket)}/${sourceKey.split('/').map(encodeURIComponent).join('/')}`;
  try {
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: source }));
  } catch (error) {
    throw new PublishError(
      `Could not copy the report s3://${bucket}/${sourceKey} to s3://${bucket}/${key} (${errorText(error)}). ` +
        `Check that the bucket exists and grant the auditor's role s3:GetObject and s3:PutObject on ` +
        `arn:aws:s3:::${bucket}/* and kms:Decrypt and kms:GenerateDataKey on the bucket's default KMS key, ` +
        'then run the scan again.',
      { cause: error },
    );
  }
}
