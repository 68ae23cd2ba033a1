import type { AwsSecurityFinding, SeverityLabel } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { checkById } from '../../shared/checks/registry.js';
import type { AppliedSuppression } from '../../shared/checks/types.js';
import { toAsffFindings } from '../../shared/security-hub/to-asff-findings.js';
import { ACCOUNT_ID, applicationArn, finding } from '../support/audit-builders.js';
import {
  asffId,
  EXPORTED_AT,
  ordersFingerprint,
  PRODUCT_ARN,
  resolvedFinding,
  scanReport,
} from '../support/security-hub-fixtures.js';

const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/orders-role`;
const SCAN_ID = '20261129T020000Z-0a1b2c3d';
const TYPES = ['Software and Configuration Checks/AWS Security Best Practices'];
const options = { region: 'eu-west-1', now: EXPORTED_AT };

/** The ASFF finding of a `test-check` finding on the orders role, with what a test changes. */
function expectedAsff(
  lifecycle: Pick<AwsSecurityFinding, 'Compliance' | 'Workflow' | 'RecordState'> & {
    label: SeverityLabel;
    status: string;
  },
  overrides: Partial<AwsSecurityFinding> = {},
): AwsSecurityFinding {
  const fingerprint = ordersFingerprint('test-check', ROLE);
  const severity = { Label: lifecycle.label, Original: 'high' };
  return {
    SchemaVersion: '2018-10-08',
    Id: asffId(fingerprint),
    ProductArn: PRODUCT_ARN,
    ProductName: 'kda-auditor',
    GeneratorId: 'kda-auditor/test-check',
    AwsAccountId: ACCOUNT_ID,
    Types: TYPES,
    CreatedAt: '2026-11-29T02:00:10.000Z',
    UpdatedAt: '2026-11-29T02:00:10.000Z',
    Severity: severity,
    Title: 'Test check',
    Description: 'orders is fine.',
    Remediation: {
      Recommendation: {
        Text: 'Open the console and fix it.',
        Url: 'https://docs.aws.amazon.com/managed-flink/latest/java/security.html',
      },
    },
    ProductFields: {
      'kda-auditor/checkId': 'test-check',
      'kda-auditor/bestPractice': 'encryption',
      'kda-auditor/applicationArn': applicationArn('orders'),
      'kda-auditor/applicationName': 'orders',
      'kda-auditor/scanId': SCAN_ID,
      'kda-auditor/status': lifecycle.status,
      'kda-auditor/fingerprint': fingerprint,
    },
    Resources: [
      {
        Type: 'AwsIamRole',
        Id: ROLE,
        Partition: 'aws',
        Region: 'eu-west-1',
        Details: { Other: { 'kda-auditor/status': lifecycle.status } },
      },
    ],
    Compliance: lifecycle.Compliance,
    Workflow: lifecycle.Workflow,
    RecordState: lifecycle.RecordState,
    FindingProviderFields: { Severity: severity, Types: TYPES },
    ...overrides,
  };
}

const FAILED = {
  status: 'FAIL',
  label: 'HIGH',
  Compliance: { Status: 'FAILED' },
  Workflow: { Status: 'NEW' },
  RecordState: 'ACTIVE',
} as const;

/** The ASFF finding of a `test-check` PASS: no recommendation, as the registry knows no such check. */
function passedAsff(): AwsSecurityFinding {
  const { Remediation: _none, ...passed } = expectedAsff({
    status: 'PASS',
    label: 'INFORMATIONAL',
    Compliance: { Status: 'PASSED' },
    Workflow: { Status: 'RESOLVED' },
    RecordState: 'ARCHIVED',
  });
  return passed;
}

describe('Function: toAsffFindings', () => {
  it('returns a FAIL as an active, failed, new finding at its severity', () => {
    // Prepare
    const report = scanReport([finding({ status: 'FAIL', resourceArn: ROLE, detail: 'orders is fine.' })]);

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    expect(findings).toEqual([expectedAsff(FAILED)]);
  });

  it('returns an ERROR as an active WARNING at its severity, never as passed', () => {
    // Prepare
    const report = scanReport([finding({ status: 'ERROR', resourceArn: ROLE })]);

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    expect(findings).toEqual([
      expectedAsff({ ...FAILED, status: 'ERROR', Compliance: { Status: 'WARNING' } }),
    ]);
  });

  it('returns a PASS as an archived, passed, informational finding that keeps the original severity', () => {
    // Prepare
    const report = scanReport([finding({ status: 'PASS', resourceArn: ROLE })]);

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    expect(findings).toEqual([passedAsff()]);
  });

  it("returns a PASS of a registered check with the check's recommendation, as its FAIL has it", () => {
    // Prepare
    const check = checkById('role-admin-access');
    const fields = {
      checkId: 'role-admin-access',
      resourceArn: ROLE,
      remediation: check?.metadata.remediation,
    };
    const passing = scanReport([finding({ ...fields, status: 'PASS' })]);
    const failing = scanReport([finding({ ...fields, status: 'FAIL' })]);

    // Act
    const [passed] = toAsffFindings(passing, options);
    const [failed] = toAsffFindings(failing, options);

    // Assess
    expect(passing.applications[0]?.findings[0]?.remediation).toBeUndefined();
    expect(passed?.Remediation).toEqual(failed?.Remediation);
    expect(passed?.Remediation?.Recommendation?.Url).toBe(check?.metadata.remediation.references[0]);
  });

  it('returns a MUTED finding as SUPPRESSED with the justification in its note', () => {
    // Prepare
    const suppression: AppliedSuppression = {
      ruleId: 'legacy-role',
      justification: 'Role is replaced in Q1 (TICKET-42).',
      expires: '2027-03-31',
      source: 's3://audit-reports/suppressions.yaml',
      line: 4,
    };
    const report = scanReport([finding({ status: 'MUTED', resourceArn: ROLE, suppression })]);

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    const muted = expectedAsff({ ...FAILED, status: 'MUTED', Workflow: { Status: 'SUPPRESSED' } });
    expect(findings).toEqual([
      {
        ...muted,
        Resources: [
          {
            ...muted.Resources?.[0],
            Details: {
              Other: {
                'kda-auditor/status': 'MUTED',
                'kda-auditor/suppressionRule': 'legacy-role',
                'kda-auditor/suppressionExpires': '2027-03-31',
              },
            },
          },
        ],
        Note: {
          Text:
            'Suppressed by rule legacy-role (s3://audit-reports/suppressions.yaml:4) until 2027-03-31: ' +
            'Role is replaced in Q1 (TICKET-42).',
          UpdatedBy: 'kda-auditor',
          UpdatedAt: '2026-11-29T02:00:10.000Z',
        },
      },
    ]);
  });

  it('returns nothing for a NOT_APPLICABLE finding', () => {
    // Prepare
    const report = scanReport([finding({ status: 'NOT_APPLICABLE', resourceArn: ROLE })]);

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    expect(findings).toEqual([]);
  });

  it('returns the change of a new FAIL in its product fields', () => {
    // Prepare
    const report = scanReport([finding({ status: 'FAIL', resourceArn: ROLE })]);
    const [reported] = report.applications[0]?.findings ?? [];
    if (reported) reported.change = 'NEW';

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    const expected = expectedAsff(FAILED);
    expect(findings).toEqual([
      { ...expected, ProductFields: { ...expected.ProductFields, 'kda-auditor/change': 'NEW' } },
    ]);
  });

  it('returns a resolved finding that is gone as archived, NOT_AVAILABLE and resolved', () => {
    // Prepare
    const report = scanReport([]);
    const resolved = resolvedFinding();
    report.changes = {
      previousScanId: '20261128T020000Z-9f8e7d6c',
      previousCompletedAt: '2026-11-28T02:00:05.000Z',
      counts: { new: 0, persisting: 0, regressed: 0, resolved: 1 },
      resolved: [resolved],
    };

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    const severity = { Label: 'INFORMATIONAL', Original: 'critical' };
    expect(findings).toEqual([
      {
        SchemaVersion: '2018-10-08',
        Id: asffId(resolved.fingerprint),
        ProductArn: PRODUCT_ARN,
        ProductName: 'kda-auditor',
        GeneratorId: 'kda-auditor/role-admin-access',
        AwsAccountId: ACCOUNT_ID,
        Types: TYPES,
        CreatedAt: '2026-11-29T02:00:10.000Z',
        UpdatedAt: '2026-11-29T02:00:10.000Z',
        Severity: severity,
        Title: 'The execution role does not have administrator access',
        Description:
          'Resolved: The execution role does not have administrator access no longer fails for orders ' +
          '(not applicable any more, or the resource is gone).',
        ProductFields: {
          'kda-auditor/checkId': 'role-admin-access',
          'kda-auditor/bestPractice': 'least-privilege',
          'kda-auditor/applicationArn': applicationArn('orders'),
          'kda-auditor/applicationName': 'orders',
          'kda-auditor/scanId': SCAN_ID,
          'kda-auditor/status': 'RESOLVED',
          'kda-auditor/fingerprint': resolved.fingerprint,
        },
        Resources: [
          {
            Type: 'AwsIamRole',
            Id: ROLE,
            Partition: 'aws',
            Region: 'eu-west-1',
            Details: { Other: { 'kda-auditor/status': 'RESOLVED' } },
          },
        ],
        Compliance: { Status: 'NOT_AVAILABLE' },
        Workflow: { Status: 'RESOLVED' },
        RecordState: 'ARCHIVED',
        FindingProviderFields: { Severity: severity, Types: TYPES },
      },
    ]);
  });

  it('returns one PASS, not a second finding with the same Id, for a resolved finding that now passes', () => {
    // Prepare
    const report = scanReport([finding({ status: 'PASS', resourceArn: ROLE })]);
    report.changes = {
      previousScanId: '20261128T020000Z-9f8e7d6c',
      previousCompletedAt: '2026-11-28T02:00:05.000Z',
      counts: { new: 0, persisting: 0, regressed: 0, resolved: 1 },
      resolved: [resolvedFinding({ checkId: 'test-check', title: 'Test check', severity: 'high' })],
    };

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    expect(findings).toEqual([passedAsff()]);
  });

  it('returns the worst verdict when two findings share a fingerprint', () => {
    // Prepare
    const report = scanReport([
      finding({ status: 'PASS', resourceArn: ROLE }),
      finding({ status: 'FAIL', resourceArn: ROLE }),
    ]);

    // Act
    const findings = toAsffFindings(report, options);

    // Assess
    expect(findings).toEqual([expectedAsff(FAILED)]);
  });

  it('returns the same Ids from two scans of the same account, with a later UpdatedAt', () => {
    // Prepare
    const scan = (scanId: string) =>
      scanReport(
        [
          finding({ status: 'FAIL', resourceArn: ROLE }),
          finding({ checkId: 'other-check', status: 'ERROR', resourceArn: applicationArn('orders') }),
        ],
        scanId,
      );
    const first = toAsffFindings(scan('20261128T020000Z-9f8e7d6c'), {
      region: 'eu-west-1',
      now: new Date('2026-11-28T02:00:10Z'),
    });

    // Act
    const second = toAsffFindings(scan(SCAN_ID), options);

    // Assess
    const summary = (findings: AwsSecurityFinding[]) =>
      findings.map(({ Id, UpdatedAt }) => ({ Id, UpdatedAt }));
    expect({ first: summary(first), second: summary(second) }).toEqual({
      first: [
        { Id: asffId(ordersFingerprint('test-check', ROLE)), UpdatedAt: '2026-11-28T02:00:10.000Z' },
        {
          Id: asffId(ordersFingerprint('other-check', applicationArn('orders'))),
          UpdatedAt: '2026-11-28T02:00:10.000Z',
        },
      ],
      second: [
        { Id: asffId(ordersFingerprint('test-check', ROLE)), UpdatedAt: '2026-11-29T02:00:10.000Z' },
        {
          Id: asffId(ordersFingerprint('other-check', applicationArn('orders'))),
          UpdatedAt: '2026-11-29T02:00:10.000Z',
        },
      ],
    });
  });

  it('returns access key ids masked and long texts cut to the ASFF limits', () => {
    // Prepare
    const report = scanReport([
      finding({
        status: 'FAIL',
        resourceArn: ROLE,
        title: `T${'t'.repeat(299)}`,
        remediation: { ...finding().remediation, console: 'r'.repeat(600) },
      }),
    ]);
    const [reported] = report.applications[0]?.findings ?? [];
    // The report masks details already; the export must not rely on it.
    if (reported) reported.detail = `Key AKIAIOSFODNN7EXAMPLE in code. ${'d'.repeat(1100)}`;

    // Act
    const [exported] = toAsffFindings(report, options);

    // Assess
    expect({
      title: exported?.Title,
      description: exported?.Description,
      recommendation: exported?.Remediation?.Recommendation?.Text,
    }).toEqual({
      title: `T${'t'.repeat(254)}…`,
      description: `Key AKIA************MPLE in code. ${'d'.repeat(1023 - 34)}…`,
      recommendation: `${'r'.repeat(511)}…`,
    });
  });
});
