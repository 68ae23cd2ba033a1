import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { comparisonBaseline } from '../../shared/changes/comparison-baseline.js';
import { STATUSES } from '../../shared/checks/types.js';
import { scanReport, type Verdict, type Verdicts } from '../support/report-history.js';

// Applications (some outside eu-west-1), checks on them or on a shared stream, any verdict.
const verdicts: fc.Arbitrary<Verdicts> = fc.dictionary(
  fc.constantFrom('c1', 'c2', 'c3', 'c1#stream', 'c2#stream'),
  fc
    .tuple(fc.constantFrom(...STATUSES), fc.constantFrom('critical', 'high', 'low'))
    .map(([status, severity]) => `${status}:${severity}` as Verdict),
);
const scan = fc.dictionary(
  fc.constantFrom('orders', 'clicks', 'billing@us-east-1', 'audit@us-east-1'),
  verdicts,
);

describe('Function: comparisonBaseline', () => {
  it('compares as the whole report compares, whatever the two scans judged', () => {
    fc.assert(
      fc.property(scan, scan, scan, (first, second, third) => {
        // Prepare: a previous report that is itself compared (with changes and trends)
        const previous = compareWithPrevious(scanReport(2, second), scanReport(1, first));
        const current = scanReport(3, third);

        // Act
        const withBaseline = compareWithPrevious(current, comparisonBaseline(previous));

        // Assess
        expect(withBaseline).toEqual(compareWithPrevious(current, previous));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps of a passing finding only its fingerprint and status', () => {
    // Prepare
    const report = scanReport(1, { orders: { c1: 'PASS', c2: 'FAIL' } });

    // Act
    const findings = comparisonBaseline(report).applications[0]?.findings ?? [];
    const pass = findings.find((finding) => finding.status === 'PASS');
    const fail = findings.find((finding) => finding.status === 'FAIL');

    // Assess
    expect({ pass: Object.keys(pass ?? {}).sort(), fail: Object.keys(fail ?? {}).sort() }).toEqual({
      pass: ['fingerprint', 'status'],
      fail: ['checkId', 'fingerprint', 'resourceArn', 'severity', 'status', 'title'],
    });
  });
});
