import type { Check } from '../types.js';

/** The operations checks, in report order. */
export const operationsChecks: readonly Check[] = [];
