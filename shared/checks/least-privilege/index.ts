import type { Check } from '../types.js';

/** The least-privilege checks, in report order. */
export const leastPrivilegeChecks: readonly Check[] = [];
