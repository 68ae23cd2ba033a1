import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type PreviousReport, parsePreviousReport } from '../changes/previous-report.js';
import { errorText } from '../errors.js';
import { type ReportTarget, reportKeys } from './write-report.js';

/**
 * Reads the account's previous report (`<prefix>/<accountId>/latest.json`) for change tracking.
 * None yet → `none`; unreadable, not JSON, not a report, another account or an unknown schema
 * major → `unusable` with the reason, so the scan goes on without change tracking. Never throws
 * for those: losing the comparison must not lose the scan.
 */
export async function readPreviousReport(
  s3: S3Client,
  target: ReportTarget,
  accountId: string,
): Promise<PreviousReport> {
  // Only the account and prefix shape latest.json's key; the date and scan id do not.
  const key = reportKeys(target.prefix, {
    accountId,
    scanId: 'latest',
    startedAt: new Date(0).toISOString(),
  }).latestKey;
  const location = `s3://${target.bucket}/${key}`;
  let text: string;
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    text = (await response.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') return { status: 'none', location };
    // A report of more than about 15,000 applications (8,000 in schema 1.x) is longer than the
    // longest string V8 holds.
    if (tooLongForAString(error)) {
      return {
        status: 'unusable',
        location,
        reason: `The previous report ${location} is too large to read as one string (${error.message}); this scan has no change tracking.`,
      };
    }
    return { status: 'unusable', location, reason: unreadable(location, target.bucket, key, error) };
  }
  return parsePreviousReport(text, accountId, location);
}

/** Node's error for decoding bytes past the longest string (ERR_STRING_TOO_LONG), or V8's own. */
function tooLongForAString(error: unknown): error is Error {
  return (
    error instanceof RangeError ||
    (error instanceof Error && (error as { code?: unknown }).code === 'ERR_STRING_TOO_LONG')
  );
}

function unreadable(location: string, bucket: string, key: string, error: unknown): string {
  const reason = errorText(error);
  // Without s3:ListBucket, S3 answers AccessDenied for a key that does not exist, as on a first scan.
  return (
    `The previous report ${location} could not be read (${reason}). This scan has no change tracking. ` +
    `Grant the auditor's role s3:GetObject on arn:aws:s3:::${bucket}/${key}, s3:ListBucket on ` +
    `arn:aws:s3:::${bucket} (so a missing report reads as none) and kms:Decrypt on the bucket's key.`
  );
}
