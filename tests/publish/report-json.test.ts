import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/audit.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { reportJsonChunks } from '../../shared/publish/report-json.js';

function joined(value: object): string {
  return Buffer.concat([...reportJsonChunks(value)].map((chunk) => Buffer.from(chunk))).toString('utf-8');
}

describe('Function: reportJsonChunks', () => {
  it('gives the bytes of JSON.stringify(report, null, 2) for the demo report, one piece per application', async () => {
    // Prepare
    const { report } = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount });

    // Act
    const chunks = [...reportJsonChunks(report)];

    // Assess
    expect(joined(report)).toBe(JSON.stringify(report, null, 2));
    for (const application of report.applications) {
      expect(
        chunks.filter((chunk) => chunk.includes(JSON.stringify(application.applicationArn))),
      ).toHaveLength(1);
    }
  });

  it('gives the bytes of JSON.stringify(value, null, 2) for any JSON object, empty lists and undefined values included', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined))),
        fc.array(fc.jsonValue()),
        (rest, applications) => {
          const value = { ...rest, applications };
          expect(joined(value)).toBe(JSON.stringify(value, null, 2));
        },
      ),
    );
  });
});
