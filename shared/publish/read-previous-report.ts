import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { comparisonBaseline } from '../changes/comparison-baseline.js';
import {
  type PreviousBaseline,
  type PreviousReport,
  parsePreviousReport,
  previousReportProblem,
  unusablePrevious,
} from '../changes/previous-report.js';
import { baselineFromReportBytes } from '../changes/read-baseline.js';
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
  const read = await readLatest(s3, target, accountId, (body) => body.transformToString('utf-8'));
  return read.status === 'found' ? parsePreviousReport(read.value, accountId, read.location) : read;
}

/**
 * What change tracking reads of the account's previous report (`comparisonBaseline`): read one
 * application at a time when latest.json is laid out as kda-auditor writes it
 * (`baselineFromReportBytes`: the whole report is never one string nor one object), else whole;
 * `none` and `unusable` as readPreviousReport says them.
 */
export async function readPreviousBaseline(
  s3: S3Client,
  target: ReportTarget,
  accountId: string,
): Promise<PreviousBaseline> {
  const read = await readLatest(s3, target, accountId, async (body) => {
    const bytes = await body.transformToByteArray();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  });
  if (read.status !== 'found') return read;
  const { value: bytes, location } = read;
  const baseline = baselineFromReportBytes(bytes);
  if (baseline) {
    const problem = previousReportProblem({ accountId }, baseline);
    return problem ? unusablePrevious(location, problem) : { status: 'found', location, baseline };
  }
  let text: string;
  try {
    text = bytes.toString('utf-8');
  } catch (error) {
    if (tooLongForAString(error)) return tooLarge(location, error);
    throw error;
  }
  const whole = parsePreviousReport(text, accountId, location);
  return whole.status === 'found'
    ? { status: 'found', location, baseline: comparisonBaseline(whole.report) }
    : whole;
}

/** latest.json's body as `decode` reads it; `none` when there is none, `unusable` saying why it cannot be read. */
async function readLatest<T>(
  s3: S3Client,
  target: ReportTarget,
  accountId: string,
  decode: (body: LatestBody) => Promise<T>,
): Promise<{ status: 'found'; location: string; value: T } | Exclude<PreviousReport, { status: 'found' }>> {
  const key = latestKey(target, accountId);
  const location = latestLocation(target, key);
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    return { status: 'found', location, value: await decode(response.Body ?? EMPTY_BODY) };
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') return { status: 'none', location };
    // A report of more than about 15,000 applications (8,000 in schema 1.x) is longer than the
    // longest string V8 holds.
    if (tooLongForAString(error)) return tooLarge(location, error);
    return { status: 'unusable', location, reason: unreadable(location, target.bucket, key, error) };
  }
}

/** What readLatest reads of a GetObject body. */
type LatestBody = Pick<
  NonNullable<GetObjectCommandOutput['Body']>,
  'transformToString' | 'transformToByteArray'
>;

const EMPTY_BODY: LatestBody = {
  transformToString: async () => '',
  transformToByteArray: async () => new Uint8Array(),
};

function tooLarge(location: string, error: Error): Exclude<PreviousReport, { status: 'found' }> {
  return {
    status: 'unusable',
    location,
    reason: `The previous report ${location} is too large to read as one string (${error.message}); this scan has no change tracking.`,
  };
}

function latestLocation(target: ReportTarget, key: string): string {
  return `s3://${target.bucket}/${key}`;
}

// Only the account and prefix shape latest.json's key; the date and scan id do not.
function latestKey(target: ReportTarget, accountId: string): string {
  return reportKeys(target.prefix, { accountId, scanId: 'latest', startedAt: new Date(0).toISOString() })
    .latestKey;
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
