import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { mergePartialScan } from '../../shared/changes/merge-partial-scan.js';
import type { Check } from '../../shared/checks/types.js';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import { buildReport } from '../../shared/report/build-report.js';
import type { AuditReport } from '../../shared/report/types.js';
import { parseSnapshotText } from '../../shared/snapshot/read.js';
import { accountEvaluation, applicationEvaluation, finding, reportMeta } from '../support/audit-builders.js';
import { scanReport, withoutSessionsIn } from '../support/time-limit-fixtures.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
);
const example = parseSnapshotText(
  readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8'),
  'example-account.json',
);
// ajv-formats is CommonJS: under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule.default;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema as object);

// One check per status, so the report holds every shape a finding can take.
const everyStatus: Check = {
  metadata: {
    id: 'schema-probe',
    title: 'Schema probe',
    bestPractice: 'operations',
    severity: 'medium',
    description: 'Probes the report schema.',
    logic: 'Returns one outcome per status.',
    risk: 'None.',
    remediation: {
      console: 'Nothing to do.',
      cli: 'true',
      cloudformation: 'Nothing to do.',
      references: ['https://docs.aws.amazon.com/managed-flink/'],
    },
  },
  evaluate: ({ application }) =>
    (['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE'] as const).map((status) => ({
      status,
      resourceArn: application.ApplicationARN,
      detail: `${application.ApplicationName} is ${status}.`,
    })),
};

function exampleReport(): AuditReport {
  const evaluation = evaluateAccount(example, {}, [everyStatus]);
  return buildReport(
    evaluation,
    reportMeta({
      collectionErrors: [
        { operation: 'kms:DescribeKey', region: 'eu-west-1', code: 'AccessDenied', message: 'no' },
      ],
      complete: false,
    }),
  );
}

describe('Schema: report.schema.json', () => {
  it('accepts a report built from the example account, dependency graphs included', () => {
    // Prepare
    const report = exampleReport();

    // Act
    const valid = validate(report);

    // Assess
    expect({ valid, errors: validate.errors }).toEqual({ valid: true, errors: null });
    // The graphs must be real ones, or the node and edge definitions went untested.
    expect(report.applications.map(({ dependencyGraph }) => dependencyGraph.edges.length > 0)).toEqual([
      true,
      true,
    ]);
  });

  it('accepts the report of the example account judged by every registered check', () => {
    // Prepare
    const report = buildReport(evaluateAccount(example), reportMeta());

    // Act
    const valid = validate(report);

    // Assess
    expect({ valid, errors: validate.errors }).toEqual({ valid: true, errors: null });
  });

  it('accepts a report with no application and an unscored one', () => {
    // Prepare
    const evaluation = accountEvaluation([
      applicationEvaluation('idle', [finding({ status: 'NOT_APPLICABLE' })]),
    ]);
    const report = buildReport(evaluation, reportMeta({ scope: { regions: 'all', applications: ['idle'] } }));

    // Act
    const valid = validate(report);

    // Assess
    expect({ valid, errors: validate.errors }).toEqual({ valid: true, errors: null });
  });

  it('accepts a time-limited scan merged into the previous report: what was not reached, with the scan that judged it', () => {
    // Prepare
    const previous = compareWithPrevious(scanReport(example, '20261101T020000Z-00000001'), undefined);
    const report = mergePartialScan(previous, scanReport(withoutSessionsIn(), '20261102T020000Z-00000002'));

    // Act
    const valid = validate(report);

    // Assess
    expect({ valid, errors: validate.errors }).toEqual({ valid: true, errors: null });
    expect(report.notReached?.applications[0]?.judgedIn).toBe('20261101T020000Z-00000001');
  });

  it('rejects a report with a field the schema does not know', () => {
    // Prepare
    const report = { ...exampleReport(), accountAlias: 'prod' };

    // Act
    const valid = validate(report);

    // Assess
    expect({
      valid,
      errors: validate.errors?.map(({ instancePath, keyword }) => ({ instancePath, keyword })),
    }).toEqual({
      valid: false,
      errors: [{ instancePath: '', keyword: 'additionalProperties' }],
    });
  });

  it('rejects a finding with an unknown status', () => {
    // Prepare
    const report = exampleReport();
    const [application] = report.applications;
    const broken = {
      ...report,
      applications: [
        { ...application, findings: [{ ...application?.findings[0], status: 'WARN' }] },
        ...report.applications.slice(1),
      ],
    };

    // Act
    const valid = validate(broken);

    // Assess
    expect({
      valid,
      errors: validate.errors?.map(({ instancePath, keyword }) => ({ instancePath, keyword })),
    }).toEqual({
      valid: false,
      // Not a status that asks for action, so its remediation is out of place too.
      errors: [
        { instancePath: '/applications/0/findings/0/remediation', keyword: 'false schema' },
        { instancePath: '/applications/0/findings/0', keyword: 'if' },
        { instancePath: '/applications/0/findings/0/status', keyword: 'enum' },
      ],
    });
  });

  it.each([
    { status: 'FAIL', change: 'without', at: '', keyword: 'required' },
    { status: 'ERROR', change: 'without', at: '', keyword: 'required' },
    { status: 'PASS', change: 'with', at: '/remediation', keyword: 'false schema' },
    { status: 'NOT_APPLICABLE', change: 'with', at: '/remediation', keyword: 'false schema' },
  ] as const)('rejects a $status finding $change remediation', ({ status, change, at, keyword }) => {
    // Prepare
    const report = exampleReport();
    const [application] = report.applications;
    const position = application?.findings.findIndex((candidate) => candidate.status === status) ?? -1;
    const found = application?.findings[position];
    const remediation = everyStatus.metadata.remediation;
    const { remediation: _dropped, ...bare } = found ?? { remediation };
    const edited = change === 'with' ? { ...bare, remediation } : bare;
    const broken = {
      ...report,
      applications: [
        { ...application, findings: application?.findings.map((f, i) => (i === position ? edited : f)) },
        ...report.applications.slice(1),
      ],
    };

    // Act
    const valid = validate(broken);

    // Assess
    expect({
      valid,
      errors: validate.errors?.map(({ instancePath, keyword }) => ({ instancePath, keyword })),
    }).toEqual({
      valid: false,
      errors: [
        { instancePath: `/applications/0/findings/${position}${at}`, keyword },
        { instancePath: `/applications/0/findings/${position}`, keyword: 'if' },
      ],
    });
  });

  it('accepts a MUTED finding with its remediation and suppression rule', () => {
    // Prepare
    const suppression = {
      ruleId: 'r1',
      justification: 'Accepted.',
      expires: '2027-01-01',
      source: 's',
      line: 1,
    };
    const evaluation = accountEvaluation([
      applicationEvaluation('orders', [finding({ status: 'MUTED', suppression })]),
    ]);
    const report = buildReport(evaluation, reportMeta());

    // Act
    const valid = validate(report);

    // Assess
    expect({ valid, errors: validate.errors }).toEqual({ valid: true, errors: null });
    expect(report.applications[0]?.findings[0]?.remediation).toEqual(finding().remediation);
  });

  it('rejects a report without its score', () => {
    // Prepare
    const { score: _score, ...report } = exampleReport();

    // Act
    const valid = validate(report);

    // Assess
    expect({
      valid,
      errors: validate.errors?.map(({ instancePath, keyword }) => ({ instancePath, keyword })),
    }).toEqual({
      valid: false,
      errors: [{ instancePath: '', keyword: 'required' }],
    });
  });
});
