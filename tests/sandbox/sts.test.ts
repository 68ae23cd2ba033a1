import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import {
  ACTIVE_KEY_ID,
  FOREIGN_KEY_ID,
  foreignKey,
  UNKNOWN_KEY_ID,
  userKey,
  withAccessKeys,
} from '../support/access-key-fixtures.js';
import {
  accountSnapshot,
  collectionError,
  OTHER_ACCOUNT_ID,
  role,
  roleArn,
} from '../support/snapshot-builder.js';
import {
  ACCOUNT,
  awsCli,
  awsCliAvailable,
  credentials,
  failureOf,
  NO_AWS_CLI,
  REGION,
} from './support/json-wire.js';
import { rawQueryCall } from './support/query-wire.js';

const auditorArn = 'arn:aws:iam::111122223333:role/service-role/auditor-role';
const DENIED_KEY_ID = 'AKIADENIEDKEY0000001';
const snapshot = withAccessKeys(
  accountSnapshot({
    roles: [
      role({
        name: 'auditor-role',
        arn: auditorArn,
        extra: { Path: '/service-role/', MaxSessionDuration: 7200 },
      }),
      role({ name: 'guarded-role' }),
    ],
    collectionErrors: [
      collectionError('sts:AssumeRole', roleArn('guarded-role')),
      collectionError('sts:GetAccessKeyInfo', DENIED_KEY_ID),
    ],
  }),
  [userKey(ACTIVE_KEY_ID), foreignKey()],
);
const sandboxUser = {
  UserId: 'AIDASANDBOXUSER000001',
  Account: ACCOUNT,
  Arn: `arn:aws:iam::${ACCOUNT}:user/sandbox`,
};

describe('Service: STS (sandbox)', () => {
  let sandbox: Sandbox;
  let client: STSClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).sts(REGION);
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: GetCallerIdentity', () => {
    it('returns the sandbox user for long-term credentials', async () => {
      // Act
      const { $metadata: _metadata, ...identity } = await client.send(new GetCallerIdentityCommand({}));

      // Assess
      expect(identity).toEqual(sandboxUser);
    });
  });

  describe('Operation: AssumeRole', () => {
    it('returns temporary credentials for a role of the snapshot', async () => {
      // Prepare
      const before = Math.floor(Date.now() / 1000);

      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new AssumeRoleCommand({
          RoleArn: auditorArn,
          RoleSessionName: 'nightly-scan',
          DurationSeconds: 7200,
        }),
      );

      // Assess
      const after = Math.floor(Date.now() / 1000);
      expect(response).toEqual({
        Credentials: {
          AccessKeyId: expect.stringMatching(/^ASIA[0-9A-F]{16}$/),
          SecretAccessKey: expect.stringMatching(/^[\w+/=]{40}$/),
          SessionToken: expect.stringMatching(/^[\w+/=]{128}$/),
          Expiration: expect.any(Date),
        },
        AssumedRoleUser: {
          AssumedRoleId: 'AROAAUDITORROLE:nightly-scan',
          Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/auditor-role/nightly-scan`,
        },
      });
      const expiresAt = (response.Credentials?.Expiration?.getTime() ?? 0) / 1000;
      expect(expiresAt >= before + 7200 && expiresAt <= after + 7200).toBe(true);
    });

    it('makes GetCallerIdentity answer as the role session for the credentials it returned', async () => {
      // Prepare
      const { Credentials } = await client.send(
        new AssumeRoleCommand({ RoleArn: auditorArn, RoleSessionName: 'who-am-i' }),
      );
      const session = new STSClient({
        region: REGION,
        endpoint: sandbox.endpoint,
        maxAttempts: 1,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      });

      // Act
      const { $metadata: _metadata, ...identity } = await session.send(new GetCallerIdentityCommand({}));
      session.destroy();

      // Assess
      expect(identity).toEqual({
        UserId: 'AROAAUDITORROLE:who-am-i',
        Account: ACCOUNT,
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/auditor-role/who-am-i`,
      });
    });

    it.each([
      ['a role the snapshot does not hold', roleArn('ghost-role')],
      ['a role of another account', roleArn('auditor-role', OTHER_ACCOUNT_ID)],
    ])('returns AccessDenied (403) for %s', async (_case, arn) => {
      // Act
      const failure = await failureOf(
        client.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'scan' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: `User: ${sandboxUser.Arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
        status: 403,
      });
    });

    it('returns the recorded failure for a role the snapshot says cannot be assumed', async () => {
      // Act
      const failure = await failureOf(
        client.send(new AssumeRoleCommand({ RoleArn: roleArn('guarded-role'), RoleSessionName: 'scan' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: sts:AssumeRole',
        status: 403,
      });
    });

    it('returns ValidationError for a session longer than the role allows', async () => {
      // Act
      const failure = await failureOf(
        client.send(
          new AssumeRoleCommand({ RoleArn: auditorArn, RoleSessionName: 'scan', DurationSeconds: 10_800 }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ValidationError',
        message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        status: 400,
      });
    });

    it('returns ValidationError for a session name STS does not accept', async () => {
      // Act
      const failure = await failureOf(
        client.send(new AssumeRoleCommand({ RoleArn: auditorArn, RoleSessionName: 'nightly scan' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ValidationError',
        message:
          "1 validation error detected: Value 'nightly scan' at 'roleSessionName' failed to satisfy " +
          'constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*',
        status: 400,
      });
    });
  });

  describe('Operation: GetAccessKeyInfo', () => {
    it.each([
      ['a key the snapshot looked up in this account', ACTIVE_KEY_ID, ACCOUNT],
      ['a key the snapshot looked up in another account', FOREIGN_KEY_ID, OTHER_ACCOUNT_ID],
      ['a key the snapshot does not list: the fixed foreign account', UNKNOWN_KEY_ID, '999999999999'],
    ])('returns the account of %s', async (_case, id, account) => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new GetAccessKeyInfoCommand({ AccessKeyId: id }),
      );

      // Assess
      expect(response).toEqual({ Account: account });
    });

    it('returns this account for the session credentials AssumeRole handed out', async () => {
      // Prepare
      const { Credentials } = await client.send(
        new AssumeRoleCommand({ RoleArn: auditorArn, RoleSessionName: 'key-owner' }),
      );

      // Act
      const { Account } = await client.send(
        new GetAccessKeyInfoCommand({ AccessKeyId: Credentials?.AccessKeyId ?? '' }),
      );

      // Assess
      expect(Account).toBe(ACCOUNT);
    });

    it('returns the recorded failure for a key collection could not look up', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetAccessKeyInfoCommand({ AccessKeyId: DENIED_KEY_ID })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: sts:GetAccessKeyInfo',
        status: 403,
      });
    });

    it('returns ValidationError for an id with characters STS does not accept', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA-IOSFODNN7-EXAMPLE' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ValidationError',
        message:
          "1 validation error detected: Value 'AKIA-IOSFODNN7-EXAMPLE' at 'accessKeyId' failed to satisfy " +
          'constraint: Member must satisfy regular expression pattern: [\\w]+',
        status: 400,
      });
    });

    it('answers the AWS CLI', async (context) => {
      // Prepare
      if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

      // Act
      const output = await awsCli(sandbox.endpoint, REGION, [
        'sts',
        'get-access-key-info',
        '--access-key-id',
        FOREIGN_KEY_ID,
      ]);

      // Assess
      expect(output).toEqual({ Account: OTHER_ACCOUNT_ID });
    }, 60_000);
  });

  it('returns InvalidAction for an action the sandbox does not serve', async () => {
    // Act
    const response = await rawQueryCall(sandbox.endpoint, {
      signingName: 'sts',
      params: { Action: 'GetSessionToken', Version: '2011-06-15' },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: expect.stringMatching(
        /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action GetSessionToken is not valid for this endpoint\.<\/Message><\/Error><RequestId>[\w-]+<\/RequestId><\/ErrorResponse>$/,
      ),
    });
  });

  it('answers the AWS CLI', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, [
      'sts',
      'assume-role',
      '--role-arn',
      auditorArn,
      '--role-session-name',
      'cli',
    ]);

    // Assess
    expect(output).toEqual({
      Credentials: {
        AccessKeyId: expect.stringMatching(/^ASIA[0-9A-F]{16}$/),
        SecretAccessKey: expect.any(String),
        SessionToken: expect.any(String),
        Expiration: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
      AssumedRoleUser: {
        AssumedRoleId: 'AROAAUDITORROLE:cli',
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/auditor-role/cli`,
      },
    });
  }, 60_000);
});
