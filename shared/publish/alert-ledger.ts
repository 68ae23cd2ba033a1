import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AlertAttributes } from '../alert/alert-message.js';
import { type ReportTarget, reportKeys } from './write-report.js';

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
  // Only the account and prefix shape latest.json's key; the date and scan id do not.
  const { latestKey } = reportKeys(target.prefix, {
    accountId,
    scanId: 'latest',
    startedAt: new Date(0).toISOString(),
  });
  return { bucket: target.bucket, root: latestKey.slice(0, -'/latest.json'.length) };
}

/** The S3 key of an alert's marker. */
function alertMarkerKey(target: AlertLedgerTarget, idempotencyKey: string): string {
  return `${target.root}/alerts/${idempotencyKey}.json`;
}

/**
 * A ledger of markers in the report bucket. The claim is a conditional put (If-None-Match: *): it
 * creates the marker or learns that one exists, without s3:ListBucket (S3 answers AccessDenied, not
 * NoSuchKey, for a missing key to a role without it, so a plain read could not tell). An existing
 * marker is then read: `sent` means skip, `publishing` means the earlier attempt failed to publish.
 */
export function s3AlertLedger(s3: S3Client, target: AlertLedgerTarget): AlertLedger {
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

  async function existing(key: string): Promise<AlertClaim> {
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
        problem: `the alert marker ${location} exists but could not be read (${reasonOf(error)})`,
      };
    }
  }

  return {
    async claim(marker) {
      try {
        await put({ version: 1, state: 'publishing', ...marker }, true);
        return { status: 'claimed' };
      } catch (error) {
        if (isPresent(error)) return existing(marker.idempotencyKey);
        return {
          status: 'unknown',
          problem: `the alert marker ${alertMarkerKey(target, marker.idempotencyKey)} could not be written (${reasonOf(error)})`,
        };
      }
    },
    async recordSent(marker) {
      try {
        await put({ version: 1, state: 'sent', ...marker }, false);
        return undefined;
      } catch (error) {
        return `the alert marker ${alertMarkerKey(target, marker.idempotencyKey)} could not be written (${reasonOf(error)}); a retry of this invocation would send the alert again`;
      }
    },
  };
}

// 412: the marker exists. 409: another attempt is writing it at this moment; read what it wrote.
function isPresent(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
  const name = error instanceof Error ? error.name : '';
  return (
    status === 412 || status === 409 || name === 'PreconditionFailed' || name === 'ConditionalRequestConflict'
  );
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
