import { cloudTrailChecks } from './cloudtrail/index.js';
import { encryptionChecks } from './encryption/index.js';
import { iamRoleChecks } from './iam-roles/index.js';
import { leastPrivilegeChecks } from './least-privilege/index.js';
import { operationsChecks } from './operations/index.js';
import type { Check } from './types.js';

/** Every check kda-auditor runs, grouped by best practice. */
export const CHECKS: readonly Check[] = [
  ...leastPrivilegeChecks,
  ...iamRoleChecks,
  ...encryptionChecks,
  ...cloudTrailChecks,
  ...operationsChecks,
];

/** A check by id, or undefined. */
export function checkById(id: string): Check | undefined {
  return CHECKS.find((check) => check.metadata.id === id);
}
