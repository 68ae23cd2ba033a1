import { GetAccessKeyLastUsedCommand, type IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { CallGovernor } from '../../shared/aws/governor.js';
import { OncePerScan } from '../../shared/collect/once-per-scan.js';
import type { AccessKeyDetail, CollectionError } from '../../shared/snapshot/types.js';
import { lookUpAccessKeys } from '../collect/support/collect-at-once.js';
import {
  ACTIVE_KEY_ID,
  FOREIGN_KEY_ID,
  foreignKey,
  INACTIVE_KEY_ID,
  userKey,
  withAccessKeys,
} from '../support/access-key-fixtures.js';
import { accountSnapshot, collectionError } from '../support/snapshot-builder.js';
import {
  ACCOUNT,
  awsCli,
  awsCliAvailable,
  credentials,
  failureOf,
  NO_AWS_CLI,
  REGION,
} from './support/json-wire.js';
import { markerPages } from './support/query-wire.js';

// IAM is global: the SDK and the CLI sign it for us-east-1.
const SIGNING_REGION = 'us-east-1';
const DELETED_KEY_ID = 'AKIADELETEDKEY000001';
const REPLAYED_KEY_ID = 'AKIAGONESINCELOOKUP1';
const DENIED_KEY_ID = 'AKIADENIEDKEY0000001';
const THROTTLED_KEY_ID = 'AKIATHROTTLEDKEY0001';
const FOREIGN_ACCOUNT = '999999999999';

const lookups: AccessKeyDetail[] = [
  userKey(ACTIVE_KEY_ID),
  userKey(INACTIVE_KEY_ID, { status: 'Inactive', lastUsed: { ServiceName: 'N/A', Region: 'N/A' } }),
  // A key IAM does not know any more, and one deleted between GetAccessKeyLastUsed and ListAccessKeys.
  { AccessKeyId: DELETED_KEY_ID, Account: ACCOUNT },
  userKey(REPLAYED_KEY_ID, { status: null }),
  foreignKey(),
  { AccessKeyId: DENIED_KEY_ID, Account: ACCOUNT },
  userKey(THROTTLED_KEY_ID, { userName: 'batch', status: null }),
];
const snapshot = withAccessKeys(
  accountSnapshot({
    collectionErrors: [
      collectionError('iam:GetAccessKeyLastUsed', DENIED_KEY_ID),
      collectionError('iam:ListAccessKeys', THROTTLED_KEY_ID, 'Throttling'),
    ],
  }),
  lookups,
);

describe('Service: IAM access keys (sandbox)', () => {
  let sandbox: Sandbox;
  let client: IAMClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).iam();
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: GetAccessKeyLastUsed', () => {
    it('returns the user and last use of a key of the account', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new GetAccessKeyLastUsedCommand({ AccessKeyId: ACTIVE_KEY_ID }),
      );

      // Assess
      expect(response).toEqual({
        UserName: 'ci-deployer',
        AccessKeyLastUsed: {
          LastUsedDate: new Date('2026-11-27T08:15:00Z'),
          ServiceName: 's3',
          Region: 'eu-west-1',
        },
      });
    });

    it('returns N/A service and region for a key never used', async () => {
      // Act
      const { AccessKeyLastUsed } = await client.send(
        new GetAccessKeyLastUsedCommand({ AccessKeyId: INACTIVE_KEY_ID }),
      );

      // Assess
      expect(AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
    });

    it.each([
      ['a key the account’s IAM does not know', DELETED_KEY_ID],
      ['a key of another account', FOREIGN_KEY_ID],
      ['a key nobody looked up', 'AKIANEVERLOOKEDUP001'],
    ])('returns NoSuchEntity (404) for %s', async (_case, id) => {
      // Act
      const failure = await failureOf(client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id })));

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchEntityException',
        message: `The Access Key with id ${id} cannot be found.`,
        status: 404,
      });
    });

    it('returns the recorded failure for a key collection could not look up', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: DENIED_KEY_ID })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: iam:GetAccessKeyLastUsed',
        status: 403,
      });
    });

    it('returns ValidationError for an id shorter than IAM accepts', async () => {
      // Act
      const failure = await failureOf(client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIA' })));

      // Assess
      expect(failure).toEqual({
        name: 'ValidationError',
        message:
          "1 validation error detected: Value 'AKIA' at 'accessKeyId' failed to satisfy constraint: " +
          'Member must have length greater than or equal to 16',
        status: 400,
      });
    });
  });

  describe('Operation: ListAccessKeys', () => {
    it('returns the user’s existing keys page by page, without deleted ones', async () => {
      // Act
      const pages = await markerPages((Marker) =>
        client.send(new ListAccessKeysCommand({ UserName: 'ci-deployer', Marker })),
      );

      // Assess
      const listed = (AccessKeyId: string, Status: string) => ({
        UserName: 'ci-deployer',
        AccessKeyId,
        Status,
        CreateDate: new Date('2024-03-01T09:00:00Z'),
      });
      expect(pages).toEqual([
        {
          AccessKeyMetadata: [listed(ACTIVE_KEY_ID, 'Active')],
          IsTruncated: true,
          Marker: expect.any(String),
        },
        { AccessKeyMetadata: [listed(INACTIVE_KEY_ID, 'Inactive')], IsTruncated: false },
      ]);
    });

    it('returns an empty list for the caller’s own user when no UserName is given', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(new ListAccessKeysCommand({}));

      // Assess
      expect(response).toEqual({ AccessKeyMetadata: [], IsTruncated: false });
    });

    it('returns NoSuchEntity (404) for a user that does not exist', async () => {
      // Act
      const failure = await failureOf(client.send(new ListAccessKeysCommand({ UserName: 'ghost' })));

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchEntityException',
        message: 'The user with name ghost cannot be found.',
        status: 404,
      });
    });

    it('returns the recorded failure for the user of a key whose listing failed', async () => {
      // Act
      const failure = await failureOf(client.send(new ListAccessKeysCommand({ UserName: 'batch' })));

      // Assess
      expect(failure).toEqual({
        name: 'Throttling',
        message: 'User is not authorized to perform: iam:ListAccessKeys',
        status: 400,
      });
    });
  });

  describe('Collection against the sandbox', () => {
    it('gives back every lookup and failure the snapshot holds, and a foreign account for unknown ids', async () => {
      // Prepare
      const clients = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 });
      const context = {
        clients,
        governor: new CallGovernor(),
        homeRegion: REGION,
        progress: () => {},
        errors: [] as CollectionError[],
        once: new OncePerScan(),
        accountId: ACCOUNT,
        partition: 'aws',
      };
      const unknownId = 'AKIANEVERLOOKEDUP001';

      // Act
      const keys = await lookUpAccessKeys(context, [...lookups.map((key) => key.AccessKeyId), unknownId]);

      // Assess
      const byId = (a: AccessKeyDetail, b: AccessKeyDetail) => a.AccessKeyId.localeCompare(b.AccessKeyId);
      expect(keys).toEqual(
        [
          ...lookups.map((key) =>
            key.AccessKeyId === ACTIVE_KEY_ID || key.AccessKeyId === INACTIVE_KEY_ID
              ? { ...key, CreateDate: '2024-03-01T09:00:00.000Z', ...lastUsedAsRead(key) }
              : { ...key, ...lastUsedAsRead(key) },
          ),
          { AccessKeyId: unknownId, Account: FOREIGN_ACCOUNT },
        ].sort(byId),
      );
      expect([...context.errors].sort((a, b) => a.operation.localeCompare(b.operation))).toEqual([
        {
          operation: 'iam:GetAccessKeyLastUsed',
          resource: DENIED_KEY_ID,
          code: 'AccessDenied',
          message: 'User is not authorized to perform: iam:GetAccessKeyLastUsed',
        },
        {
          operation: 'iam:ListAccessKeys',
          resource: THROTTLED_KEY_ID,
          code: 'Throttling',
          message: 'User is not authorized to perform: iam:ListAccessKeys',
        },
      ]);
      clients.iam().destroy();
      clients.sts(REGION).destroy();
    });
  });

  it('answers the AWS CLI', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const lastUsed = await awsCli(sandbox.endpoint, SIGNING_REGION, [
      'iam',
      'get-access-key-last-used',
      '--access-key-id',
      ACTIVE_KEY_ID,
    ]);
    const listed = await awsCli(sandbox.endpoint, SIGNING_REGION, [
      'iam',
      'list-access-keys',
      '--user-name',
      'ci-deployer',
    ]);

    // Assess
    expect({ lastUsed, listed }).toEqual({
      lastUsed: {
        UserName: 'ci-deployer',
        AccessKeyLastUsed: { LastUsedDate: '2026-11-27T08:15:00Z', ServiceName: 's3', Region: 'eu-west-1' },
      },
      listed: {
        AccessKeyMetadata: [
          {
            UserName: 'ci-deployer',
            AccessKeyId: ACTIVE_KEY_ID,
            Status: 'Active',
            CreateDate: '2024-03-01T09:00:00Z',
          },
          {
            UserName: 'ci-deployer',
            AccessKeyId: INACTIVE_KEY_ID,
            Status: 'Inactive',
            CreateDate: '2024-03-01T09:00:00Z',
          },
        ],
      },
    });
  }, 60_000);
});

/** A lookup's last use as the SDK reads it back: timestamps with milliseconds. */
function lastUsedAsRead(key: AccessKeyDetail): Partial<AccessKeyDetail> {
  const lastUsed = key.AccessKeyLastUsed;
  if (!lastUsed?.LastUsedDate) return {};
  return { AccessKeyLastUsed: { ...lastUsed, LastUsedDate: new Date(lastUsed.LastUsedDate).toISOString() } };
}
