import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishError } from '../errors.js';
import type { AlertLedgerTarget } from '../publish/alert-ledger.js';
import { datedReportKey, reportRoot } from '../publish/report-root.js';
import type { ReportTarget } from '../publish/write-report.js';
import { renderOrganizationMarkdown } from './organization-markdown.js';
import type { OrganizationReport } from './types.js';

// The organisation's reports sit beside the accounts' (`<prefix>/<accountId>/`), under this name.
const ORGANIZATION_ROOT = 'organization';

/** Where an organisation report was written. */
export interface OrganizationReportLocation {
  /** `<prefix>/organization/<yyyy>/<mm>/<dd>/<orgScanId>.json` (the scan's start date, UTC). */
  key: string;
  markdownKey: string;
  /** `<prefix>/organization/latest.json`. */
  latestKey: string;
  /** `s3://bucket/key` of the dated JSON report. */
  uri: string;
}

/** The keys an organisation report is written to. */
export function organizationReportKeys(
  prefix: string | undefined,
  report: Pick<OrganizationReport, 'orgScanId' | 'startedAt'>,
): Omit<OrganizationReportLocation, 'uri'> {
  const root = reportRoot(prefix, ORGANIZATION_ROOT);
  const dated = datedReportKey(root, report.startedAt, report.orgScanId);
  return { key: `${dated}.json`, markdownKey: `${dated}.md`, latestKey: `${root}/latest.json` };
}

/** Where the organisation alert's markers go (`<prefix>/organization/alerts/`), beside its report. */
export function organizationLedgerTarget(target: ReportTarget): AlertLedgerTarget {
  return { bucket: target.bucket, root: reportRoot(target.prefix, ORGANIZATION_ROOT) };
}

/**
 * Writes the organisation report: the dated JSON, its Markdown, then `latest.json` last, so a
 * failed write never leaves a latest.json pointing past what was written. Throws PublishError.
 */
export async function writeOrganizationReport(
  s3: S3Client,
  target: ReportTarget,
  report: OrganizationReport,
): Promise<OrganizationReportLocation> {
  const keys = organizationReportKeys(target.prefix, report);
  const json = JSON.stringify(report, null, 2);
  await putObject(s3, target.bucket, keys.key, json, 'application/json');
  await putObject(
    s3,
    target.bucket,
    keys.markdownKey,
    renderOrganizationMarkdown(report),
    'text/markdown; charset=utf-8',
  );
  await putObject(s3, target.bucket, keys.latestKey, json, 'application/json');
  return { ...keys, uri: `s3://${target.bucket}/${keys.key}` };
}

async function putObject(s3: S3Client, bucket: string, key: string, body: string, contentType: string) {
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new PublishError(
      `Could not write the organisation report to s3://${bucket}/${key} (${reason}). Grant the aggregation ` +
        `function's role s3:PutObject on arn:aws:s3:::${bucket}/* and kms:GenerateDataKey on the bucket's ` +
        'default KMS key, then run the organisation scan again.',
      { cause: error },
    );
  }
}
