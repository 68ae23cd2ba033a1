import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClientFactory } from '../../shared/aws/clients.js';
import {
  type MemberCredentialsOptions,
  memberCredentials,
  memberSessionName,
} from '../../shared/aws/member-credentials.js';
import { ConfigurationError, InvalidRequestError, MemberAccessError } from '../../shared/errors.js';

const sts = mockClient(STSClient);
const START = Date.parse('2026-11-29T02:00:00Z');
const MEMBER = '210987654321';
const OTHER = '111122223333';
const EXTERNAL_ID = 'kda-auditor-external-id-0001';

/** STS credentials that expire `minutes` after `from`, tagged so tests can tell sessions apart. */
function stsCredentials(tag: string, from = START, minutes = 60) {
  return {
    AccessKeyId: `ASIA${tag}`,
    SecretAccessKey: `secret-${tag}`,
    SessionToken: `token-${tag}`,
    Expiration: new Date(from + minutes * 60_000),
  };
}

/** What the provider resolves for those STS credentials. */
function identity(tag: string, accountId = MEMBER, from = START, minutes = 60) {
  return {
    accessKeyId: `ASIA${tag}`,
    secretAccessKey: `secret-${tag}`,
    sessionToken: `token-${tag}`,
    expiration: new Date(from + minutes * 60_000),
    accountId,
  };
}

/** A provider over the mocked STS client, its clock under the test's control. */
function provider(clock: { now: number }, overrides: Partial<MemberCredentialsOptions> = {}) {
  return memberCredentials({
    sts: new STSClient({ region: 'us-east-1' }),
    externalId: EXTERNAL_ID,
    scanId: '2026-11-29T02-00-00Z-ab12',
    now: () => clock.now,
    ...overrides,
  });
}

/** The fields a caller reads from a failure, to assert it whole. */
function described(error: unknown) {
  return error instanceof MemberAccessError
    ? {
        type: 'MemberAccessError',
        accountId: error.accountId,
        roleArn: error.roleArn,
        message: error.message,
        cause: error.cause,
      }
    : { type: 'other', error };
}

const denied = (name: string) =>
  new STSServiceException({ name, $fault: 'client', $metadata: {}, message: 'not authorized' });

describe('Function: memberSessionName', () => {
  it('returns kda-auditor-<scanId> when the scan id is valid as is', () => {
    // Act
    const name = memberSessionName('2026-11-29T02-00-00Z-ab12');

    // Assess
    expect(name).toEqual('kda-auditor-2026-11-29T02-00-00Z-ab12');
  });

  it('returns the name with characters STS refuses replaced by hyphens', () => {
    // Act
    const name = memberSessionName('2026-11-29T02:00:00Z/run #1');

    // Assess
    expect(name).toEqual('kda-auditor-2026-11-29T02-00-00Z-run--1');
  });

  it('returns the name cut to 64 characters', () => {
    // Act
    const name = memberSessionName('x'.repeat(100));

    // Assess
    expect(name).toEqual(`kda-auditor-${'x'.repeat(52)}`);
  });
});

describe('Function: memberCredentials', () => {
  beforeEach(() => {
    sts.reset();
  });

  it('assumes the member role with the ExternalId, session name and duration', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolves({ Credentials: stsCredentials('ONE') });
    const clock = { now: START };

    // Act
    const credentials = await provider(clock, {
      partition: 'aws-us-gov',
      roleName: 'auditor-read',
      durationSeconds: 1800,
    }).forAccount(MEMBER)();

    // Assess
    expect(credentials).toEqual(identity('ONE'));
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    expect(sts).toReceiveCommandWith(AssumeRoleCommand, {
      RoleArn: `arn:aws-us-gov:iam::${MEMBER}:role/auditor-read`,
      RoleSessionName: 'kda-auditor-2026-11-29T02-00-00Z-ab12',
      ExternalId: EXTERNAL_ID,
      DurationSeconds: 1800,
    });
  });

  it('returns the default role ARN in the aws partition', () => {
    // Act
    const roleArn = provider({ now: START }).roleArnOf(MEMBER);

    // Assess
    expect(roleArn).toEqual(`arn:aws:iam::${MEMBER}:role/kda-auditor-member`);
  });

  it('returns cached credentials while they are more than the margin from expiry', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolvesOnce({ Credentials: stsCredentials('ONE') });
    const clock = { now: START };
    const credentials = provider(clock).forAccount(MEMBER);
    await credentials();
    clock.now = START + 54 * 60_000;

    // Act
    const again = await credentials();

    // Assess
    expect(again).toEqual(identity('ONE'));
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
  });

  it('returns new credentials once the old ones are within the margin of expiry', async () => {
    // Prepare
    const renewedAt = START + 56 * 60_000;
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce({ Credentials: stsCredentials('ONE') })
      .resolvesOnce({ Credentials: stsCredentials('TWO', renewedAt) });
    const clock = { now: START };
    const credentials = provider(clock).forAccount(MEMBER);
    await credentials();
    clock.now = renewedAt;

    // Act
    const renewed = await credentials();

    // Assess
    expect(renewed).toEqual(identity('TWO', MEMBER, renewedAt));
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('returns one AssumeRole result to concurrent requests for the same account', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolves({ Credentials: stsCredentials('ONE') });
    const members = provider({ now: START });

    // Act
    const all = await Promise.all([
      members.forAccount(MEMBER)(),
      members.forAccount(MEMBER)(),
      members.forAccount(MEMBER)(),
    ]);

    // Assess
    expect(all).toEqual([identity('ONE'), identity('ONE'), identity('ONE')]);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
  });

  it('returns separate credentials per account', async () => {
    // Prepare
    sts
      .on(AssumeRoleCommand, { RoleArn: `arn:aws:iam::${MEMBER}:role/kda-auditor-member` })
      .resolves({ Credentials: stsCredentials('ONE') })
      .on(AssumeRoleCommand, { RoleArn: `arn:aws:iam::${OTHER}:role/kda-auditor-member` })
      .resolves({ Credentials: stsCredentials('TWO') });
    const members = provider({ now: START });

    // Act
    const both = await Promise.all([members.forAccount(MEMBER)(), members.forAccount(OTHER)()]);

    // Assess
    expect(both).toEqual([identity('ONE'), identity('TWO', OTHER)]);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it.each(['AccessDenied', 'NoSuchEntity'])(
    'throws MemberAccessError naming the account and the fix on %s',
    async (name) => {
      // Prepare
      const cause = denied(name);
      sts.on(AssumeRoleCommand).rejects(cause);

      // Act
      const failure = await provider({ now: START })
        .forAccount(MEMBER)()
        .catch((error: unknown) => error);

      // Assess
      expect(described(failure)).toEqual({
        type: 'MemberAccessError',
        accountId: MEMBER,
        roleArn: `arn:aws:iam::${MEMBER}:role/kda-auditor-member`,
        message: `Cannot assume arn:aws:iam::${MEMBER}:role/kda-auditor-member in account ${MEMBER} (${name}): deploy member-role.yaml to that account through the StackSet, and check that its AuditorRoleArn, ExternalId and OrganizationId match this auditor.`,
        cause,
      });
    },
  );

  it('throws other STS errors unchanged and retries on the next request', async () => {
    // Prepare
    const throttled = denied('Throttling');
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(throttled)
      .resolvesOnce({ Credentials: stsCredentials('ONE') });
    const credentials = provider({ now: START }).forAccount(MEMBER);

    // Act
    const failure = await credentials().catch((error: unknown) => error);
    const retried = await credentials();

    // Assess
    expect({ failure, retried }).toEqual({ failure: throttled, retried: identity('ONE') });
  });

  it('throws MemberAccessError when STS answers without credentials', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolves({});

    // Act
    const failure = await provider({ now: START })
      .forAccount(MEMBER)()
      .catch((error: unknown) => error);

    // Assess
    expect(described(failure)).toEqual({
      type: 'MemberAccessError',
      accountId: MEMBER,
      roleArn: `arn:aws:iam::${MEMBER}:role/kda-auditor-member`,
      message: `STS returned no credentials for arn:aws:iam::${MEMBER}:role/kda-auditor-member in account ${MEMBER}; retry the scan, and check STS is enabled in the auditor's region.`,
      cause: undefined,
    });
  });

  it('gives clients of createClientFactory the member credentials', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolves({ Credentials: stsCredentials('ONE') });
    const clients = createClientFactory({
      credentials: provider({ now: START }).forAccount(MEMBER),
      env: {},
    });

    // Act
    const credentials = await clients.kinesisAnalytics('eu-west-1').config.credentials();

    // Assess
    expect(credentials).toEqual(identity('ONE'));
  });

  it('throws InvalidRequestError for an account id that is not 12 digits', () => {
    // Act
    const act = () => provider({ now: START }).forAccount('12345');

    // Assess
    expect(act).toThrow(new InvalidRequestError(['account id "12345" is not 12 digits']));
  });

  it('throws ConfigurationError listing every unusable option', () => {
    // Act
    const act = () =>
      provider(
        { now: START },
        { externalId: 'short', roleName: 'bad name', durationSeconds: 7200, partition: 'azure' },
      );

    // Assess
    expect(act).toThrow(
      new ConfigurationError([
        'the member ExternalId must be 16 to 1224 characters, as member-role.yaml requires',
        'the member role name "bad name" is not a valid IAM role name',
        '"azure" is not an AWS partition',
        'the member session duration must be 900 to 3600 seconds (role chaining allows one hour)',
      ]),
    );
  });
});
