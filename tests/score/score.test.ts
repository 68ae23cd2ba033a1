import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, STATUSES } from '../../shared/checks/types.js';
import { gradeFor, scoreAccount, scoreFindings } from '../../shared/score/score.js';
import { finding, findings } from '../support/audit-builders.js';

const NO_COUNTS = { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, MUTED: 0 };
const NO_FAILURES = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

describe('Function: scoreFindings', () => {
  it('returns a null score and grade when there is no finding', () => {
    // Act
    const score = scoreFindings([]);

    // Assess
    expect(score).toEqual({ score: null, grade: null, counts: NO_COUNTS, failedBySeverity: NO_FAILURES });
  });

  it('returns a null score when only NOT_APPLICABLE and info findings exist', () => {
    // Prepare
    const input = [
      finding({ status: 'NOT_APPLICABLE', severity: 'critical' }),
      finding({ status: 'FAIL', severity: 'info' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: null,
      grade: null,
      counts: { ...NO_COUNTS, FAIL: 1, NOT_APPLICABLE: 1 },
      failedBySeverity: { ...NO_FAILURES, info: 1 },
    });
  });

  it('returns 100 and an A when every evaluated finding passes', () => {
    // Prepare
    const input = [finding({ severity: 'critical' }), finding({ severity: 'low' })];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 100,
      grade: 'A',
      counts: { ...NO_COUNTS, PASS: 2 },
      failedBySeverity: NO_FAILURES,
    });
  });

  it('returns the severity-weighted pass rate, rounded', () => {
    // Prepare: a medium PASS earns 3 of 3, a low FAIL earns 0 of 1, a medium FAIL 0 of 3 → 3/7 = 42.9
    const input = [
      finding({ severity: 'medium' }),
      finding({ severity: 'low', status: 'FAIL' }),
      finding({ severity: 'medium', status: 'FAIL' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 43,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 1, FAIL: 2 },
      failedBySeverity: { ...NO_FAILURES, medium: 1, low: 1 },
    });
  });

  it('returns an ERROR as no credit in the denominator, capped at 89', () => {
    // Prepare: 10 critical PASS (100) + 1 low ERROR (0 of 1) → 99 before the cap
    const input = [...findings(10, { severity: 'critical' }), finding({ severity: 'low', status: 'ERROR' })];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 89,
      grade: 'B',
      counts: { ...NO_COUNTS, PASS: 10, ERROR: 1 },
      failedBySeverity: NO_FAILURES,
      cappedBy: 'error',
    });
  });

  it('returns at most 40 (F) when a critical check fails', () => {
    // Prepare: 9 critical PASS (90) of 100 → 90 before the cap
    const input = [
      ...findings(9, { severity: 'critical' }),
      finding({ severity: 'critical', status: 'FAIL' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 40,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 9, FAIL: 1 },
      failedBySeverity: { ...NO_FAILURES, critical: 1 },
      cappedBy: 'critical',
    });
  });

  it('returns at most 70 when a high check fails', () => {
    // Prepare: 9 critical PASS (90) of 95 → 95 before the cap
    const input = [...findings(9, { severity: 'critical' }), finding({ severity: 'high', status: 'FAIL' })];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 70,
      grade: 'C',
      counts: { ...NO_COUNTS, PASS: 9, FAIL: 1 },
      failedBySeverity: { ...NO_FAILURES, high: 1 },
      cappedBy: 'high',
    });
  });

  it('returns at most 40 (F) when a critical check could not verify: the ERROR may hide that failure', () => {
    // Prepare: 9 critical PASS (90) of 100 → 90 before the cap
    const input = [
      ...findings(9, { severity: 'critical' }),
      finding({ severity: 'critical', status: 'ERROR' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 40,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 9, ERROR: 1 },
      failedBySeverity: NO_FAILURES,
      cappedBy: 'critical',
    });
  });

  it('returns at most 70 when a high check could not verify', () => {
    // Prepare: 9 critical PASS (90) of 95 → 95 before the cap
    const input = [...findings(9, { severity: 'critical' }), finding({ severity: 'high', status: 'ERROR' })];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 70,
      grade: 'C',
      counts: { ...NO_COUNTS, PASS: 9, ERROR: 1 },
      failedBySeverity: NO_FAILURES,
      cappedBy: 'high',
    });
  });

  it('returns no higher a score when a failure turns ERROR, as under a failed read', () => {
    // Prepare: the same findings, the critical and the high FAIL unverified instead
    const passes = findings(20, { severity: 'critical' });
    const failed = [
      finding({ severity: 'critical', status: 'FAIL' }),
      finding({ severity: 'high', status: 'FAIL' }),
    ];
    const unread = failed.map((one) => ({ ...one, status: 'ERROR' as const }));

    // Act
    const clean = scoreFindings([...passes, ...failed]);
    const faulty = scoreFindings([...passes, ...unread]);

    // Assess
    expect({ clean: clean.score, faulty: faulty.score, cappedBy: faulty.cappedBy }).toEqual({
      clean: 40,
      faulty: 40,
      cappedBy: 'critical',
    });
  });

  it('never returns a higher score when some PASS or FAIL findings turn ERROR', () => {
    const verdict = fc.record({
      status: fc.constantFrom(...STATUSES),
      severity: fc.constantFrom(...SEVERITIES),
      unread: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(verdict, { maxLength: 30 }), (entries) => {
        // Prepare: the same findings, those drawn unread ERROR as a failed read leaves them
        const clean = entries.map(({ status, severity }) => finding({ status, severity }));
        const faulty = entries.map(({ status, severity, unread }) =>
          finding({
            status: unread && (status === 'PASS' || status === 'FAIL') ? 'ERROR' : status,
            severity,
          }),
        );

        // Act
        const before = scoreFindings(clean).score;
        const after = scoreFindings(faulty).score;

        // Assess
        expect(after === null || before === null || after <= before).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('returns the lowest cap when several apply', () => {
    // Prepare: 20 critical PASS (200) of 220 → 91 before the caps
    const input = [
      ...findings(20, { severity: 'critical' }),
      finding({ severity: 'critical', status: 'FAIL' }),
      finding({ severity: 'high', status: 'FAIL' }),
      finding({ severity: 'high', status: 'ERROR' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 40,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 20, FAIL: 2, ERROR: 1 },
      failedBySeverity: { ...NO_FAILURES, critical: 1, high: 1 },
      cappedBy: 'critical',
    });
  });

  it('returns no cappedBy when the score is already below the cap', () => {
    // Prepare: 1 low PASS (1) of 11 → 9, under the critical cap of 40
    const input = [finding({ severity: 'low' }), finding({ severity: 'critical', status: 'FAIL' })];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 9,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 1, FAIL: 1 },
      failedBySeverity: { ...NO_FAILURES, critical: 1 },
    });
  });

  it('returns info findings in the counts only: they neither score nor cap', () => {
    // Prepare
    const input = [
      finding({ severity: 'critical' }),
      finding({ severity: 'info', status: 'FAIL' }),
      finding({ severity: 'info', status: 'ERROR' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 100,
      grade: 'A',
      counts: { ...NO_COUNTS, PASS: 1, FAIL: 1, ERROR: 1 },
      failedBySeverity: { ...NO_FAILURES, info: 1 },
    });
  });

  it('returns worked example 1 of docs/scoring.md: 92 before caps, 89 (B) after the ERROR cap', () => {
    // Prepare
    const input = [
      ...findings(2, { severity: 'critical' }),
      ...findings(3, { severity: 'high' }),
      ...findings(4, { severity: 'medium' }),
      finding({ severity: 'medium', status: 'FAIL' }),
      ...findings(2, { severity: 'low' }),
      finding({ severity: 'low', status: 'ERROR' }),
      finding({ severity: 'info', status: 'FAIL' }),
      ...findings(2, { severity: 'high', status: 'NOT_APPLICABLE' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 89,
      grade: 'B',
      counts: { PASS: 11, FAIL: 2, ERROR: 1, NOT_APPLICABLE: 2, MUTED: 0 },
      failedBySeverity: { ...NO_FAILURES, medium: 1, info: 1 },
      cappedBy: 'error',
    });
  });

  it('returns worked example 2 of docs/scoring.md: 84 before caps, 40 (F) after the critical cap', () => {
    // Prepare
    const input = [
      ...findings(3, { severity: 'critical' }),
      finding({ severity: 'critical', status: 'FAIL' }),
      ...findings(4, { severity: 'high' }),
      ...findings(2, { severity: 'medium' }),
      finding({ severity: 'low', status: 'FAIL' }),
    ];

    // Act
    const score = scoreFindings(input);

    // Assess
    expect(score).toEqual({
      score: 40,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 9, FAIL: 2 },
      failedBySeverity: { ...NO_FAILURES, critical: 1, low: 1 },
      cappedBy: 'critical',
    });
  });
});

describe('Function: gradeFor', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [70, 'C'],
    [69, 'D'],
    [60, 'D'],
    [59, 'F'],
    [0, 'F'],
  ])('returns the grade of %i: %s', (score, grade) => {
    // Act
    const result = gradeFor(score);

    // Assess
    expect(result).toBe(grade);
  });
});

describe('Function: scoreAccount', () => {
  it('returns a null score when there is no application', () => {
    // Act
    const score = scoreAccount([]);

    // Assess
    expect(score).toEqual({ score: null, grade: null, counts: NO_COUNTS, failedBySeverity: NO_FAILURES });
  });

  it('returns the account of docs/scoring.md: both worked examples, 88 before caps, 40 (F) after', () => {
    // Prepare
    const example1 = [
      ...findings(2, { severity: 'critical' }),
      ...findings(3, { severity: 'high' }),
      ...findings(4, { severity: 'medium' }),
      finding({ severity: 'medium', status: 'FAIL' }),
      ...findings(2, { severity: 'low' }),
      finding({ severity: 'low', status: 'ERROR' }),
    ];
    const example2 = [
      ...findings(3, { severity: 'critical' }),
      finding({ severity: 'critical', status: 'FAIL' }),
      ...findings(4, { severity: 'high' }),
      ...findings(2, { severity: 'medium' }),
      finding({ severity: 'low', status: 'FAIL' }),
    ];

    // Act
    const score = scoreAccount([{ findings: example1 }, { findings: example2 }]);

    // Assess
    expect(score).toEqual({
      score: 40,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 20, FAIL: 3, ERROR: 1 },
      failedBySeverity: { ...NO_FAILURES, critical: 1, medium: 1, low: 1 },
      cappedBy: 'critical',
    });
  });

  it('returns the score over every finding, so one application’s cap binds the account', () => {
    // Prepare: 10 clean critical PASS in one app, 1 critical FAIL in the other → 91 before the cap
    const applications = [
      { findings: findings(10, { severity: 'critical' }) },
      { findings: [finding({ severity: 'critical', status: 'FAIL' })] },
    ];

    // Act
    const score = scoreAccount(applications);

    // Assess
    expect(score).toEqual({
      score: 40,
      grade: 'F',
      counts: { ...NO_COUNTS, PASS: 10, FAIL: 1 },
      failedBySeverity: { ...NO_FAILURES, critical: 1 },
      cappedBy: 'critical',
    });
  });
});
