import { ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { failureOf, REGION } from './support/json-wire.js';
import {
  assumeRole,
  clientsAs,
  EXTERNAL_ID,
  memberRoleArn,
  OUTSIDER_ACCOUNT,
  organizationFixture,
  organizationsAs,
  PARTNER_ACCOUNT,
  staticCredentials,
} from './support/organization-fixtures.js';

const fixture = organizationFixture();
const [first, second, roleless] = fixture.members as [AccountSnapshot, AccountSnapshot, AccountSnapshot];
const MANAGEMENT = fixture.auditor.accountId;
// Organizations is global: the SDK signs it for us-east-1.
const ORGANIZATIONS_REGION = 'us-east-1';

const applicationNames = (snapshot: AccountSnapshot) =>
  (snapshot.regions?.[REGION]?.applications ?? []).map((application) => application.ApplicationName).sort();

async function identityOf(sandbox: Sandbox, identity: AwsCredentialIdentity) {
  const { $metadata: _metadata, ...caller } = await clientsAs(sandbox, identity)
    .sts(REGION)
    .send(new GetCallerIdentityCommand({}));
  return caller;
}

describe('Sandbox: an organisation served on one endpoint', () => {
  let sandbox: Sandbox;
  let scanSession: AwsCredentialIdentity;

  beforeAll(async () => {
    sandbox = await startSandbox({
      snapshot: fixture.auditor,
      members: [...fixture.members, fixture.partner, fixture.outsider],
      pageSize: 2,
    });
    scanSession = await assumeRole(sandbox, staticCredentials, { RoleArn: fixture.auditorRoleArn });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  describe('Operation: GetCallerIdentity', () => {
    it('returns the auditor account’s user for the sandbox’s own credentials', async () => {
      // Act
      const caller = await identityOf(sandbox, staticCredentials);

      // Assess
      expect(caller).toEqual({
        UserId: 'AIDASANDBOXUSER000001',
        Account: MANAGEMENT,
        Arn: `arn:aws:iam::${MANAGEMENT}:user/sandbox`,
      });
    });

    it('returns the member account for a session of the member role', async () => {
      // Prepare
      const member = await assumeRole(sandbox, scanSession, {
        RoleArn: memberRoleArn(first.accountId),
        RoleSessionName: 'kda-auditor-scan-1',
        ExternalId: EXTERNAL_ID,
      });
      const roleId = first.iam?.roles?.find((role) => role.RoleName === 'kda-auditor-member')?.RoleId;

      // Act
      const caller = await identityOf(sandbox, member);

      // Assess
      expect(caller).toEqual({
        UserId: `${roleId}:kda-auditor-scan-1`,
        Account: first.accountId,
        Arn: `arn:aws:sts::${first.accountId}:assumed-role/kda-auditor-member/kda-auditor-scan-1`,
      });
    });
  });

  describe('Operation: AssumeRole across accounts', () => {
    it('returns AccessDenied for a wrong ExternalId', async () => {
      // Act
      const failure = await failureOf(
        clientsAs(sandbox, scanSession)
          .sts(REGION)
          .send(
            new AssumeRoleCommand({
              RoleArn: memberRoleArn(first.accountId),
              RoleSessionName: 'scan',
              ExternalId: 'not-the-external-id',
            }),
          ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: `User: arn:aws:sts::${MANAGEMENT}:assumed-role/kda-auditor-scan/nightly is not authorized to perform: sts:AssumeRole on resource: ${memberRoleArn(first.accountId)}`,
        status: 403,
      });
    });

    it.each([
      ['the member role is missing', () => scanSession, memberRoleArn(roleless.accountId)],
      ['the caller is not the trusted auditor role', () => staticCredentials, memberRoleArn(first.accountId)],
      ['the account is not served at all', () => scanSession, memberRoleArn('777777777777')],
    ])('returns AccessDenied when %s', async (_case, caller, roleArn) => {
      // Act
      const failure = await failureOf(
        clientsAs(sandbox, caller())
          .sts(REGION)
          .send(
            new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'scan', ExternalId: EXTERNAL_ID }),
          ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: expect.stringMatching(
          new RegExp(`is not authorized to perform: sts:AssumeRole on resource: ${roleArn}$`),
        ),
        status: 403,
      });
    });

    it('returns credentials when the caller belongs to the organisation a trust condition names', async () => {
      // Prepare
      const partnerRole = `arn:aws:iam::${PARTNER_ACCOUNT}:role/shared-reader`;

      // Act
      const session = await assumeRole(sandbox, scanSession, { RoleArn: partnerRole });

      // Assess
      expect(await identityOf(sandbox, session)).toEqual({
        UserId: 'AROASHAREDREADER:nightly',
        Account: PARTNER_ACCOUNT,
        Arn: `arn:aws:sts::${PARTNER_ACCOUNT}:assumed-role/shared-reader/nightly`,
      });
    });

    it('returns AccessDenied when the caller belongs to another organisation', async () => {
      // Prepare
      const outsider = await assumeRole(sandbox, staticCredentials, {
        RoleArn: `arn:aws:iam::${OUTSIDER_ACCOUNT}:role/outsider-scan`,
      });
      const partnerRole = `arn:aws:iam::${PARTNER_ACCOUNT}:role/shared-reader`;

      // Act
      const failure = await failureOf(
        clientsAs(sandbox, outsider)
          .sts(REGION)
          .send(new AssumeRoleCommand({ RoleArn: partnerRole, RoleSessionName: 'scan' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: `User: arn:aws:sts::${OUTSIDER_ACCOUNT}:assumed-role/outsider-scan/nightly is not authorized to perform: sts:AssumeRole on resource: ${partnerRole}`,
        status: 403,
      });
    });

    it('returns ValidationError for a chained session longer than one hour', async () => {
      // Act
      const failure = await failureOf(
        clientsAs(sandbox, scanSession)
          .sts(REGION)
          .send(
            new AssumeRoleCommand({
              RoleArn: memberRoleArn(first.accountId),
              RoleSessionName: 'scan',
              ExternalId: EXTERNAL_ID,
              DurationSeconds: 7200,
            }),
          ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ValidationError',
        message:
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        status: 400,
      });
    });

    it('returns a chained session of one hour by default', async () => {
      // Prepare
      const before = Math.floor(Date.now() / 1000);

      // Act
      const { Credentials } = await clientsAs(sandbox, scanSession)
        .sts(REGION)
        .send(
          new AssumeRoleCommand({
            RoleArn: memberRoleArn(second.accountId),
            RoleSessionName: 'scan',
            ExternalId: EXTERNAL_ID,
          }),
        );

      // Assess
      const after = Math.floor(Date.now() / 1000);
      const expiresAt = (Credentials?.Expiration?.getTime() ?? 0) / 1000;
      expect(expiresAt >= before + 3600 && expiresAt <= after + 3600).toBe(true);
    });
  });

  describe('Routing', () => {
    it('serves each member’s applications to that member’s sessions, and none to the auditor', async () => {
      // Prepare
      const sessions = await Promise.all(
        [first, second].map((member) =>
          assumeRole(sandbox, scanSession, {
            RoleArn: memberRoleArn(member.accountId),
            ExternalId: EXTERNAL_ID,
          }),
        ),
      );
      const names = async (identity: AwsCredentialIdentity) => {
        const listed: string[] = [];
        let NextToken: string | undefined;
        do {
          const page = await clientsAs(sandbox, identity)
            .kinesisAnalytics(REGION)
            .send(new ListApplicationsCommand({ NextToken }));
          listed.push(...(page.ApplicationSummaries ?? []).map((summary) => summary.ApplicationName ?? ''));
          NextToken = page.NextToken;
        } while (NextToken);
        return listed.sort();
      };

      // Act
      const listed = {
        first: await names(sessions[0]!),
        second: await names(sessions[1]!),
        auditor: await names(staticCredentials),
      };

      // Assess
      expect(listed).toEqual({
        first: applicationNames(first),
        second: applicationNames(second),
        auditor: [],
      });
      expect(listed.first).not.toEqual(listed.second);
      expect(listed.first.length).toBe(3);
    });
  });

  describe('Operation: ListAccounts', () => {
    it('returns every account of the organisation to the management account, page by page', async () => {
      // Prepare
      const client = organizationsAs(sandbox, staticCredentials, ORGANIZATIONS_REGION);

      // Act
      const pages: string[][] = [];
      for await (const page of paginateListAccounts({ client }, {})) {
        pages.push((page.Accounts ?? []).map((account) => account.Id ?? ''));
      }

      // Assess
      expect(pages).toEqual([
        [MANAGEMENT, first.accountId],
        [second.accountId, roleless.accountId],
        [PARTNER_ACCOUNT],
      ]);
    });

    it('returns AccessDeniedException to a member account', async () => {
      // Prepare
      const member = await assumeRole(sandbox, scanSession, {
        RoleArn: memberRoleArn(first.accountId),
        ExternalId: EXTERNAL_ID,
      });

      // Act
      const failure = await failureOf(
        organizationsAs(sandbox, member, ORGANIZATIONS_REGION).send(new ListAccountsCommand({})),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDeniedException',
        message: "You don't have permissions to access this resource.",
        status: 403,
      });
    });
  });

  describe('Operation: DescribeOrganization', () => {
    it('returns the organisation to a member account too', async () => {
      // Prepare
      const member = await assumeRole(sandbox, scanSession, {
        RoleArn: memberRoleArn(first.accountId),
        ExternalId: EXTERNAL_ID,
      });

      // Act
      const { Organization } = await organizationsAs(sandbox, member, ORGANIZATIONS_REGION).send(
        new DescribeOrganizationCommand({}),
      );

      // Assess
      expect(Organization).toEqual({
        Id: fixture.organizationId,
        Arn: `arn:aws:organizations::${MANAGEMENT}:organization/${fixture.organizationId}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `arn:aws:organizations::${MANAGEMENT}:account/${fixture.organizationId}/${MANAGEMENT}`,
        MasterAccountId: MANAGEMENT,
        MasterAccountEmail: 'aws-management@example.com',
      });
    });
  });
});

describe('Sandbox: traffic of an organisation', () => {
  it('counts each request in the account it is served from', async () => {
    // Prepare
    const sandbox = await startSandbox({ snapshot: fixture.auditor, members: fixture.members });
    const scan = await assumeRole(sandbox, staticCredentials, { RoleArn: fixture.auditorRoleArn });
    const member = await assumeRole(sandbox, scan, {
      RoleArn: memberRoleArn(first.accountId),
      ExternalId: EXTERNAL_ID,
    });

    // Act
    await clientsAs(sandbox, member).kinesisAnalytics(REGION).send(new ListApplicationsCommand({}));
    await sandbox.close();

    // Assess
    const requests = (accountId: string) =>
      Object.fromEntries(
        Object.entries(sandbox.accounts.get(accountId)?.stats().operations ?? {}).map(
          ([operation, stats]) => [operation, stats.requests],
        ),
      );
    expect({
      auditor: requests(MANAGEMENT),
      first: requests(first.accountId),
      second: requests(second.accountId),
    }).toEqual({
      auditor: { 'sts:AssumeRole': 2 },
      first: { 'kinesisanalytics:ListApplications': 1 },
      second: {},
    });
  });

  it('refuses to serve one account twice', async () => {
    // Act
    const start = startSandbox({ snapshot: fixture.auditor, members: [first, first] });

    // Assess
    await expect(start).rejects.toThrow(
      `Invalid request: account ${first.accountId} is served twice: give each account of the sandbox its own snapshot and account id`,
    );
  });
});
