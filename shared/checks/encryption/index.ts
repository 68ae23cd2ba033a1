import type { Check } from '../types.js';

/** The encryption checks, in report order. */
export const encryptionChecks: readonly Check[] = [];
