/** Organisation scans: targets, one scan per account × region, aggregation, report and alert. */
export { aggregateOrganization, type OrganizationScanOutcome } from './aggregate.js';
export { listScanTargets, type ScanTargetOptions, type ScanTargets } from './list-scan-targets.js';
export { memberScanResultOf } from './member-scan-result.js';
export { type OrganizationAlertOptions, organizationAlert } from './organization-alert.js';
export { renderOrganizationMarkdown } from './organization-markdown.js';
export { type MapResults, readMapResults } from './read-map-results.js';
export { type MemberScanDependencies, scanMemberTarget } from './scan-member.js';
export * from './types.js';
export {
  type OrganizationReportLocation,
  organizationReportKeys,
  writeOrganizationReport,
} from './write-organization-report.js';
