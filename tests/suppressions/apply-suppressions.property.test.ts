import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckStatus, type Finding, STATUSES } from '../../shared/checks/types.js';
import type { AccountEvaluation } from '../../shared/evaluate/evaluate-account.js';
import { applySuppressions } from '../../shared/suppressions/apply-suppressions.js';
import type { SuppressionMatcher, SuppressionRule } from '../../shared/suppressions/types.js';
import { applicationArn, applicationEvaluation, finding } from '../support/audit-builders.js';
import { rule, suppressionSet } from './support/suppression-builders.js';

// Muting must only ever take away FAIL and ERROR verdicts that a live rule covers: checked here
// against generated evaluations and rules, with an oracle that knows only exact and `prefix*`.
const RUNS = { numRuns: 200 };
const NOW = new Date('2027-01-15T00:00:00Z');

const ACCOUNTS = ['111122223333', '444455556666'] as const;
const REGIONS = ['eu-west-1', 'us-east-1'] as const;
const NAMES = ['orders', 'orders-raw', 'clicks', 'legacy-sql-a'] as const;
const CHECKS = ['kms-key-rotation', 'kms-key-enabled', 'cloudtrail-region-logging'] as const;
const RESOURCES = [
  'arn:aws:kms:eu-west-1:111122223333:key/1234',
  'arn:aws:s3:::orders-data',
  'arn:aws:cloudtrail:us-east-1:111122223333:trail/main',
] as const;
const CHECK_STATUSES = STATUSES.filter((status): status is CheckStatus => status !== 'MUTED');

/** Exact, `prefix*` or `*`, derived from one of the values. */
function patterns(values: readonly string[]) {
  return fc
    .tuple(fc.constantFrom(...values), fc.nat(), fc.boolean())
    .map(([value, cut, star]) => (star ? `${value.slice(0, cut % (value.length + 1))}*` : value));
}

const applicationValues = NAMES.flatMap((name) => [name, ...REGIONS.map((r) => applicationArn(name, r))]);

const rules = fc
  .record(
    {
      account: patterns(ACCOUNTS),
      region: patterns(REGIONS),
      application: patterns(applicationValues),
      check: patterns(CHECKS),
      resource: patterns(RESOURCES),
    },
    { requiredKeys: [] },
  )
  .chain((match) =>
    fc.record({
      match: fc.constant(match),
      expires: fc.constantFrom('2026-06-01', '2027-01-15', '2027-01-16', '2030-01-01'),
      ruleId: fc.string({ minLength: 1, maxLength: 6 }),
    }),
  )
  .map((parts) => rule(parts));

const findings = fc
  .record({
    status: fc.constantFrom(...CHECK_STATUSES),
    checkId: fc.constantFrom(...CHECKS),
    resourceArn: fc.constantFrom(...RESOURCES),
  })
  .map((parts) => finding(parts));

const evaluations = fc
  .record({
    accountId: fc.constantFrom(...ACCOUNTS),
    applications: fc.array(
      fc.record({
        name: fc.constantFrom(...NAMES),
        region: fc.constantFrom(...REGIONS),
        findings: fc.array(findings, { maxLength: 6 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(
    ({ accountId, applications }): AccountEvaluation => ({
      accountId,
      partition: 'aws',
      regions: [...REGIONS],
      applications: applications.map(({ name, region, findings: found }) =>
        applicationEvaluation(name, found, { region }),
      ),
    }),
  );

function oracleFits(pattern: string | undefined, ...values: string[]): boolean {
  if (pattern === undefined) return true;
  return values.some((value) =>
    pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern,
  );
}

/** Whether some rule live at NOW covers the finding, by the oracle's matching. */
function coveredByLiveRule(
  ruleSet: SuppressionRule[],
  evaluation: AccountEvaluation,
  applicationIndex: number,
  found: Finding,
): boolean {
  const application = evaluation.applications[applicationIndex]!;
  const values: Record<SuppressionMatcher, string[]> = {
    account: [evaluation.accountId],
    region: [application.region],
    application: [application.applicationName, application.applicationArn],
    check: [found.checkId],
    resource: [found.resourceArn],
  };
  return ruleSet.some(
    (candidate) =>
      candidate.expires > '2027-01-15' &&
      Object.entries(values).every(([matcher, candidates]) =>
        oracleFits(candidate.match[matcher as SuppressionMatcher], ...candidates),
      ),
  );
}

describe('Function: applySuppressions (properties)', () => {
  it('returns every PASS and NOT_APPLICABLE finding as it was', () => {
    fc.assert(
      fc.property(evaluations, fc.array(rules, { maxLength: 5 }), (evaluation, ruleSet) => {
        // Act
        const result = applySuppressions(evaluation, suppressionSet(ruleSet), NOW);

        // Assess
        result.evaluation.applications.forEach((application, a) => {
          application.findings.forEach((after, f) => {
            const before = evaluation.applications[a]!.findings[f]!;
            if (before.status === 'PASS' || before.status === 'NOT_APPLICABLE') expect(after).toEqual(before);
          });
        });
      }),
      RUNS,
    );
  });

  it('returns untouched every finding no live rule matches, and mutes every FAIL or ERROR one matches', () => {
    fc.assert(
      fc.property(evaluations, fc.array(rules, { maxLength: 5 }), (evaluation, ruleSet) => {
        // Act
        const result = applySuppressions(evaluation, suppressionSet(ruleSet), NOW);

        // Assess
        let muted = 0;
        result.evaluation.applications.forEach((application, a) => {
          application.findings.forEach((after, f) => {
            const before = evaluation.applications[a]!.findings[f]!;
            const mutable = before.status === 'FAIL' || before.status === 'ERROR';
            if (mutable && coveredByLiveRule(ruleSet, evaluation, a, before)) {
              muted += 1;
              expect(after).toEqual({ ...before, status: 'MUTED', suppression: expect.any(Object) });
            } else {
              expect(after).toEqual(before);
            }
          });
        });
        expect(result.summary.applied).toBe(muted);
        expect(result.summary.expired.length).toBe(ruleSet.filter((r) => r.expires <= '2027-01-15').length);
      }),
      RUNS,
    );
  });
});
