import {
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  type StatusType,
} from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AccessKeyLookups } from '../../shared/collect/access-keys.js';
import { maskKeyId } from '../../shared/secrets/mask.js';
import { ACCOUNT_ID, REGION } from './support/account-builders.js';
import { lookUpAccessKeys } from './support/collect-at-once.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const OTHER_KEY_ID = 'AKIAI44QH8DHBEXAMPLE';
const OTHER_ACCOUNT = '444455556666';
const lastUse = { LastUsedDate: new Date('2026-11-27T08:15:00Z'), ServiceName: 's3', Region: 'eu-west-1' };
const metadata = (id: string, Status: StatusType) => ({
  UserName: 'ci-deployer',
  AccessKeyId: id,
  Status,
  CreateDate: new Date('2024-03-01T09:00:00Z'),
});

describe('Function: lookUpAccessKeys (AccessKeyLookups)', () => {
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);

  beforeEach(() => {
    sts.reset();
    iam.reset();
  });

  afterAll(() => {
    sts.restore();
    iam.restore();
  });

  it('returns the account, user, status, creation and last use of a key of this account', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT_ID });
    iam.on(GetAccessKeyLastUsedCommand).resolves({ UserName: 'ci-deployer', AccessKeyLastUsed: lastUse });
    iam
      .on(ListAccessKeysCommand, { UserName: 'ci-deployer', Marker: undefined })
      .resolves({ AccessKeyMetadata: [metadata(OTHER_KEY_ID, 'Inactive')], IsTruncated: true, Marker: 'm2' })
      .on(ListAccessKeysCommand, { UserName: 'ci-deployer', Marker: 'm2' })
      .resolves({ AccessKeyMetadata: [metadata(KEY_ID, 'Active')], IsTruncated: false });
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([
      {
        AccessKeyId: KEY_ID,
        Account: ACCOUNT_ID,
        UserName: 'ci-deployer',
        AccessKeyLastUsed: {
          LastUsedDate: '2026-11-27T08:15:00.000Z',
          ServiceName: 's3',
          Region: 'eu-west-1',
        },
        Status: 'Active',
        CreateDate: '2024-03-01T09:00:00.000Z',
      },
    ]);
    expect(sts).toHaveReceivedCommandWith(GetAccessKeyInfoCommand, { AccessKeyId: KEY_ID });
    expect(iam).toHaveReceivedCommandWith(GetAccessKeyLastUsedCommand, { AccessKeyId: KEY_ID });
    expect(iam).toHaveReceivedCommandTimes(ListAccessKeysCommand, 2);
    expect(context.errors).toEqual([]);
  });

  it('returns only the account of a key of another account, asking IAM nothing', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: OTHER_ACCOUNT });
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([{ AccessKeyId: KEY_ID, Account: OTHER_ACCOUNT }]);
    expect(iam).not.toHaveReceivedAnyCommand();
    expect(context.errors).toEqual([]);
  });

  it('returns only the account of this account’s temporary (ASIA) credentials, asking IAM nothing', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT_ID });

    // Act
    const keys = await lookUpAccessKeys(scanContext(), ['ASIAIOSFODNN7EXAMPLE']);

    // Assess
    expect(keys).toEqual([{ AccessKeyId: 'ASIAIOSFODNN7EXAMPLE', Account: ACCOUNT_ID }]);
    expect(iam).not.toHaveReceivedAnyCommand();
  });

  it('returns a key with no status, and records nothing, when IAM knows no such key (deleted)', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT_ID });
    iam
      .on(GetAccessKeyLastUsedCommand)
      .rejects(awsError('NoSuchEntityException', `The Access Key with id ${KEY_ID} cannot be found.`));
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([{ AccessKeyId: KEY_ID, Account: ACCOUNT_ID }]);
    expect(iam).not.toHaveReceivedCommand(ListAccessKeysCommand);
    expect(context.errors).toEqual([]);
  });

  it('returns the user and last use but no status for a key its user no longer lists', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT_ID });
    iam.on(GetAccessKeyLastUsedCommand).resolves({
      UserName: 'ci-deployer',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [metadata(OTHER_KEY_ID, 'Active')] });
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([
      {
        AccessKeyId: KEY_ID,
        Account: ACCOUNT_ID,
        UserName: 'ci-deployer',
        AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
      },
    ]);
    expect(context.errors).toEqual([]);
  });

  it('returns no entry and records the failure, the key id masked in its message, when GetAccessKeyInfo fails', async () => {
    // Prepare
    sts
      .on(GetAccessKeyInfoCommand)
      .rejects(
        awsError('AccessDenied', `User is not authorized to perform sts:GetAccessKeyInfo for ${KEY_ID}`),
      );
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([]);
    expect(context.errors).toEqual([
      {
        operation: 'sts:GetAccessKeyInfo',
        resource: KEY_ID,
        region: REGION,
        code: 'AccessDenied',
        message: 'User is not authorized to perform sts:GetAccessKeyInfo for AKIA************MPLE',
      },
    ]);
  });

  it('records an answer without an account as a failure rather than guess the owner', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({});
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([]);
    expect(context.errors).toEqual([
      {
        operation: 'sts:GetAccessKeyInfo',
        resource: KEY_ID,
        region: REGION,
        code: 'IncompleteResponse',
        message: 'GetAccessKeyInfo returned no account id; scan again to look the key up.',
      },
    ]);
  });

  it('returns the account only and records the failure when GetAccessKeyLastUsed is denied', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT_ID });
    iam.on(GetAccessKeyLastUsedCommand).rejects(awsError('AccessDenied', 'not authorized'));
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([{ AccessKeyId: KEY_ID, Account: ACCOUNT_ID }]);
    expect(context.errors).toEqual([
      {
        operation: 'iam:GetAccessKeyLastUsed',
        resource: KEY_ID,
        code: 'AccessDenied',
        message: 'not authorized',
      },
    ]);
  });

  it('returns the user and last use and records the failure when ListAccessKeys fails', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT_ID });
    iam.on(GetAccessKeyLastUsedCommand).resolves({ UserName: 'ci-deployer', AccessKeyLastUsed: lastUse });
    iam.on(ListAccessKeysCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    const context = scanContext();

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([
      {
        AccessKeyId: KEY_ID,
        Account: ACCOUNT_ID,
        UserName: 'ci-deployer',
        AccessKeyLastUsed: {
          LastUsedDate: '2026-11-27T08:15:00.000Z',
          ServiceName: 's3',
          Region: 'eu-west-1',
        },
      },
    ]);
    expect(context.errors).toEqual([
      { operation: 'iam:ListAccessKeys', resource: KEY_ID, code: 'Throttling', message: 'Rate exceeded' },
    ]);
  });

  it('looks each id up once per scan, however often it is found, in id order', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: OTHER_ACCOUNT });
    const context = scanContext();

    // Act
    const first = await lookUpAccessKeys(context, [KEY_ID, OTHER_KEY_ID, KEY_ID]);
    const again = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect({ first, again }).toEqual({
      first: [
        { AccessKeyId: OTHER_KEY_ID, Account: OTHER_ACCOUNT },
        { AccessKeyId: KEY_ID, Account: OTHER_ACCOUNT },
      ],
      again: [{ AccessKeyId: KEY_ID, Account: OTHER_ACCOUNT }],
    });
    expect(sts).toHaveReceivedCommandTimes(GetAccessKeyInfoCommand, 2);
  });

  it('records a lookup that throws outside any AWS call as collect:access-key, the id masked, and leaves the key unknown', async () => {
    // Prepare: building the IAM client fails (a bug, not an AWS answer), quoting the key id
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: ACCOUNT_ID });
    const base = scanContext();
    const context = {
      ...base,
      clients: {
        ...base.clients,
        iam: () => {
          throw new TypeError(`no IAM client for ${KEY_ID}`);
        },
      },
    };

    // Act
    const keys = await lookUpAccessKeys(context, [KEY_ID]);

    // Assess
    expect(keys).toEqual([]);
    expect(context.errors).toEqual([
      {
        operation: 'collect:access-key',
        resource: KEY_ID,
        code: 'TypeError',
        message: `no IAM client for ${maskKeyId(KEY_ID)}`,
      },
    ]);
  });

  it('returns nothing and calls nothing for no ids', async () => {
    // Act
    const keys = await lookUpAccessKeys(scanContext(), []);

    // Assess
    expect(keys).toEqual([]);
    expect(sts).not.toHaveReceivedAnyCommand();
  });
});

describe('Class: AccessKeyLookups', () => {
  const sts = mockClient(STSClient);

  beforeEach(() => sts.reset());
  afterAll(() => sts.restore());

  it('looks a key up as soon as it is found, once however often it is found again, and returns all in id order', async () => {
    // Prepare
    sts.on(GetAccessKeyInfoCommand).resolves({ Account: OTHER_ACCOUNT });
    const context = scanContext();
    const lookups = new AccessKeyLookups(context);

    // Act
    lookups.found([KEY_ID]);
    await new Promise((resolve) => setImmediate(resolve));
    const sentBeforeClose = sts.commandCalls(GetAccessKeyInfoCommand).length;
    lookups.found([OTHER_KEY_ID, KEY_ID]);
    const keys = await lookups.close();

    // Assess
    expect(sentBeforeClose).toBe(1);
    expect(keys).toEqual([
      { AccessKeyId: OTHER_KEY_ID, Account: OTHER_ACCOUNT },
      { AccessKeyId: KEY_ID, Account: OTHER_ACCOUNT },
    ]);
    expect(sts).toHaveReceivedCommandTimes(GetAccessKeyInfoCommand, 2);
    expect(context.lines).toEqual(['IAM: 2 access key id(s) found in applications looked up.']);
  });
});
