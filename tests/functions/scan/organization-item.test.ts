import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { ScanConfig } from '../../../functions/scan/config.js';
import { createHandler } from '../../../functions/scan/scan-handler.js';
import type { runAudit } from '../../../shared/audit.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import type { MemberCredentialsProvider, memberCredentials } from '../../../shared/aws/member-credentials.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import type { scanMemberTarget } from '../../../shared/organization/scan-member.js';
import type { MemberScanResult } from '../../../shared/organization/types.js';
import type { SuppressionSet } from '../../../shared/suppressions/types.js';
import { failedResult, ORG_SCAN_ID, scannedResult } from '../../support/organization-fixtures.js';
import { scanConfig } from '../../support/scan-config.js';

const ORGANIZATION_CONFIG = scanConfig({
  topicArn: 'arn:aws:sns:eu-west-1:111111111111:kda-auditor-alerts',
  scanRegions: 'all',
  organization: { memberRoleName: 'kda-auditor-member', memberExternalId: 'kda-auditor-0123456789abcdef' },
});

const CONTEXT = {
  functionName: 'kda-auditor-scan',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:kda-auditor-scan',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 900_000,
} as Context;

/** An organisation item for the prod account. */
function item(overrides: Record<string, unknown> = {}) {
  return {
    trigger: 'organization',
    orgScanId: ORG_SCAN_ID,
    accountId: '222222222222',
    accountName: 'prod',
    region: 'eu-west-1',
    ...overrides,
  };
}

/** A scan handler around fake organisation functions, with silent logs and captured metrics. */
function harness(
  options: { config?: ScanConfig; result?: MemberScanResult; suppressions?: SuppressionSet } = {},
) {
  const clients = createClientFactory({ env: {} });
  const audit = vi.fn<typeof runAudit>();
  const provider: MemberCredentialsProvider = {
    forAccount: () => async () => ({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret' }),
    roleArnOf: (accountId) => `arn:aws:iam::${accountId}:role/kda-auditor-member`,
  };
  const credentials = vi.fn<typeof memberCredentials>(() => provider);
  const scanMember = vi.fn<typeof scanMemberTarget>(async () => options.result ?? scannedResult());
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  const clock = () => new Date('2026-11-29T02:00:00Z');
  const handler = createHandler({
    config: options.config ?? ORGANIZATION_CONFIG,
    clients,
    runAudit: audit,
    logger: new Logger({ serviceName: 'kda-auditor', logLevel: 'SILENT' }),
    metrics,
    clock,
    loadSuppressions: async () => options.suppressions,
    scanMemberTarget: scanMember,
    memberCredentials: credentials,
  });
  return { handler, clients, audit, provider, credentials, scanMember, addMetric, clock };
}

describe('Function: createHandler (organisation items)', () => {
  it('scans the item through scanMemberTarget and returns its result', async () => {
    // Prepare
    const suppressions: SuppressionSet = {
      source: 's3://kda-auditor-reports/reports/suppressions.yaml',
      rules: [],
    };
    const { handler, clients, audit, provider, credentials, scanMember, clock } = harness({ suppressions });

    // Act
    const result = await handler(item(), CONTEXT);

    // Assess
    expect(result).toEqual(scannedResult());
    expect(credentials).toHaveBeenCalledWith({
      sts: clients.sts('eu-west-1'),
      externalId: 'kda-auditor-0123456789abcdef',
      roleName: 'kda-auditor-member',
      scanId: ORG_SCAN_ID,
      partition: 'aws',
    });
    expect(scanMember).toHaveBeenCalledWith(
      { orgScanId: ORG_SCAN_ID, accountId: '222222222222', accountName: 'prod', region: 'eu-west-1' },
      {
        auditorAccountId: '111111111111',
        auditorClients: clients,
        memberCredentials: provider,
        runAudit: audit,
        outputs: {
          region: 'eu-west-1',
          reportBucket: 'kda-auditor-reports',
          reportPrefix: 'reports',
          alertThreshold: 'high',
          scoreDrop: 10,
          trendLength: 30,
          securityHub: false,
        },
        suppressions,
        codeArtifacts: { maxBytes: 64 * 1024 * 1024, maxBytesInFlight: 128 * 1024 * 1024 },
        // 900 s left, less a tenth of them (more than the 30 s margin).
        deadline: new Date('2026-11-29T02:13:30Z'),
        clock,
        progress: expect.any(Function),
      },
    );
  });

  it('stops reading at the time limit less the margin, and returns a partial scan as scanned but incomplete', async () => {
    // Prepare: 40 s left; the 30 s margin is more than a tenth of them.
    const partial = scannedResult({ complete: false, notReached: 3 });
    const { handler, scanMember, addMetric } = harness({ result: partial });

    // Act
    const result = await handler(item(), { ...CONTEXT, getRemainingTimeInMillis: () => 40_000 });

    // Assess
    expect({
      deadline: scanMember.mock.calls[0]?.[1].deadline,
      result,
      metrics: addMetric.mock.calls.filter(([name]) => name !== 'ColdStart'),
    }).toEqual({
      deadline: new Date('2026-11-29T02:00:10Z'),
      result: partial,
      metrics: [
        ['OrganizationTargetsScanned', 'Count', 1],
        ['ApplicationsNotReached', 'Count', 3],
      ],
    });
  });

  it.each([
    { accountId: '111111111111', whose: "the auditor's own account", securityHub: true },
    { accountId: '222222222222', whose: 'a member account', securityHub: false },
  ])('exports to Security Hub for $whose: $securityHub', async ({ accountId, securityHub }) => {
    // Prepare
    const { handler, scanMember } = harness({ config: { ...ORGANIZATION_CONFIG, securityHubExport: true } });

    // Act
    await handler(item({ accountId }), CONTEXT);

    // Assess
    expect(scanMember.mock.calls[0]?.[1].outputs.securityHub).toBe(securityHub);
  });

  it('returns a failed result as it is, counted as a failed target', async () => {
    // Prepare
    const failed = failedResult();
    const { handler, addMetric } = harness({ result: failed });

    // Act
    const result = await handler(item({ accountId: failed.accountId }), CONTEXT);

    // Assess
    expect({ result, metrics: addMetric.mock.calls.filter(([name]) => name !== 'ColdStart') }).toEqual({
      result: failed,
      metrics: [['OrganizationTargetsFailed', 'Count', 1]],
    });
  });

  it('builds the member credentials once per organisation scan, so a warm container reuses them', async () => {
    // Prepare
    const { handler, credentials } = harness();

    // Act
    await handler(item({ region: 'eu-west-1' }), CONTEXT);
    await handler(item({ region: 'us-east-1' }), CONTEXT);
    await handler(item({ orgScanId: '20261130T020000Z-0f0e0d0c' }), CONTEXT);

    // Assess
    expect(credentials.mock.calls.map(([options]) => options.scanId)).toEqual([
      ORG_SCAN_ID,
      '20261130T020000Z-0f0e0d0c',
    ]);
  });

  it('rejects an organisation item naming ORGANIZATION_MODE when it is Disabled, and scans nothing', async () => {
    // Prepare
    const { organization: _organization, ...disabled } = ORGANIZATION_CONFIG;
    const { handler, scanMember } = harness({ config: disabled });

    // Act
    const invocation = handler(item(), CONTEXT);

    // Assess
    await expect(invocation).rejects.toThrow(
      new InvalidRequestError([
        'trigger: "organization" items are refused while ORGANIZATION_MODE is Disabled; deploy with ' +
          'ORGANIZATION_MODE=Enabled and MEMBER_EXTERNAL_ID set (the organisation state machine does), ' +
          'or invoke the function with an on-demand request such as {"regions":"all"}',
      ]),
    );
    expect(scanMember).not.toHaveBeenCalled();
  });
});
