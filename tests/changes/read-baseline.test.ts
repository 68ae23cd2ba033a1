import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/audit.js';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { comparisonBaseline } from '../../shared/changes/comparison-baseline.js';
import { baselineFromReportBytes } from '../../shared/changes/read-baseline.js';
import { STATUSES } from '../../shared/checks/types.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { reportJsonChunks } from '../../shared/publish/report-json.js';
import type { AuditReport } from '../../shared/report/types.js';
import { scanReport, type Verdict, type Verdicts } from '../support/report-history.js';

/** A report's bytes as kda-auditor writes them (report-json.ts). */
function written(report: AuditReport): Buffer {
  return Buffer.from([...reportJsonChunks(report)].join(''));
}

const verdicts: fc.Arbitrary<Verdicts> = fc.dictionary(
  fc.constantFrom('c1', 'c2', 'c1#stream'),
  fc
    .tuple(fc.constantFrom(...STATUSES), fc.constantFrom('critical', 'high', 'low'))
    .map(([status, severity]) => `${status}:${severity}` as Verdict),
);
const scan = fc.dictionary(fc.constantFrom('orders', 'clicks', 'billing@us-east-1'), verdicts);

describe('Function: baselineFromReportBytes', () => {
  it('reads the demo report as comparisonBaseline reads it whole', async () => {
    // Prepare
    const { report } = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount });

    // Act
    const baseline = baselineFromReportBytes(written(report));

    // Assess
    expect(baseline).toEqual(comparisonBaseline(report));
  });

  it('reads any compared report as comparisonBaseline reads it whole', () => {
    fc.assert(
      fc.property(scan, scan, (first, second) => {
        // Prepare: names and details with quotes, braces and escaped newlines
        const report = compareWithPrevious(scanReport(2, second), scanReport(1, first));
        const hostile = {
          ...report,
          applications: report.applications.map((application) => ({
            ...application,
            findings: application.findings.map((finding) => ({
              ...finding,
              detail: `{"x": [\n    {"applications": [\n  ]}],\n    {`,
            })),
          })),
        };

        // Act
        const baseline = baselineFromReportBytes(written(hostile));

        // Assess
        expect(baseline).toEqual(comparisonBaseline(hostile));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves to a whole read what is not laid out as kda-auditor writes it, or is of an older schema', () => {
    // Prepare
    const report = compareWithPrevious(scanReport(2, { orders: { c1: 'FAIL' } }), scanReport(1, {}));
    const older = { ...report, schemaVersion: '1.3.0' } as unknown as AuditReport;

    // Act
    const results = {
      compact: baselineFromReportBytes(Buffer.from(JSON.stringify(report))),
      older: baselineFromReportBytes(written(older)),
      notJson: baselineFromReportBytes(Buffer.from('{\n  "applications": [\n    {oops\n  ]\n}')),
    };

    // Assess
    expect(results).toEqual({ compact: undefined, older: undefined, notJson: undefined });
  });
});
