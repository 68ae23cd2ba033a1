import { readFileSync } from 'node:fs';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import { buildReport } from '../../shared/report/build-report.js';
import type { AuditReport } from '../../shared/report/types.js';
import { toAsffFindings } from '../../shared/security-hub/to-asff-findings.js';
import { parseSnapshotText } from '../../shared/snapshot/read.js';
import { finding, reportMeta } from '../support/audit-builders.js';
import { EXPORTED_AT, resolvedFinding, scanReport } from '../support/security-hub-fixtures.js';

const schema: unknown = JSON.parse(readFileSync(new URL('./asff.schema.json', import.meta.url), 'utf8'));
const example = parseSnapshotText(
  readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8'),
  'example-account.json',
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema as object);
const options = { region: 'eu-west-1', now: EXPORTED_AT };

/** Every finding that fails the schema, with what is wrong; empty when all pass. */
function invalidFindings(findings: AwsSecurityFinding[]) {
  return findings.flatMap((asff) => {
    const id = asff.Id;
    return validate(asff)
      ? []
      : [{ id, errors: validate.errors?.map(({ instancePath, message }) => `${instancePath} ${message}`) }];
  });
}

/** A report with every exported status, a suppression, a resolved finding and texts past every limit. */
function everyShapeReport(): AuditReport {
  const long = 'x'.repeat(5000);
  const report = scanReport([
    finding({ status: 'FAIL', title: long, detail: long }),
    finding({
      checkId: 'error-check',
      status: 'ERROR',
      remediation: { ...finding().remediation, console: long },
    }),
    finding({ checkId: 'pass-check', status: 'PASS', resourceArn: 'arn:aws:s3:::acme-artifacts/orders.jar' }),
    finding({
      checkId: 'muted-check',
      status: 'MUTED',
      suppression: {
        ruleId: 'r'.repeat(300),
        justification: long,
        expires: '2027-03-31',
        source: 'suppressions.yaml',
        line: 1,
      },
    }),
    finding({
      checkId: 'no-reference',
      status: 'FAIL',
      remediation: { ...finding().remediation, references: [] },
    }),
  ]);
  report.changes = {
    previousScanId: '20261128T020000Z-9f8e7d6c',
    previousCompletedAt: '2026-11-28T02:00:05.000Z',
    counts: { new: 0, persisting: 0, regressed: 0, resolved: 1 },
    resolved: [resolvedFinding()],
  };
  return report;
}

describe('Schema: asff.schema.json', () => {
  it('accepts the ASFF findings of the example account judged by every registered check', () => {
    // Prepare
    const report = buildReport(evaluateAccount(example), reportMeta());

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    expect(findings.length).toBeGreaterThan(20);
    expect(invalidFindings(findings)).toEqual([]);
  });

  it('accepts findings of every status, suppressed and resolved, with texts past every limit', () => {
    // Prepare
    const report = everyShapeReport();

    // Act
    const findings = toAsffFindings(report, options);

    // Assess: in the report's order, worst first, then the resolved one
    expect(findings.map((asff) => asff.ProductFields?.['kda-auditor/status'])).toEqual([
      'FAIL',
      'FAIL',
      'ERROR',
      'MUTED',
      'PASS',
      'RESOLVED',
    ]);
    expect(invalidFindings(findings)).toEqual([]);
  });

  it('rejects a finding without an Id and with a title longer than 256 characters', () => {
    // Prepare
    const [asff] = toAsffFindings(scanReport([finding({ status: 'FAIL' })]), options);
    const { Id: _id, ...withoutId } = { ...asff, Title: 't'.repeat(257) };

    // Act
    const valid = validate(withoutId);

    // Assess
    expect({
      valid,
      errors: validate.errors?.map(({ instancePath, keyword }) => ({ instancePath, keyword })),
    }).toEqual({
      valid: false,
      errors: [
        { instancePath: '', keyword: 'required' },
        { instancePath: '/Title', keyword: 'maxLength' },
      ],
    });
  });
});
