import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { scanReport } from '../support/report-history.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
);
// ajv-formats is CommonJS: under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema as object);

describe('Function: compareWithPrevious (report schema)', () => {
  it('returns a report the schema accepts, with changes, resolved findings, change and trend', () => {
    // Prepare
    const first = compareWithPrevious(
      scanReport(1, { orders: { c1: 'FAIL', c2: 'PASS' }, clicks: { c1: 'FAIL' } }),
      undefined,
    );
    const second = scanReport(2, { orders: { c1: 'FAIL', c2: 'FAIL', c3: 'MUTED' } });

    // Act
    const report = compareWithPrevious(second, first);

    // Assess
    const valid = validate(report);
    expect([valid, validate.errors ?? [], report.changes?.counts]).toEqual([
      true,
      [],
      { new: 0, persisting: 1, regressed: 1, resolved: 1 },
    ]);
  });
});
