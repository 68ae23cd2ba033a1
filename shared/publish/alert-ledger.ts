import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AlertAttributes } from '../alert/alert-message.js';
import { systemTimer, type Timer } from '../aws/token-bucket.js';
import { errorText } from '../errors.js';
import { reportRoot } from './report-root.js';
import type { ReportTarget } from './write-report.js';

/** Where an account's alert markers go: `<root>/alerts/<idempotencyKey>.json` in `bucket`. */
export interface AlertLedgerTarget {
  bucket: string;
  /** `<prefix>/<accountId>` (or `<prefix>/organization` for the organisation alert), no trailing slash. */
  root: string;
}

/** What a marker says about one alert. */
export interface AlertMarker {
  version: 1;
  /** `publishing`: an attempt claimed it and has not recorded a send; `sent`: SNS accepted it. */
  state: 'publishing' | 'sent';
  idempotencyKey: string;
  scanKey: string;
  topicArn: string;
  attributes: AlertAttributes;
  messageId?: string;
}

/** What the ledger knows of an alert before it is published. */
export type AlertClaim =
  /** This attempt is the first to publish it. */
  | { status: 'claimed' }
  /** An earlier attempt of the same invocation sent it: do not send it again. */
  | { status: 'sent'; messageId?: string }
  /** An earlier attempt claimed it and failed before recording a send: publish it (again). */
  | { status: 'unsent' }
  /** The ledger could not be read or written: publish anyway (a lost alert is worse than a repeat). */
  | { status: 'unknown'; problem: string };

/** Markers of the alerts an invocation has sent, so that its retries send none twice. */
export interface AlertLedger {
  /** Claims an alert before it is published; never throws. */
  claim(marker: Omit<AlertMarker, 'version' | 'state' | 'messageId'>): Promise<AlertClaim>;
  /** Records that SNS accepted the alert; a failure comes back as its reason, never thrown. */
  recordSent(marker: Omit<AlertMarker, 'version' | 'state'>): Promise<string | undefined>;
}

/** An account's ledger in the report bucket: beside its `latest.json`, in `<prefix>/<accountId>/alerts/`. */
export function accountLedgerTarget(target: ReportTarget, accountId: string): AlertLedgerTarget {
  return { bucket: target.bucket, root: reportRoot(target.prefix, accountId) };
}

/** The S3 key of an alert's marker. */
function alertMarkerKey(target: AlertLedgerTarget, idempotencyKey: string): string {
  return `${target.root}/alerts/${idempotencyKey}.json`;
}

/**
 * A ledger of markers in the report bucket. The claim is a conditional put (If-None-Match: *): it
 * creates the marker or learns that one exists, without s3:ListBucket (S3 answers AccessDenied, not
 * NoSuchKey, for a missing key to a role without it, so a plain read could not tell). An existing
 * marker is then read: `sent` means skip; `publishing`, still so after 0.6 s, means the earlier
 * attempt failed to publish. A claim that meets a concurrent write of the same marker (409
 * ConditionalRequestConflict) is tried again, so that one of two racing attempts publishes. The
 * waits go through `timer` (tests inject one that moves only when told to).
 */
export function s3AlertLedger(
  s3: S3Client,
  target: AlertLedgerTarget,
  timer: Timer = systemTimer,
): AlertLedger {
  async function put(marker: AlertMarker, onlyIfAbsent: boolean): Promise<void> {
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: alertMarkerKey(target, marker.idempotencyKey),
        Body: JSON.stringify(marker),
        ContentType: 'application/json',
        ...(onlyIfAbsent ? { IfNoneMatch: '*' } : {}),
      }),
    );
  }

  // `publishing` is an attempt publishing right now (it raced this one) or one that failed: give a
  // live one the time to record its send before publishing beside it.
  async function existing(key: string): Promise<AlertClaim> {
    for (let read = 1; ; read += 1) {
      const claim = await readMarker(key);
      if (claim.status !== 'unsent' || read >= MARKER_READS) return claim;
      await timer.sleep(SETTLE_BACKOFF_MS * read);
    }
  }

  async function readMarker(key: string): Promise<AlertClaim> {
    const location = `s3://${target.bucket}/${alertMarkerKey(target, key)}`;
    try {
      const response = await s3.send(
        new GetObjectCommand({ Bucket: target.bucket, Key: alertMarkerKey(target, key) }),
      );
      const marker = JSON.parse(
        (await response.Body?.transformToString('utf-8')) ?? '',
      ) as Partial<AlertMarker>;
      if (marker.state === 'sent')
        return { status: 'sent', ...(marker.messageId ? { messageId: marker.messageId } : {}) };
      if (marker.state === 'publishing') return { status: 'unsent' };
      return { status: 'unknown', problem: `the alert marker ${location} is not one kda-auditor wrote` };
    } catch (error) {
      return {
        status: 'unknown',
        problem: `the alert marker ${location} exists but could not be read (${errorText(error)})`,
      };
    }
  }

  return {
    async claim(marker) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await put({ version: 1, state: 'publishing', ...marker }, true);
          return { status: 'claimed' };
        } catch (error) {
          if (isPresent(error)) return existing(marker.idempotencyKey);
          // Another attempt is writing this very marker: its write decides, so ask again once it is
          // done (412 then reads its marker), as S3 advises, rather than publish beside it.
          if (isConflict(error) && attempt < CLAIM_ATTEMPTS) {
            await timer.sleep(CONFLICT_BACKOFF_MS * attempt);
            continue;
          }
          return {
            status: 'unknown',
            problem: `the alert marker ${alertMarkerKey(target, marker.idempotencyKey)} could not be written (${errorText(error)})`,
          };
        }
      }
    },
    async recordSent(marker) {
      try {
        await put({ version: 1, state: 'sent', ...marker }, false);
        return undefined;
      } catch (error) {
        return `the alert marker ${alertMarkerKey(target, marker.idempotencyKey)} could not be written (${errorText(error)}); a retry of this invocation would send the alert again`;
      }
    },
  };
}

/** Reads of a `publishing` marker before it counts as an attempt that failed: after 0.1, 0.3, 0.6 s. */
const MARKER_READS = 4;
const SETTLE_BACKOFF_MS = 100;
/** Claims tried when S3 answers 409 (a concurrent write of the same marker), the first included. */
const CLAIM_ATTEMPTS = 4;
/** The wait before the next claim grows by this much each time: 50, 100, 150 ms. */
const CONFLICT_BACKOFF_MS = 50;

// 412: the marker exists.
function isPresent(error: unknown): boolean {
  return statusOf(error) === 412 || nameOf(error) === 'PreconditionFailed';
}

// 409: another conditional write of the same key is in flight; S3 says to retry the request.
function isConflict(error: unknown): boolean {
  return statusOf(error) === 409 || nameOf(error) === 'ConditionalRequestConflict';
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}
