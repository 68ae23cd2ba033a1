import { ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { memberCredentials } from '../../shared/aws/member-credentials.js';
import { MemberAccessError } from '../../shared/errors.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { failureOf, REGION } from './support/json-wire.js';
import {
  assumeRole,
  clientsAs,
  EXTERNAL_ID,
  memberRoleArn,
  organizationFixture,
  staticCredentials,
} from './support/organization-fixtures.js';

const fixture = organizationFixture();
const [first, , roleless] = fixture.members as [AccountSnapshot, AccountSnapshot, AccountSnapshot];

describe('Function: memberCredentials (against the sandbox)', () => {
  let sandbox: Sandbox;
  let provider: ReturnType<typeof memberCredentials>;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot: fixture.auditor, members: fixture.members });
    // The scan function runs as the auditor role; its STS client is what member roles trust.
    const scan = await assumeRole(sandbox, staticCredentials, { RoleArn: fixture.auditorRoleArn });
    provider = memberCredentials({
      sts: clientsAs(sandbox, scan).sts(REGION),
      externalId: EXTERNAL_ID,
      scanId: 'scan-1',
    });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('returns credentials that read the member account as the member role, assumed once', async () => {
    // Prepare
    const clients = clientsAs(sandbox, provider.forAccount(first.accountId));
    const assumedBefore = sandbox.state.stats().operations['sts:AssumeRole']?.requests ?? 0;

    // Act
    const { $metadata: _metadata, ...caller } = await clients
      .sts(REGION)
      .send(new GetCallerIdentityCommand({}));
    const { ApplicationSummaries } = await clients
      .kinesisAnalytics(REGION)
      .send(new ListApplicationsCommand({}));

    // Assess
    const roleId = first.iam?.roles?.find((role) => role.RoleName === 'kda-auditor-member')?.RoleId;
    expect({
      caller,
      applications: (ApplicationSummaries ?? []).map((summary) => summary.ApplicationName).sort(),
      assumeRoleCalls: (sandbox.state.stats().operations['sts:AssumeRole']?.requests ?? 0) - assumedBefore,
    }).toEqual({
      caller: {
        UserId: `${roleId}:kda-auditor-scan-1`,
        Account: first.accountId,
        Arn: `arn:aws:sts::${first.accountId}:assumed-role/kda-auditor-member/kda-auditor-scan-1`,
      },
      applications: (first.regions?.[REGION]?.applications ?? []).map((app) => app.ApplicationName).sort(),
      assumeRoleCalls: 1,
    });
  });

  it('throws MemberAccessError naming the account whose member role is missing', async () => {
    // Prepare
    const clients = clientsAs(sandbox, provider.forAccount(roleless.accountId));

    // Act
    const failure = await clients
      .kinesisAnalytics(REGION)
      .send(new ListApplicationsCommand({}))
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    // Assess
    expect(failure).toBeInstanceOf(MemberAccessError);
    expect(failure).toMatchObject({
      name: 'MemberAccessError',
      accountId: roleless.accountId,
      roleArn: memberRoleArn(roleless.accountId),
      message: expect.stringContaining(
        `Cannot assume ${memberRoleArn(roleless.accountId)} in account ${roleless.accountId} (AccessDenied)`,
      ),
    });
  });

  it('is refused when the ExternalId is not the one the member role was deployed with', async () => {
    // Prepare
    const scan = await assumeRole(sandbox, staticCredentials, { RoleArn: fixture.auditorRoleArn });
    const wrong = memberCredentials({
      sts: clientsAs(sandbox, scan).sts(REGION),
      externalId: 'another-external-id-0002',
      scanId: 'scan-2',
    });

    // Act
    const failure = await failureOf(
      clientsAs(sandbox, wrong.forAccount(first.accountId))
        .sts(REGION)
        .send(new GetCallerIdentityCommand({})),
    );

    // Assess
    expect(failure).toEqual({
      name: 'MemberAccessError',
      message: expect.stringContaining(
        `Cannot assume ${memberRoleArn(first.accountId)} in account ${first.accountId}`,
      ),
      status: undefined,
    });
  });
});
