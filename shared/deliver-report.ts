import type { AlertEventType } from './alert/alert-payload.js';
import { decideAlerts } from './alert/decide-alerts.js';
import type { AuditOutputs, AuditResult } from './audit.js';
import type { AuditDelivery } from './audit-delivery.js';
import { PublishError } from './errors.js';
import { resourceIndex } from './live/resource-index.js';
import { accountLedgerTarget, s3AlertLedger } from './publish/alert-ledger.js';
import { exportToSecurityHub, type SecurityHubExportResult } from './publish/export-security-hub.js';
import { publishAlerts } from './publish/publish-alert.js';
import { writeResourceIndex } from './publish/resource-index-store.js';
import { updateLatestReport, writeReport } from './publish/write-report.js';
import type { AuditReport } from './report/types.js';
import { toAsffFindings } from './security-hub/to-asff-findings.js';
import type { AccountSnapshot } from './snapshot/types.js';

/** What a caller may change in delivery besides the outputs. */
export interface DeliveryOptions {
  /** Alert kinds not to send: a live re-audit does not repeat the SCAN_INCOMPLETE of its baseline. */
  withholdAlerts?: readonly AlertEventType[];
  /**
   * Names the invocation, when it can be retried (a Lambda request id, an event id): every attempt
   * gives its alerts the same idempotency keys, and markers in the report bucket
   * (`<prefix>/<accountId>/alerts/<key>.json`) stop an alert an earlier attempt sent from going out
   * again. Without it, the keys derive from the scan id and no marker is kept.
   */
  scanKey?: string;
}

/** What delivery did: where the report went, the alerts sent or skipped, the Security Hub export. */
type Delivered = Omit<AuditResult, 'snapshot'>;

/**
 * Writes the report, publishes the alerts, moves `latest.json`, writes the resource index of live
 * re-audit beside it (when the scan's snapshot is given), exports to Security Hub. Each step runs
 * only once the one before succeeded, so a failed report write or publish leaves the previous
 * `latest.json` (and the alerts go out again next time); such a failure throws PublishError and
 * undoes nothing. A failed Security Hub export does not throw: everything else is delivered by
 * then, and a retry would scan the account again to export what the next scan exports anyway; it
 * comes back as `securityHubProblem` (docs/reliability.md, "Writes").
 */
export async function deliverReport(
  report: AuditReport,
  delivery: AuditDelivery,
  outputs: AuditOutputs,
  progress: (message: string) => void,
  snapshot?: AccountSnapshot,
  options: DeliveryOptions = {},
): Promise<Delivered> {
  const reportLocation = delivery.report
    ? await writeReport(delivery.report.s3, delivery.report.target, report)
    : undefined;
  if (reportLocation) progress(`Report written to ${reportLocation.uri}.`);

  const alerts = decideAlerts(report, {
    ...(outputs.alertThreshold ? { threshold: outputs.alertThreshold } : {}),
    ...(outputs.scoreDrop !== undefined ? { scoreDrop: outputs.scoreDrop } : {}),
    ...(reportLocation ? { reportLocation: reportLocation.uri } : {}),
  }).filter((alert) => !options.withholdAlerts?.includes(alert.attributes.eventType));
  let alertMessageIds: string[] | undefined;
  let alertsAlreadySent: string[] | undefined;
  if (delivery.alert && alerts.length > 0) {
    const published = await publishAlerts(delivery.alert.sns, delivery.alert.topicArn, alerts, {
      scanKey: options.scanKey ?? report.scanId,
      ...(delivery.alert.governor ? { governor: delivery.alert.governor } : {}),
      ...(options.scanKey && reportLocation && delivery.report
        ? {
            ledger: s3AlertLedger(
              delivery.report.s3,
              accountLedgerTarget(delivery.report.target, report.accountId),
            ),
          }
        : {}),
    });
    for (const problem of published.ledgerProblems) progress(`Alert idempotency: ${problem}.`);
    alertMessageIds = published.messageIds;
    if (published.alreadySent.length > 0) alertsAlreadySent = published.alreadySent;
    progress(
      `${published.messageIds.length} alert(s) published to ${delivery.alert.topicArn}` +
        (published.alreadySent.length > 0
          ? `; ${published.alreadySent.length} already sent by an earlier attempt of this invocation.`
          : '.'),
    );
  }
  if (reportLocation && delivery.report && outputs.updateLatest !== false) {
    await updateLatestReport(delivery.report.s3, reportLocation);
  }
  // The index follows latest.json: live re-audits map events with what the baseline judged.
  let resourceIndexKey: string | undefined;
  if (reportLocation && delivery.report && outputs.updateLatest !== false && snapshot) {
    resourceIndexKey = await writeResourceIndex(
      delivery.report.s3,
      delivery.report.target,
      resourceIndex(report, snapshot),
    );
  }

  const exported = delivery.securityHub
    ? await exportFindings(report, delivery.securityHub, progress)
    : undefined;
  return {
    report,
    ...(reportLocation ? { reportLocation } : {}),
    alerts,
    ...(alertMessageIds ? { alertMessageIds } : {}),
    ...(alertsAlreadySent ? { alertsAlreadySent } : {}),
    ...(resourceIndexKey ? { resourceIndexKey } : {}),
    ...exported,
  };
}

async function exportFindings(
  report: AuditReport,
  target: NonNullable<AuditDelivery['securityHub']>,
  progress: (message: string) => void,
): Promise<{ securityHub: SecurityHubExportResult } | { securityHubProblem: string }> {
  const findings = toAsffFindings(report, { region: target.region, now: new Date(report.completedAt) });
  try {
    const securityHub = await exportToSecurityHub(target.client, findings);
    progress(
      `Security Hub: ${securityHub.imported} finding(s) imported` +
        (securityHub.failed.length > 0
          ? `, ${securityHub.failed.length} refused (${securityHub.failed[0]?.errorCode}).`
          : '.'),
    );
    return { securityHub };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    progress(`Security Hub export failed (the report and alerts are delivered): ${error.message}`);
    return { securityHubProblem: error.message };
  }
}
