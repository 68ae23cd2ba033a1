/** Suppressions: rules that mute accepted findings, each with a justification and an expiry. */
export {
  applySuppressions,
  expiryInstant,
  isExpired,
  ruleMatches,
  type SuppressionTarget,
} from './apply-suppressions.js';
export { loadSuppressions, type SuppressionLocation } from './load-suppressions.js';
export { parseSuppressions } from './parse-suppressions.js';
export {
  SUPPRESSION_MATCHERS,
  type SuppressionMatcher,
  type SuppressionRule,
  type SuppressionSet,
} from './types.js';
