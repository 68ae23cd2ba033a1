import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../shared/errors.js';
import { exportToSecurityHub, securityHubBatches } from '../../shared/publish/export-security-hub.js';
import { toAsffFindings } from '../../shared/security-hub/to-asff-findings.js';
import { finding } from '../support/audit-builders.js';
import { EXPORTED_AT, PRODUCT_ARN, scanReport } from '../support/security-hub-fixtures.js';

const securityHubMock = mockClient(SecurityHubClient);

/** `count` distinct ASFF findings (one check per finding, so each has its own Id). */
function asffFindings(count: number): AwsSecurityFinding[] {
  const report = scanReport(
    Array.from({ length: count }, (_, index) => finding({ checkId: `check-${index}`, status: 'FAIL' })),
  );
  return toAsffFindings(report, { region: 'eu-west-1', now: EXPORTED_AT });
}

describe('Function: exportToSecurityHub', () => {
  beforeEach(() => {
    securityHubMock.reset();
  });

  it('returns the imported count after sending 250 findings in 3 requests of at most 100, in order', async () => {
    // Prepare
    const findings = asffFindings(250);
    securityHubMock
      .on(BatchImportFindingsCommand)
      .callsFake(({ Findings }: { Findings: AwsSecurityFinding[] }) => ({
        FailedCount: 0,
        SuccessCount: Findings.length,
        FailedFindings: [],
      }));
    const client = new SecurityHubClient({ region: 'eu-west-1' });

    // Act
    const result = await exportToSecurityHub(client, findings);

    // Assess
    expect(result).toEqual({ imported: 250, failed: [], batches: 3 });
    expect(securityHubMock).toReceiveCommandTimes(BatchImportFindingsCommand, 3);
    expect(
      securityHubMock.commandCalls(BatchImportFindingsCommand).map((call) => call.args[0].input),
    ).toEqual([
      { Findings: findings.slice(0, 100) },
      { Findings: findings.slice(100, 200) },
      { Findings: findings.slice(200) },
    ]);
  });

  it('returns the findings Security Hub refused one by one, without throwing', async () => {
    // Prepare
    const findings = asffFindings(3);
    securityHubMock.on(BatchImportFindingsCommand).resolves({
      FailedCount: 1,
      SuccessCount: 2,
      FailedFindings: [
        { Id: findings[1]?.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to ASFF.' },
      ],
    });
    const client = new SecurityHubClient({ region: 'eu-west-1' });

    // Act
    const result = await exportToSecurityHub(client, findings);

    // Assess
    expect(result).toEqual({
      imported: 2,
      failed: [
        { id: findings[1]?.Id, errorCode: 'InvalidInput', errorMessage: 'Finding does not adhere to ASFF.' },
      ],
      batches: 1,
    });
  });

  it('returns an empty result and sends nothing when there is no finding', async () => {
    // Prepare
    const client = new SecurityHubClient({ region: 'eu-west-1' });

    // Act
    const result = await exportToSecurityHub(client, []);

    // Assess
    expect(result).toEqual({ imported: 0, failed: [], batches: 0 });
    expect(securityHubMock).toReceiveCommandTimes(BatchImportFindingsCommand, 0);
  });

  it('throws PublishError with what to enable and grant when a whole request fails', async () => {
    // Prepare
    const findings = asffFindings(150);
    const denied = Object.assign(new Error('Account 111122223333 is not subscribed to AWS Security Hub'), {
      name: 'InvalidAccessException',
    });
    securityHubMock
      .on(BatchImportFindingsCommand)
      .resolvesOnce({ FailedCount: 0, SuccessCount: 100, FailedFindings: [] })
      .rejects(denied);
    const client = new SecurityHubClient({ region: 'eu-west-1' });

    // Act
    const exported = exportToSecurityHub(client, findings);

    // Assess
    await expect(exported).rejects.toEqual(
      new PublishError(
        'Could not import 50 findings into Security Hub (InvalidAccessException: Account 111122223333 is not ' +
          'subscribed to AWS Security Hub); 100 of 150 were imported before. Enable Security Hub in eu-west-1 ' +
          "(aws securityhub enable-security-hub --region eu-west-1) and grant the auditor's role " +
          `securityhub:BatchImportFindings on ${PRODUCT_ARN}, or set the SecurityHubExport parameter to ` +
          'Disabled, then run the scan again.',
        { cause: denied },
      ),
    );
    await expect(exported).rejects.toHaveProperty('cause', denied);
  });
});

describe('Function: securityHubBatches', () => {
  it('returns batches that stay under 6 MB when findings are large', () => {
    // Prepare: 30 findings of about 230 KB each (under the 240 KB a finding may take)
    const [template] = asffFindings(1);
    const large = Array.from({ length: 30 }, (_, index) => ({
      ...template,
      Id: `kda-auditor/111122223333/${index}`,
      ProductFields: { padding: 'p'.repeat(230 * 1024) },
    })) as AwsSecurityFinding[];

    // Act
    const batches = securityHubBatches(large);

    // Assess
    expect(
      batches.map((batch) => ({
        findings: batch.length,
        underLimit: Buffer.byteLength(JSON.stringify({ Findings: batch })) < 6 * 1024 * 1024,
      })),
    ).toEqual([
      { findings: 26, underLimit: true },
      { findings: 4, underLimit: true },
    ]);
  });
});
