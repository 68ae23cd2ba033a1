/** Delivery: the report to S3, the alert to SNS. */
export { publishAlert } from './publish-alert.js';
export { type ReportLocation, type ReportTarget, reportKeys, writeReport } from './write-report.js';
