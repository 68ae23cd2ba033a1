import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  type KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, KeyDetail } from '../../shared/snapshot/types.js';
import {
  ACCOUNT,
  awsCli,
  awsCliAvailable,
  credentials,
  failureOf,
  NO_AWS_CLI,
  REGION,
  rawJsonCall,
} from './support/json-wire.js';

const OTHER_ACCOUNT = '444455556666';
const OTHER_REGION = 'us-east-1';
const keyArn = (id: string, account = ACCOUNT, region = REGION) =>
  `arn:aws:kms:${region}:${account}:key/${id}`;
const aliasArn = (alias: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:${alias}`;

function key(
  id: string,
  fields: Partial<KeyDetail['KeyMetadata']> = {},
  extra: Partial<KeyDetail> = {},
): KeyDetail {
  const account = fields.AWSAccountId ?? ACCOUNT;
  return {
    KeyMetadata: {
      AWSAccountId: account,
      KeyId: id,
      Arn: keyArn(id, account),
      CreationDate: '2024-05-01T00:00:00Z',
      Enabled: true,
      KeyState: 'Enabled',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      ...fields,
    },
    KeyRotationEnabled: true,
    Aliases: [],
    ...extra,
  };
}

const streams = key('1111', {}, { Aliases: ['alias/acme-streams', 'alias/acme-sinks'] });
const awsManaged = key('2222', { KeyManager: 'AWS' }, { Aliases: ['alias/aws/kinesis'] });
const signing = key('3333', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }, { KeyRotationEnabled: null });
const foreign = key('4444', { AWSAccountId: OTHER_ACCOUNT });

const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  regions: {
    [REGION]: { keys: [streams, awsManaged, signing, foreign] },
    [OTHER_REGION]: { keys: [key('5555', { Arn: keyArn('5555', ACCOUNT, OTHER_REGION) })] },
  },
  collectionErrors: [
    {
      operation: 'kms:DescribeKey',
      resource: aliasArn('alias/denied'),
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: kms:DescribeKey',
    },
  ],
};

/** KeyMetadata as the SDK returns it: dates as Date objects. */
function returned(detail: KeyDetail): Record<string, unknown> {
  return { ...detail.KeyMetadata, CreationDate: new Date('2024-05-01T00:00:00Z') };
}

describe('Service: KMS (sandbox)', () => {
  let sandbox: Sandbox;
  let client: KMSClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).kms(REGION);
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: DescribeKey', () => {
    it.each([
      ['key id', '1111'],
      ['key ARN', keyArn('1111')],
      ['alias name', 'alias/acme-sinks'],
      ['alias ARN', aliasArn('alias/acme-streams')],
    ])('returns the key metadata for a %s', async (_kind, reference) => {
      // Act
      const { $metadata, ...response } = await client.send(new DescribeKeyCommand({ KeyId: reference }));

      // Assess
      expect(response).toEqual({ KeyMetadata: returned(streams) });
    });

    it('returns another account’s key by its ARN', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new DescribeKeyCommand({ KeyId: keyArn('4444', OTHER_ACCOUNT) }),
      );

      // Assess
      expect(response).toEqual({ KeyMetadata: returned(foreign) });
    });

    it('returns NotFoundException for a key ARN of another region', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeKeyCommand({ KeyId: keyArn('5555', ACCOUNT, OTHER_REGION) })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'NotFoundException',
        message: `Invalid arn ${OTHER_REGION}`,
        status: 400,
      });
    });

    it('returns NotFoundException for an alias that does not exist', async () => {
      // Act
      const failure = await failureOf(client.send(new DescribeKeyCommand({ KeyId: 'alias/gone' })));

      // Assess
      expect(failure).toEqual({
        name: 'NotFoundException',
        message: `Alias ${aliasArn('alias/gone')} is not found.`,
        status: 400,
      });
    });

    it('returns the recorded AccessDeniedException for a reference collection could not read', async () => {
      // Act
      const failure = await failureOf(client.send(new DescribeKeyCommand({ KeyId: 'alias/denied' })));

      // Assess
      expect(failure).toEqual({
        name: 'AccessDeniedException',
        message: 'User is not authorized to perform: kms:DescribeKey',
        status: 403,
      });
    });
  });

  describe('Operation: GetKeyRotationStatus', () => {
    it('returns the rotation of a customer managed key', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new GetKeyRotationStatusCommand({ KeyId: '1111' }),
      );

      // Assess
      expect(response).toEqual({ KeyRotationEnabled: true, KeyId: keyArn('1111') });
    });

    it('returns true, yearly, for an AWS managed key', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new GetKeyRotationStatusCommand({ KeyId: keyArn('2222') }),
      );

      // Assess
      expect(response).toEqual({
        KeyRotationEnabled: true,
        KeyId: keyArn('2222'),
        RotationPeriodInDays: 365,
      });
    });

    it('returns UnsupportedOperationException for an asymmetric key', async () => {
      // Act
      const failure = await failureOf(client.send(new GetKeyRotationStatusCommand({ KeyId: '3333' })));

      // Assess
      expect(failure).toEqual({
        name: 'UnsupportedOperationException',
        message: `${keyArn('3333')} (key spec RSA_2048, origin AWS_KMS) does not support automatic key rotation.`,
        status: 400,
      });
    });
  });

  describe('Operation: ListAliases', () => {
    it('returns the first page of the aliases of the key asked for', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new ListAliasesCommand({ KeyId: keyArn('1111'), Limit: 10 }),
      );

      // Assess
      expect(response).toEqual({
        Aliases: [
          { AliasName: 'alias/acme-streams', AliasArn: aliasArn('alias/acme-streams'), TargetKeyId: '1111' },
        ],
        Truncated: true,
        NextMarker: expect.any(String),
      });
    });

    it('returns every alias of the account across pages', async () => {
      // Act
      const names: (string | undefined)[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(new ListAliasesCommand({ Marker: marker }));
        names.push(...(page.Aliases ?? []).map((alias) => alias.AliasName));
        marker = page.Truncated ? page.NextMarker : undefined;
      } while (marker);

      // Assess
      expect(names).toEqual(['alias/acme-streams', 'alias/acme-sinks', 'alias/aws/kinesis']);
    });

    it('returns InvalidMarkerException for a marker the sandbox did not issue', async () => {
      // Act
      const failure = await failureOf(client.send(new ListAliasesCommand({ Marker: 'bogus' })));

      // Assess
      expect(failure).toEqual({
        name: 'InvalidMarkerException',
        message: 'Invalid pagination token: bogus',
        status: 400,
      });
    });
  });

  describe('Operation: ListKeys', () => {
    it('returns the account’s own keys of the region, page by page', async () => {
      // Act
      const { $metadata, ...response } = await client.send(new ListKeysCommand({}));

      // Assess
      expect(response).toEqual({
        Keys: [{ KeyId: '1111', KeyArn: keyArn('1111') }],
        Truncated: true,
        NextMarker: expect.any(String),
      });
    });
  });

  it('returns UnknownOperationException for an operation the sandbox does not serve', async () => {
    // Act
    const response = await rawJsonCall(sandbox.endpoint, {
      target: 'TrentService.Decrypt',
      signingName: 'kms',
      body: { CiphertextBlob: 'AA==' },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: {
        __type: 'UnknownOperationException',
        message: 'Operation TrentService.Decrypt is not supported by the sandbox.',
      },
    });
  });

  it('answers the AWS CLI, which follows the markers across pages', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, ['kms', 'list-keys']);

    // Assess
    expect(output).toEqual({
      Keys: ['1111', '2222', '3333'].map((id) => ({ KeyId: id, KeyArn: keyArn(id) })),
    });
  }, 60_000);
});
