/** Delivery: the report to S3, alerts to SNS, and the previous report back for change tracking. */

export { exportToSecurityHub, type SecurityHubExportResult } from './export-security-hub.js';
export { publishAlerts } from './publish-alert.js';
export { readPreviousReport } from './read-previous-report.js';
export {
  readResourceIndex,
  resourceIndexKey,
  type StoredResourceIndex,
  writeResourceIndex,
} from './resource-index-store.js';
export {
  type ReportLocation,
  type ReportTarget,
  reportKeys,
  updateLatestReport,
  writeReport,
} from './write-report.js';
