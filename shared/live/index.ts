/** Live re-audit: from a CloudTrail change event to the applications to audit again. */
export { affectedApplications } from './affected-applications.js';
export { coalesce } from './coalesce.js';
export { CHANGE_EVENTS, CLOUDTRAIL_DETAIL_TYPE, isChangeEvent } from './event-kinds.js';
export { resourceIndex } from './resource-index.js';
export type * from './types.js';
