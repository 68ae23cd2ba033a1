import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, STATUSES } from '../../shared/checks/types.js';
import { scoreBasisOf, scoreFindings, scoreFromBases } from '../../shared/score/score.js';
import { finding } from '../support/audit-builders.js';

describe('Function: scoreBasisOf', () => {
  it('returns weights earned and possible and the caps that apply, ignoring info, NOT_APPLICABLE and MUTED', () => {
    // Prepare
    const input = [
      finding({ severity: 'critical', status: 'PASS' }),
      finding({ severity: 'high', status: 'FAIL' }),
      finding({ severity: 'medium', status: 'ERROR' }),
      finding({ severity: 'critical', status: 'MUTED' }),
      finding({ severity: 'low', status: 'NOT_APPLICABLE' }),
      finding({ severity: 'info', status: 'FAIL' }),
    ];

    // Act
    const basis = scoreBasisOf(input);

    // Assess
    expect(basis).toEqual({ earned: 10, possible: 18, caps: ['high', 'error'] });
  });

  it('returns an empty basis for no finding', () => {
    // Act
    const basis = scoreBasisOf([]);

    // Assess
    expect(basis).toEqual({ earned: 0, possible: 0, caps: [] });
  });
});

describe('Function: scoreFromBases', () => {
  it('returns a null score for no basis', () => {
    // Act
    const score = scoreFromBases([]);

    // Assess
    expect(score).toEqual({ score: null, grade: null });
  });

  it('returns the pass rate over every basis, capped by a cap from any of them', () => {
    // Prepare: 19 of 20 → 95, but one region has a critical failure
    const bases = [
      { earned: 10, possible: 10, caps: [] },
      { earned: 9, possible: 10, caps: ['critical' as const] },
    ];

    // Act
    const score = scoreFromBases(bases);

    // Assess
    expect(score).toEqual({ score: 40, grade: 'F', cappedBy: 'critical' });
  });

  it('returns exactly scoreFindings over the union of the findings the bases come from', () => {
    const verdict = fc.record({
      status: fc.constantFrom(...STATUSES),
      severity: fc.constantFrom(...SEVERITIES),
    });
    fc.assert(
      fc.property(fc.array(fc.array(verdict, { maxLength: 10 }), { maxLength: 5 }), (groups) => {
        // Prepare
        const findingGroups = groups.map((group) => group.map((entry) => finding(entry)));

        // Act
        const combined = scoreFromBases(findingGroups.map(scoreBasisOf));

        // Assess
        const { score, grade, cappedBy } = scoreFindings(findingGroups.flat());
        expect(combined).toEqual({ score, grade, ...(cappedBy ? { cappedBy } : {}) });
      }),
      { numRuns: 500 },
    );
  });
});
