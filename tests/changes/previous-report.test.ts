import { describe, expect, it } from 'vitest';
import { parsePreviousReport, previousReportProblem } from '../../shared/changes/previous-report.js';
import { ACCOUNT_ID } from '../support/audit-builders.js';
import { scanReport } from '../support/report-history.js';
import { schema1Report } from '../support/schema-1-report.js';

const LOCATION = `s3://audit-reports/kda/${ACCOUNT_ID}/latest.json`;
const IGNORED = `The previous report ${LOCATION} was ignored:`;
const NO_TRACKING = 'This scan has no change tracking; the next one compares with this report.';

describe('Function: parsePreviousReport', () => {
  it('returns the report when it is a report of the account', () => {
    // Prepare
    const report = scanReport(1, { orders: { c1: 'FAIL' } });

    // Act
    const previous = parsePreviousReport(JSON.stringify(report), ACCOUNT_ID, LOCATION);

    // Assess
    expect(previous).toEqual({ status: 'found', location: LOCATION, report });
  });

  it('returns a 2.x report as written, rewriting none of its findings', () => {
    // Prepare: a finding without a fingerprint, which 2.x requires, shows whether findings were rewritten
    const report = scanReport(1, { orders: { c1: 'FAIL' } });
    const written = {
      ...report,
      applications: report.applications.map((application) => ({
        ...application,
        findings: application.findings.map(({ fingerprint: _dropped, ...finding }) => finding),
      })),
    };

    // Act
    const previous = parsePreviousReport(JSON.stringify(written), ACCOUNT_ID, LOCATION);

    // Assess
    expect(previous).toEqual({ status: 'found', location: LOCATION, report: written });
  });

  it('returns the report with computed fingerprints when it has none (schema 1.0.0)', () => {
    // Prepare
    const report = scanReport(1, { orders: { c1: 'FAIL', c2: 'PASS' } });
    const legacy = {
      ...report,
      schemaVersion: '1.0.0',
      applications: report.applications.map((application) => ({
        ...application,
        findings: application.findings.map(({ fingerprint: _dropped, ...finding }) => finding),
      })),
    };

    // Act
    const previous = parsePreviousReport(JSON.stringify(legacy), ACCOUNT_ID, LOCATION);

    // Assess
    expect(previous).toEqual({
      status: 'found',
      location: LOCATION,
      report: { ...report, schemaVersion: '1.0.0' },
    });
  });

  it('returns a 1.3.0 report in the 2.0.0 shape: remediation only where action is needed', () => {
    // Prepare
    const report = scanReport(1, {
      orders: { c1: 'FAIL', c2: 'PASS', c3: 'ERROR', c4: 'NOT_APPLICABLE', c5: 'MUTED' },
    });
    const legacy = schema1Report(report);

    // Act
    const previous = parsePreviousReport(JSON.stringify(legacy), ACCOUNT_ID, LOCATION);

    // Assess
    expect(previous).toEqual({
      status: 'found',
      location: LOCATION,
      report: { ...report, schemaVersion: '1.3.0' },
    });
    const findings = previous.status === 'found' ? previous.report.applications[0]?.findings : [];
    expect(findings?.map(({ status, remediation }) => [status, remediation !== undefined])).toEqual([
      ['FAIL', true],
      ['ERROR', true],
      ['MUTED', true],
      ['PASS', false],
      ['NOT_APPLICABLE', false],
    ]);
  });

  it.each([
    {
      name: 'not JSON',
      text: '{"scanId": ',
      reason: `${IGNORED} it is not JSON (Unexpected end of JSON input). ${NO_TRACKING}`,
    },
    {
      name: 'JSON but not a report',
      text: JSON.stringify({ hello: 'world' }),
      reason: `${IGNORED} it is not a kda-auditor report (schemaVersion: Invalid input: expected string, received undefined). ${NO_TRACKING}`,
    },
    {
      name: 'a report with a finding of an unknown status',
      text: JSON.stringify({
        ...scanReport(1, { orders: { c1: 'FAIL' } }),
        applications: [
          { ...scanReport(1, { orders: { c1: 'FAIL' } }).applications[0], findings: [{ status: 'BROKEN' }] },
        ],
      }),
      reason: expect.stringMatching(
        /^.* it is not a kda-auditor report \(applications\.0\.findings\.0\.checkId: /,
      ),
    },
    {
      name: 'a report of another account',
      text: JSON.stringify({ ...scanReport(1, {}), accountId: '444455556666' }),
      reason: `${IGNORED} it is a report of account 444455556666, not ${ACCOUNT_ID}. ${NO_TRACKING}`,
    },
    {
      name: 'a report of a newer schema major',
      text: JSON.stringify({ ...scanReport(1, {}), schemaVersion: '3.0.0' }),
      reason: `${IGNORED} its schemaVersion 3.0.0 has major 3, this kda-auditor reads majors 1 and 2 (upgrade kda-auditor). ${NO_TRACKING}`,
    },
  ])('returns unusable with the reason when the text is $name', ({ text, reason }) => {
    // Act
    const previous = parsePreviousReport(text, ACCOUNT_ID, LOCATION);

    // Assess
    expect(previous).toEqual({ status: 'unusable', location: LOCATION, reason });
  });
});

describe('Function: previousReportProblem', () => {
  it.each([
    { version: '1.0.0', problem: undefined },
    { version: '1.7.2', problem: undefined },
    { version: '2.0.0', problem: undefined },
    {
      version: '0.9.0',
      problem: 'its schemaVersion 0.9.0 has major 0, this kda-auditor reads majors 1 and 2',
    },
    { version: 'latest', problem: 'its schemaVersion "latest" is not a version number' },
  ])('returns $problem for schema version $version', ({ version, problem }) => {
    // Act
    const result = previousReportProblem(
      { accountId: ACCOUNT_ID },
      { accountId: ACCOUNT_ID, schemaVersion: version },
    );

    // Assess
    expect(result).toEqual(problem);
  });
});
