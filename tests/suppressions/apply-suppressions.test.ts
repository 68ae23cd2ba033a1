import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/checks/types.js';
import type { AccountEvaluation } from '../../shared/evaluate/evaluate-account.js';
import { applySuppressions } from '../../shared/suppressions/apply-suppressions.js';
import type { SuppressionRule } from '../../shared/suppressions/types.js';
import { accountEvaluation, applicationEvaluation, finding } from '../support/audit-builders.js';
import { rule, SOURCE, suppressionSet } from './support/suppression-builders.js';

const BEFORE_EXPIRY = new Date('2027-01-31T23:59:59.999Z');
const TRAIL = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main';
const LEGACY_ARN = 'arn:aws:kinesisanalytics:us-east-1:111122223333:application/legacy-sql-orders';

/** A FAIL of cloudtrail-region-logging on the legacy-sql-orders application in us-east-1. */
function trailFailure(overrides: Partial<Finding> = {}): Finding {
  return finding({
    checkId: 'cloudtrail-region-logging',
    bestPractice: 'cloudtrail',
    status: 'FAIL',
    resourceArn: TRAIL,
    title: 'CloudTrail logs the region',
    detail: 'No trail logs management events in us-east-1.',
    ...overrides,
  });
}

function legacyEvaluation(findings: Finding[]): AccountEvaluation {
  return accountEvaluation([applicationEvaluation('legacy-sql-orders', findings, { region: 'us-east-1' })]);
}

/** The evaluation with its only application's findings replaced. */
function withFindings(evaluation: AccountEvaluation, findings: Finding[]): AccountEvaluation {
  const [application] = evaluation.applications;
  return { ...evaluation, applications: [{ ...application!, findings }] };
}

/** What a finding becomes once `applied` mutes it. */
function muted(original: Finding, applied: SuppressionRule): Finding {
  return {
    ...original,
    status: 'MUTED',
    suppression: {
      ruleId: applied.ruleId,
      justification: applied.justification,
      expires: applied.expires,
      source: applied.source,
      line: applied.line,
    },
  };
}

describe('Function: applySuppressions', () => {
  it.each([
    { matches: true, match: { check: 'cloudtrail-region-logging' } },
    { matches: true, match: { check: 'cloudtrail-*' } },
    { matches: false, match: { check: 'cloudtrail' } },
    { matches: false, match: { check: 'CloudTrail-region-logging' } },
    { matches: true, match: { application: 'legacy-sql-*' } },
    { matches: true, match: { application: LEGACY_ARN } },
    { matches: true, match: { application: 'arn:aws:kinesisanalytics:*:application/legacy-*' } },
    { matches: false, match: { application: 'legacy' } },
    { matches: false, match: { application: 'Legacy-sql-*' } },
    { matches: true, match: { region: 'us-east-1' } },
    { matches: true, match: { region: 'us-*' } },
    { matches: false, match: { region: 'eu-west-1' } },
    { matches: true, match: { account: '111122223333' } },
    { matches: false, match: { account: '444455556666' } },
    { matches: false, match: { account: '11112222333' } },
    { matches: true, match: { resource: 'arn:aws:cloudtrail:*' } },
    { matches: true, match: { resource: '*:trail/main' } },
    { matches: false, match: { resource: 'arn:aws:s3:::*' } },
    { matches: false, match: { resource: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/mai' } },
    {
      matches: true,
      match: {
        account: '111122223333',
        region: 'us-east-1',
        application: 'legacy-sql-*',
        check: 'cloudtrail-region-logging',
        resource: 'arn:aws:cloudtrail:*',
      },
    },
    {
      matches: false,
      match: {
        account: '111122223333',
        region: 'eu-west-1',
        application: 'legacy-sql-*',
        check: 'cloudtrail-region-logging',
        resource: 'arn:aws:cloudtrail:*',
      },
    },
  ])('returns the failure muted=$matches for $match', ({ matches, match }) => {
    // Prepare
    const failure = trailFailure();
    const evaluation = legacyEvaluation([failure]);
    const suppression = rule({ match });

    // Act
    const result = applySuppressions(evaluation, suppressionSet([suppression]), BEFORE_EXPIRY);

    // Assess
    expect(result).toEqual({
      evaluation: withFindings(evaluation, [matches ? muted(failure, suppression) : failure]),
      summary: { source: SOURCE, rules: 1, applied: matches ? 1 : 0, expired: [] },
    });
  });

  it('returns FAIL and ERROR findings muted, and PASS and NOT_APPLICABLE ones as they were', () => {
    // Prepare
    const findings = [
      trailFailure(),
      trailFailure({ status: 'ERROR', detail: 'Could not list trails.' }),
      trailFailure({ status: 'PASS', detail: 'Trail main logs us-east-1.' }),
      trailFailure({ status: 'NOT_APPLICABLE', detail: 'Nothing to judge.' }),
    ];
    const evaluation = legacyEvaluation(findings);
    const suppression = rule();

    // Act
    const result = applySuppressions(evaluation, suppressionSet([suppression]), BEFORE_EXPIRY);

    // Assess
    expect(result).toEqual({
      evaluation: withFindings(evaluation, [
        muted(findings[0]!, suppression),
        muted(findings[1]!, suppression),
        findings[2]!,
        findings[3]!,
      ]),
      summary: { source: SOURCE, rules: 1, applied: 2, expired: [] },
    });
  });

  it('returns the finding muted by the first matching rule of the file', () => {
    // Prepare
    const failure = trailFailure();
    const evaluation = legacyEvaluation([failure]);
    const unrelated = rule({ ruleId: 'other-check', match: { check: 'kms-key-rotation' }, line: 3 });
    const first = rule({ ruleId: 'by-application', match: { application: 'legacy-*' }, line: 8 });
    const second = rule({ ruleId: 'by-check', line: 13 });

    // Act
    const result = applySuppressions(evaluation, suppressionSet([unrelated, first, second]), BEFORE_EXPIRY);

    // Assess
    expect(result).toEqual({
      evaluation: withFindings(evaluation, [muted(failure, first)]),
      summary: { source: SOURCE, rules: 3, applied: 1, expired: [] },
    });
  });

  it('returns the failure muted on the last instant before the expiry day', () => {
    // Prepare
    const failure = trailFailure();
    const evaluation = legacyEvaluation([failure]);
    const suppression = rule({ expires: '2027-02-01' });

    // Act
    const result = applySuppressions(evaluation, suppressionSet([suppression]), BEFORE_EXPIRY);

    // Assess
    expect(result).toEqual({
      evaluation: withFindings(evaluation, [muted(failure, suppression)]),
      summary: { source: SOURCE, rules: 1, applied: 1, expired: [] },
    });
  });

  it.each([
    { when: 'at 00:00 UTC on the expiry day', now: '2027-02-01T00:00:00.000Z' },
    { when: 'late on the expiry day', now: '2027-02-01T23:59:59.999Z' },
    { when: 'the day after the expiry day', now: '2027-02-02T12:00:00.000Z' },
  ])('returns the failure unmuted and the rule as expired $when', ({ now }) => {
    // Prepare
    const failure = trailFailure();
    const evaluation = legacyEvaluation([failure]);
    const suppression = rule({ expires: '2027-02-01' });

    // Act
    const result = applySuppressions(evaluation, suppressionSet([suppression]), new Date(now));

    // Assess
    expect(result).toEqual({
      evaluation,
      summary: {
        source: SOURCE,
        rules: 1,
        applied: 0,
        expired: [
          {
            ruleId: 'legacy-cloudtrail',
            line: 3,
            expires: '2027-02-01',
            justification: 'Decommissioned 2027-01; CloudTrail is owned by the platform team (SEC-123).',
          },
        ],
      },
    });
  });

  it('returns a later rule muting what an expired earlier rule no longer covers', () => {
    // Prepare
    const failure = trailFailure();
    const evaluation = legacyEvaluation([failure]);
    const lapsed = rule({ ruleId: 'lapsed', expires: '2026-11-01', line: 3 });
    const renewed = rule({ ruleId: 'renewed', expires: '2027-06-01', line: 8 });

    // Act
    const result = applySuppressions(evaluation, suppressionSet([lapsed, renewed]), BEFORE_EXPIRY);

    // Assess
    expect(result).toEqual({
      evaluation: withFindings(evaluation, [muted(failure, renewed)]),
      summary: {
        source: SOURCE,
        rules: 2,
        applied: 1,
        expired: [{ ruleId: 'lapsed', line: 3, expires: '2026-11-01', justification: lapsed.justification }],
      },
    });
  });

  it('returns the count of findings muted across applications, leaving the input unchanged', () => {
    // Prepare
    const evaluation = accountEvaluation([
      applicationEvaluation('legacy-sql-orders', [trailFailure()], { region: 'us-east-1' }),
      applicationEvaluation('legacy-sql-clicks', [
        trailFailure(),
        trailFailure({ checkId: 'kms-key-rotation' }),
      ]),
    ]);
    const before = structuredClone(evaluation);
    const suppression = rule();

    // Act
    const result = applySuppressions(evaluation, suppressionSet([suppression]), BEFORE_EXPIRY);

    // Assess
    const [orders, clicks] = before.applications;
    expect(result).toEqual({
      evaluation: {
        ...before,
        applications: [
          { ...orders!, findings: [muted(orders!.findings[0]!, suppression)] },
          { ...clicks!, findings: [muted(clicks!.findings[0]!, suppression), clicks!.findings[1]] },
        ],
      },
      summary: { source: SOURCE, rules: 1, applied: 2, expired: [] },
    });
    expect(evaluation).toEqual(before);
  });

  it('returns the evaluation as it was for a file with no rules', () => {
    // Prepare
    const evaluation = legacyEvaluation([trailFailure()]);

    // Act
    const result = applySuppressions(evaluation, suppressionSet([]), BEFORE_EXPIRY);

    // Assess
    expect(result).toEqual({
      evaluation,
      summary: { source: SOURCE, rules: 0, applied: 0, expired: [] },
    });
  });
});
