import type { Check } from '../types.js';

/** The cloudtrail checks, in report order. */
export const cloudTrailChecks: readonly Check[] = [];
