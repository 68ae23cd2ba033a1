import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditResult, runAudit } from '../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import type { MemberCredentialsProvider } from '../../shared/aws/member-credentials.js';
import { MemberAccessError, ScanFailedError } from '../../shared/errors.js';
import { memberScanResultOf } from '../../shared/organization/member-scan-result.js';
import { type MemberScanDependencies, scanMemberTarget } from '../../shared/organization/scan-member.js';
import { auditSnapshot } from '../support/audit-builders.js';
import {
  DEV_ACCOUNT,
  MANAGEMENT_ACCOUNT,
  PROD_ACCOUNT,
  scanTarget,
} from '../support/organization-fixtures.js';
import { scanReport } from '../support/report-history.js';

const ec2Mock = mockClient(EC2Client);
const REPORT = scanReport(1, { orders: { c1: 'FAIL:critical', c2: 'PASS' } });
const REPORT_KEY = `kda/eu-west-1/${PROD_ACCOUNT}/2026/11/01/scan-1.json`;
const AUDIT_RESULT: AuditResult = {
  report: REPORT,
  snapshot: auditSnapshot(),
  alerts: [],
  reportLocation: {
    bucket: 'audit-reports',
    key: REPORT_KEY,
    markdownKey: REPORT_KEY.replace('.json', '.md'),
    htmlKey: REPORT_KEY.replace('.json', '.html'),
    latestKey: `kda/eu-west-1/${PROD_ACCOUNT}/latest.json`,
    uri: `s3://audit-reports/${REPORT_KEY}`,
  },
};

interface Harness {
  deps: MemberScanDependencies;
  audit: ReturnType<typeof vi.fn<typeof runAudit>>;
  auditorClients: ClientFactory;
  memberClients: ClientFactory;
  provider: AwsCredentialIdentityProvider;
  clientsFor: ReturnType<typeof vi.fn<(credentials: AwsCredentialIdentityProvider) => ClientFactory>>;
}

function harness(audit = vi.fn<typeof runAudit>().mockResolvedValue(AUDIT_RESULT)): Harness {
  const auditorClients = createClientFactory({ env: {} });
  const memberClients = createClientFactory({ env: {} });
  const provider: AwsCredentialIdentityProvider = async () => ({
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'x',
  });
  const memberCredentials: MemberCredentialsProvider = {
    forAccount: (accountId) => {
      if (accountId === MANAGEMENT_ACCOUNT)
        throw new Error('the auditor account must not assume the member role');
      return provider;
    },
    roleArnOf: (accountId) => `arn:aws:iam::${accountId}:role/kda-auditor-member`,
  };
  const clientsFor = vi
    .fn<(credentials: AwsCredentialIdentityProvider) => ClientFactory>()
    .mockReturnValue(memberClients);
  return {
    deps: {
      auditorAccountId: MANAGEMENT_ACCOUNT,
      auditorClients,
      memberCredentials,
      clientsFor,
      runAudit: audit,
      outputs: {
        region: 'eu-west-1',
        reportBucket: 'audit-reports',
        reportPrefix: '/kda/',
        alertThreshold: 'high',
      },
      clock: () => new Date('2026-11-29T02:00:00Z'),
    },
    audit,
    auditorClients,
    memberClients,
    provider,
    clientsFor,
  };
}

function enabled(region = 'eu-west-1', status = 'opt-in-not-required') {
  ec2Mock.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: region, OptInStatus: status }] });
}

describe('Function: scanMemberTarget', () => {
  beforeEach(() => {
    ec2Mock.reset();
    enabled();
  });

  it("returns the scanned result of a member account, read with the member role's clients", async () => {
    // Prepare
    const { deps, audit, auditorClients, memberClients, provider, clientsFor } = harness();
    const target = scanTarget();

    // Act
    const result = await scanMemberTarget(target, deps);

    // Assess
    expect(result).toEqual(memberScanResultOf(target, REPORT, REPORT_KEY));
    expect(clientsFor).toHaveBeenCalledWith(provider);
    expect(audit.mock.calls).toEqual([
      [
        { regions: ['eu-west-1'] },
        { kind: 'live', clients: memberClients },
        {
          region: 'eu-west-1',
          reportBucket: 'audit-reports',
          reportPrefix: 'kda/eu-west-1',
          alertThreshold: 'high',
          clients: auditorClients,
        },
        { clock: deps.clock },
      ],
    ]);
    expect(ec2Mock).toReceiveCommandWith(DescribeRegionsCommand, {
      AllRegions: true,
      RegionNames: ['eu-west-1'],
    });
  });

  it("returns the auditor's own account scanned with the auditor's clients, with suppressions and code settings", async () => {
    // Prepare
    const { deps, audit, auditorClients, clientsFor } = harness();
    const suppressions = { source: 'suppressions.yaml', rules: [] };
    const codeArtifacts = { maxBytes: 1024 };
    const target = scanTarget({
      accountId: MANAGEMENT_ACCOUNT,
      accountName: 'management',
      region: 'us-east-1',
    });
    enabled('us-east-1');

    // Act
    const result = await scanMemberTarget(target, { ...deps, suppressions, codeArtifacts });

    // Assess
    expect(result).toEqual(memberScanResultOf(target, REPORT, REPORT_KEY));
    expect(clientsFor).not.toHaveBeenCalled();
    expect(audit.mock.calls[0]?.slice(0, 2)).toEqual([
      { regions: ['us-east-1'], suppressions },
      { kind: 'live', clients: auditorClients, codeArtifacts },
    ]);
  });

  it('returns a failed result when the member role cannot be assumed', async () => {
    // Prepare
    const denied = new MemberAccessError(
      'Cannot assume the role in account 333333333333 (AccessDenied): deploy it.',
      {
        accountId: DEV_ACCOUNT,
        roleArn: `arn:aws:iam::${DEV_ACCOUNT}:role/kda-auditor-member`,
      },
    );
    const { deps } = harness(
      vi
        .fn<typeof runAudit>()
        .mockRejectedValue(new ScanFailedError('Could not identify the AWS account', { cause: denied })),
    );

    // Act
    const result = await scanMemberTarget(scanTarget({ accountId: DEV_ACCOUNT, accountName: 'dev' }), deps);

    // Assess
    expect(result).toEqual({
      status: 'failed',
      accountId: DEV_ACCOUNT,
      accountName: 'dev',
      region: 'eu-west-1',
      reason: 'Cannot assume the role in account 333333333333 (AccessDenied): deploy it.',
      errorName: 'MemberAccessError',
    });
  });

  it('returns a failed result when the role cannot be assumed for the region check', async () => {
    // Prepare
    const { deps, audit } = harness();
    ec2Mock.on(DescribeRegionsCommand).rejects(
      new MemberAccessError('Cannot assume the role: deploy it.', {
        accountId: DEV_ACCOUNT,
        roleArn: 'arn',
      }),
    );

    // Act
    const result = await scanMemberTarget(scanTarget({ accountId: DEV_ACCOUNT, accountName: 'dev' }), deps);

    // Assess
    expect(result).toEqual({
      status: 'failed',
      accountId: DEV_ACCOUNT,
      accountName: 'dev',
      region: 'eu-west-1',
      reason: 'Cannot assume the role: deploy it.',
      errorName: 'MemberAccessError',
    });
    expect(audit).not.toHaveBeenCalled();
  });

  it('returns a failed result, without scanning, for an opt-in region the account has not enabled', async () => {
    // Prepare
    const { deps, audit } = harness();
    enabled('af-south-1', 'not-opted-in');

    // Act
    const result = await scanMemberTarget(scanTarget({ region: 'af-south-1' }), deps);

    // Assess
    expect(result).toEqual({
      status: 'failed',
      accountId: PROD_ACCOUNT,
      accountName: 'prod',
      region: 'af-south-1',
      reason:
        'Region af-south-1 is not enabled in account 222222222222: enable it in the account settings if applications may run there, or leave it out of SCAN_REGIONS.',
      errorName: 'RegionNotEnabled',
    });
    expect(audit).not.toHaveBeenCalled();
    expect(ec2Mock).toReceiveCommandWith(DescribeRegionsCommand, {
      AllRegions: true,
      RegionNames: ['af-south-1'],
    });
  });

  it.each(['UnrecognizedClientException', 'InvalidClientTokenId', 'AuthFailure'])(
    'returns a failed result when the region answers %s',
    async (name) => {
      // Prepare
      const { deps } = harness();
      ec2Mock
        .on(DescribeRegionsCommand)
        .rejects(Object.assign(new Error('The security token is invalid.'), { name }));

      // Act
      const result = await scanMemberTarget(scanTarget({ region: 'me-south-1' }), deps);

      // Assess
      expect(result).toEqual({
        status: 'failed',
        accountId: PROD_ACCOUNT,
        accountName: 'prod',
        region: 'me-south-1',
        reason: `Region me-south-1 is not enabled in account 222222222222 (${name}: The security token is invalid.): enable it in the account settings if applications may run there, or leave it out of SCAN_REGIONS.`,
        errorName: name,
      });
    },
  );

  it('throws any other error, so the map counts it against the tolerated failures', async () => {
    // Prepare
    const unexpected = new Error('S3 is down');
    const { deps } = harness(vi.fn<typeof runAudit>().mockRejectedValue(unexpected));

    // Act
    const scan = scanMemberTarget(scanTarget(), deps);

    // Assess
    await expect(scan).rejects.toBe(unexpected);
  });
});
