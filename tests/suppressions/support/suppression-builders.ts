import { SuppressionFileError } from '../../../shared/errors.js';
import type { SuppressionRule, SuppressionSet } from '../../../shared/suppressions/types.js';

/** Builders for suppression rules and files used by the suppression tests. */

export const SOURCE = 'suppressions.yaml';

/** A valid rule muting one check, expiring on 2027-02-01. */
export function rule(overrides: Partial<SuppressionRule> = {}): SuppressionRule {
  return {
    ruleId: 'legacy-cloudtrail',
    match: { check: 'cloudtrail-region-logging' },
    justification: 'Decommissioned 2027-01; CloudTrail is owned by the platform team (SEC-123).',
    expires: '2027-02-01',
    source: SOURCE,
    line: 3,
    ...overrides,
  };
}

/** A set of the given rules, from SOURCE. */
export function suppressionSet(rules: SuppressionRule[]): SuppressionSet {
  return { source: SOURCE, rules };
}

/** A suppression file: `version: 1` and the given rule lines (already indented under `suppressions:`). */
export function suppressionFile(...ruleLines: string[]): string {
  return ['version: 1', 'suppressions:', ...ruleLines, ''].join('\n');
}

/** The SuppressionFileError `act` throws, or undefined when it throws nothing (the test then fails). */
export function suppressionFileError(act: () => unknown): SuppressionFileError | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof SuppressionFileError) return error;
    throw error;
  }
  return undefined;
}
