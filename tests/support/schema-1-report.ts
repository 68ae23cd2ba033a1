import { checkById } from '../../shared/checks/registry.js';
import type { AuditReport } from '../../shared/report/types.js';
import { finding } from './audit-builders.js';

/**
 * A report as kda-auditor 1.x wrote it (`schemaVersion` 1.3.0): the same report, every finding with
 * its check's remediation, PASS and NOT_APPLICABLE included. What a 2.0.0 scan finds in an account's
 * `latest.json` the first time it runs.
 */
export function schema1Report(report: AuditReport): AuditReport {
  const legacy = {
    ...report,
    schemaVersion: '1.3.0',
    applications: report.applications.map((application) => ({
      ...application,
      findings: application.findings.map((entry) => ({
        ...entry,
        remediation:
          entry.remediation ?? checkById(entry.checkId)?.metadata.remediation ?? finding().remediation,
      })),
    })),
  };
  // The type names the current version only; a 1.x report is what readers must still accept.
  return legacy as unknown as AuditReport;
}
