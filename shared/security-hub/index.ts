/** Security Hub export: the report as ASFF findings (pure); shared/publish/export-security-hub.ts sends them. */
export { ASFF_LIMITS, fitToLength } from './asff-limits.js';
export { asffResource, asffResourceType } from './asff-resource.js';
export {
  ASFF_FINDING_TYPES,
  ASFF_SCHEMA_VERSION,
  type AsffOptions,
  toAsffFindings,
} from './to-asff-findings.js';
