import type { AlertEventType } from './alert/alert-payload.js';
import { decideAlerts } from './alert/decide-alerts.js';
import type { AuditOutputs, AuditResult } from './audit.js';
import type { AuditDelivery } from './audit-delivery.js';
import { resourceIndex } from './live/resource-index.js';
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
}

/**
 * Writes the report, publishes the alerts, moves `latest.json`, writes the resource index of live
 * re-audit beside it (when the scan's snapshot is given), exports to Security Hub. Each step runs
 * only once the one before succeeded; a failure throws PublishError and undoes nothing.
 */
export async function deliverReport(
  report: AuditReport,
  delivery: AuditDelivery,
  outputs: AuditOutputs,
  progress: (message: string) => void,
  snapshot?: AccountSnapshot,
  options: DeliveryOptions = {},
): Promise<Omit<AuditResult, 'snapshot'>> {
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
  if (delivery.alert && alerts.length > 0) {
    alertMessageIds = (await publishAlerts(delivery.alert.sns, delivery.alert.topicArn, alerts)).messageIds;
    progress(`${alerts.length} alert(s) published to ${delivery.alert.topicArn}.`);
  }
  if (reportLocation && delivery.report && outputs.updateLatest !== false) {
    await updateLatestReport(delivery.report.s3, reportLocation, report);
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

  let securityHub: SecurityHubExportResult | undefined;
  if (delivery.securityHub) {
    const findings = toAsffFindings(report, {
      region: delivery.securityHub.region,
      now: new Date(report.completedAt),
    });
    securityHub = await exportToSecurityHub(delivery.securityHub.client, findings);
    progress(
      `Security Hub: ${securityHub.imported} finding(s) imported` +
        (securityHub.failed.length > 0
          ? `, ${securityHub.failed.length} refused (${securityHub.failed[0]?.errorCode}).`
          : '.'),
    );
  }
  return {
    report,
    ...(reportLocation ? { reportLocation } : {}),
    alerts,
    ...(alertMessageIds ? { alertMessageIds } : {}),
    ...(resourceIndexKey ? { resourceIndexKey } : {}),
    ...(securityHub ? { securityHub } : {}),
  };
}
