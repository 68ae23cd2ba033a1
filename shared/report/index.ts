/** The audit report: build it from an evaluation, render it for people. */
export { buildReport, compareFindings } from './build-report.js';
export { markdownChunks, renderMarkdown } from './markdown.js';
export { summaryTable } from './summary-table.js';
export type {
  AuditReport,
  ReportApplication,
  ReportFinding,
  ReportMeta,
  ReportScope,
  ReportSource,
  ReportSummary,
} from './types.js';
export { REPORT_SCHEMA_VERSION } from './types.js';
