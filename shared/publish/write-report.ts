import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishError } from '../errors.js';
import { renderHtml } from '../report/html/render-html.js';
import { renderMarkdown } from '../report/markdown.js';
import type { AuditReport } from '../report/types.js';
import { reportJsonBytes } from './report-json.js';

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
  const started = new Date(report.startedAt);
  const yyyy = String(started.getUTCFullYear());
  const mm = String(started.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(started.getUTCDate()).padStart(2, '0');
  const root = [...(prefix ?? '').split('/').filter(Boolean), report.accountId].join('/');
  const dated = `${root}/${yyyy}/${mm}/${dd}/${report.scanId}`;
  return {
    key: `${dated}.json`,
    markdownKey: `${dated}.md`,
    htmlKey: `${dated}.html`,
    latestKey: `${root}/latest.json`,
  };
}

/**
 * Writes the scan's report to S3: the dated JSON, its Markdown and its HTML. `latest.json` is moved
 * separately (updateLatestReport), once alerts are out, so a failed write or publish leaves the
 * previous `latest.json` in place. Encryption is the bucket's default (SSE-KMS in our template);
 * setting it per object would fight the bucket policy. Throws PublishError.
 */
export async function writeReport(
  s3: S3Client,
  target: ReportTarget,
  report: AuditReport,
): Promise<ReportLocation> {
  const { bucket } = target;
  const keys = reportKeys(target.prefix, report);
  await putObject(s3, bucket, keys.key, reportJsonBytes(report), 'application/json');
  const json = keys.key.split('/').pop() ?? keys.key;
  await putObject(
    s3,
    bucket,
    keys.markdownKey,
    renderedOrPointer(() => renderMarkdown(report), `# kda-auditor report\n\n${tooLarge(report, json)}\n`),
    'text/markdown; charset=utf-8',
  );
  await putObject(
    s3,
    bucket,
    keys.htmlKey,
    renderedOrPointer(
      () => renderHtml(report),
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>kda-auditor report</title><p>${tooLarge(report, `<a href="${json}">${json}</a>`)}</p></html>\n`,
    ),
    'text/html; charset=utf-8',
  );
  return { bucket, ...keys, uri: `s3://${bucket}/${keys.key}` };
}

/**
 * Makes the report the account's `latest.json`: what the next scan compares itself with.
 * Throws PublishError.
 */
export async function updateLatestReport(
  s3: S3Client,
  location: ReportLocation,
  report: AuditReport,
): Promise<void> {
  await putObject(s3, location.bucket, location.latestKey, reportJsonBytes(report), 'application/json');
}

// Past about 8,000 applications a rendering is longer than the longest string V8 holds (RangeError):
// the page then points at the JSON report, which is written in pieces (reportJsonBytes).
function renderedOrPointer(render: () => string, pointer: string): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof RangeError) return pointer;
    throw error;
  }
}

function tooLarge(report: AuditReport, json: string): string {
  return (
    `The report of scan ${report.scanId} (${report.applications.length} applications) is too large to ` +
    `render as one page; the whole report is in ${json}, beside this file.`
  );
}

async function putObject(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string | Buffer,
  contentType: string,
) {
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new PublishError(
      `Could not write the report to s3://${bucket}/${key} (${reason}). Check that the bucket exists and ` +
        `grant the auditor's role s3:PutObject on arn:aws:s3:::${bucket}/* and kms:GenerateDataKey on the ` +
        "bucket's default KMS key, then run the scan again.",
      { cause: error },
    );
  }
}
