import { describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/audit.js';
import { DEMO_APPLICATIONS, demoAccount } from '../../shared/demo/demo-account.js';
import { DEMO_PLANTED_CODE_SECRETS } from '../../shared/demo/demo-artifacts.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import { readSnapshot } from '../../shared/snapshot/read.js';

async function demoReport() {
  const { report } = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount });
  return report;
}

describe('Snapshot: demoAccount', () => {
  it('is a valid account snapshot once written as JSON', () => {
    // Act
    const read = readSnapshot(JSON.parse(JSON.stringify(demoAccount)));

    // Assess
    expect(read).toEqual(demoAccount);
  });

  it('describes exactly the applications it holds', () => {
    // Act
    const names = Object.values(demoAccount.regions ?? {}).flatMap((region) =>
      (region.applications ?? []).map((application) => application.ApplicationName),
    );

    // Assess
    expect(names.sort()).toEqual(Object.keys(DEMO_APPLICATIONS).sort());
  });

  it('shows one clean application and one kind of problem in each other', async () => {
    // Act
    const report = await demoReport();

    // Assess
    const problems = Object.fromEntries(
      report.applications.map((application) => [
        application.applicationName,
        {
          grade: application.grade,
          problems: application.findings
            // Info findings (no permissions boundary) are advice, not problems: they do not score.
            .filter((finding) => finding.status === 'FAIL' || finding.status === 'ERROR')
            .filter((finding) => finding.severity !== 'info')
            .map((finding) => `${finding.status} ${finding.checkId}`)
            .sort(),
        },
      ]),
    );
    expect(problems).toEqual({
      'payments-aggregator': { grade: 'A', problems: [] },
      'fraud-scorer': {
        grade: 'F',
        problems: [
          'FAIL code-artifact-no-credentials',
          'FAIL role-admin-access',
          'FAIL role-data-actions-on-all-resources',
          'FAIL role-excess-grants',
          'FAIL role-privilege-escalation',
          'FAIL runtime-properties-no-credentials',
        ],
      },
      'clickstream-sessionizer': {
        grade: 'C',
        problems: ['FAIL firehose-encrypted', 'FAIL kinesis-stream-encrypted', 'FAIL role-excess-grants'],
      },
      'inventory-snapshots': {
        grade: 'F',
        problems: [
          'FAIL kms-key-enabled',
          'FAIL kms-key-rotation',
          'FAIL role-excess-grants',
          'FAIL s3-bucket-sse-kms',
          'FAIL s3-bucket-tls-only',
        ],
      },
      'orders-router': {
        grade: 'A',
        problems: [
          'FAIL role-excess-grants',
          'FAIL role-shared-by-applications',
          'FAIL role-trust-confused-deputy',
        ],
      },
      'legacy-sql-alerts': {
        grade: 'C',
        problems: [
          'FAIL application-logging-enabled',
          'FAIL cloudtrail-region-logging',
          'FAIL role-excess-grants',
          'FAIL role-shared-by-applications',
          'FAIL role-trust-confused-deputy',
          'FAIL runtime-supported',
        ],
      },
      'partner-feed-loader': {
        // The unreadable key may be pending deletion: its critical ERROR caps the score as that failure would.
        grade: 'F',
        problems: [
          'ERROR dependency-exists',
          'ERROR kms-key-enabled',
          'ERROR kms-key-rotation',
          'FAIL role-excess-grants',
        ],
      },
    });
  });

  it('never lets the credentials planted in fraud-scorer, in properties or code, reach the report', async () => {
    // Prepare
    const secrets = [
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      ...DEMO_PLANTED_CODE_SECRETS,
    ];

    // Act
    const report = await demoReport();
    const written = `${JSON.stringify(report)}\n${renderMarkdown(report)}`;

    // Assess
    expect(secrets.filter((secret) => written.includes(secret))).toEqual([]);
  });
});
