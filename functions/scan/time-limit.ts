/** The least time kept, by default, to judge, write the report, alert and move latest.json. */
export const DEFAULT_TIME_LIMIT_MARGIN_SECONDS = 30;

// A tenth of the invocation, when that is more than the margin: the report and alerts of a large
// account take longer to write than those of a small one.
const MARGIN_SHARE = 0.1;

/**
 * When a scan stops starting AWS reads: now plus the invocation's remaining time, less the larger
 * of `marginSeconds` and a tenth of that time. With less time left than the margin, now: nothing
 * is read, and the report says what was not reached.
 */
export function scanDeadline(remainingMillis: number, now: Date, marginSeconds: number): Date {
  const margin = Math.max(marginSeconds * 1000, remainingMillis * MARGIN_SHARE);
  return new Date(now.getTime() + Math.max(0, remainingMillis - margin));
}
