import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/audit.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { reportJsonBytes } from '../../shared/publish/report-json.js';

describe('Function: reportJsonBytes', () => {
  it('gives the bytes of JSON.stringify(report, null, 2) for the demo report', async () => {
    // Prepare
    const { report } = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount });

    // Act
    const bytes = reportJsonBytes(report);

    // Assess
    expect(bytes.toString('utf-8')).toBe(JSON.stringify(report, null, 2));
  });

  it('gives the bytes of JSON.stringify(value, null, 2) for any JSON object, empty lists and undefined values included', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined))),
        fc.array(fc.jsonValue()),
        (rest, applications) => {
          const value = { ...rest, applications };
          expect(reportJsonBytes(value).toString('utf-8')).toBe(JSON.stringify(value, null, 2));
        },
      ),
    );
  });
});
