import type { Check } from '../types.js';

/** The iam-roles checks, in report order. */
export const iamRoleChecks: readonly Check[] = [];
