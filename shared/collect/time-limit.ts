import type { CollectionError } from '../snapshot/types.js';

/** The code of a read the scan did not start because it reached its time limit. */
export const TIME_LIMIT_REACHED = 'TimeLimitReached';

/**
 * When a scan stops starting AWS reads: past `deadline` (by `clock`), calls in flight finish and
 * no new one starts, so evaluation, the report, alerts and `latest.json` still fit in the time left.
 */
export interface TimeLimit {
  deadline: Date;
  clock: () => Date;
}

/** Whether the time limit has passed: no new read may start. */
export function pastDeadline(limit: TimeLimit | undefined): boolean {
  return limit !== undefined && limit.clock().getTime() >= limit.deadline.getTime();
}

/** Whether a collection error stands for a read not started (TIME_LIMIT_REACHED), not a failure. */
export function isNotStarted(error: Pick<CollectionError, 'code'>): boolean {
  return error.code === TIME_LIMIT_REACHED;
}

/**
 * Thrown inside the governor when a queued call's turn comes after the deadline: the call is not
 * sent. callAws records it as a TIME_LIMIT_REACHED collection error, so whatever needed the read
 * is unknown (ERROR, never PASS) and the report can name what was not reached.
 */
export class TimeLimitReachedError extends Error {
  constructor(deadline: Date) {
    super(
      `Not started: the scan stopped starting reads at ${deadline.toISOString()} to finish within its time limit.`,
    );
    this.name = TIME_LIMIT_REACHED;
  }
}
