import { scanFailedAlert } from './alert/scan-alerts.js';
import type { AuditDelivery } from './audit-delivery.js';
import { accountLedgerTarget, s3AlertLedger } from './publish/alert-ledger.js';
import { publishAlerts } from './publish/publish-alert.js';

/** A scan that threw: what SCAN_FAILED says, and the invocation it belongs to. */
export interface ScanFailure {
  error: unknown;
  /** Unknown when the scan failed before identifying the account. */
  accountId: string | undefined;
  scanId: string;
  /** Names the invocation when it may be retried (AuditRequest.idempotencyKey). */
  scanKey?: string;
}

/**
 * Publishes SCAN_FAILED when a topic is set. Best effort: the scan's own error is what the caller
 * must see, so a failed publish is a progress line, never thrown. With a scan key (and the account
 * and report bucket known), the alert's marker makes an invocation that fails on every attempt
 * announce it once.
 */
export async function announceScanFailure(
  delivery: AuditDelivery,
  failure: ScanFailure,
  progress: (message: string) => void,
): Promise<void> {
  if (!delivery.alert) return;
  const { error, accountId, scanId, scanKey } = failure;
  try {
    const ledger =
      scanKey && delivery.report && accountId
        ? s3AlertLedger(delivery.report.s3, accountLedgerTarget(delivery.report.target, accountId))
        : undefined;
    const published = await publishAlerts(
      delivery.alert.sns,
      delivery.alert.topicArn,
      [scanFailedAlert(error, accountId, scanId)],
      {
        scanKey: scanKey ?? scanId,
        ...(delivery.alert.governor ? { governor: delivery.alert.governor } : {}),
        ...(ledger ? { ledger } : {}),
      },
    );
    for (const problem of published.ledgerProblems) progress(`Alert idempotency: ${problem}.`);
    progress(
      published.alreadySent.length > 0
        ? 'SCAN_FAILED alert already sent by an earlier attempt of this invocation.'
        : `SCAN_FAILED alert published to ${delivery.alert.topicArn}.`,
    );
  } catch (publishError) {
    progress(
      `Could not publish the SCAN_FAILED alert: ${publishError instanceof Error ? publishError.message : String(publishError)}`,
    );
  }
}
