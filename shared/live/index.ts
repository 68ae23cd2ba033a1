/** Live re-audit: from a CloudTrail change event to the applications to audit again, merged into latest. */
export { affectedApplications } from './affected-applications.js';
export { coalesce } from './coalesce.js';
export { CHANGE_EVENTS, CLOUDTRAIL_DETAIL_TYPE, isChangeEvent } from './event-kinds.js';
export { type MergeOptions, mergeReaudit, settledApplications } from './merge-reaudit.js';
export { mergeResourceIndex } from './merge-resource-index.js';
export { resourceIndex } from './resource-index.js';
export { type ReauditOptions, type ReauditResult, runReaudit } from './run-reaudit.js';
export type * from './types.js';
