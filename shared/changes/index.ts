/** Change tracking: each scan against the account's previous report. */
export { type CompareOptions, compareWithPrevious } from './compare-with-previous.js';
export { mergePartialScan, type PartialMergeOptions } from './merge-partial-scan.js';
export { type PreviousReport, parsePreviousReport, previousReportProblem } from './previous-report.js';
export { inScope, resolvedFindings } from './resolved-findings.js';
