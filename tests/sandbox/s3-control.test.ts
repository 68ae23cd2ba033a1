import {
  GetPublicAccessBlockCommand,
  ListAccessPointsCommand,
  type S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, PublicAccessBlockConfiguration } from '../../shared/snapshot/types.js';
import {
  ACCOUNT_ID,
  accountSnapshot,
  collectionError,
  OTHER_ACCOUNT_ID,
} from '../support/snapshot-builder.js';
import { awsCliAvailable, credentials, failureOf, NO_AWS_CLI, REGION } from './support/json-wire.js';
import { awsCliWithEnv, outputOf, rawRestCall, withoutRequestIds } from './support/rest-wire.js';

const accountBlock: PublicAccessBlockConfiguration = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: true,
};

/** An account whose S3 Block Public Access settings are the given ones (null: never set). */
function accountWithBlock(
  block: PublicAccessBlockConfiguration | null,
  extra: Partial<AccountSnapshot> = {},
): AccountSnapshot {
  const base = accountSnapshot();
  return { ...base, s3: { ...base.s3, accountPublicAccessBlock: block }, ...extra };
}

async function withS3Control(
  snapshot: AccountSnapshot,
  use: (client: S3ControlClient, sandbox: Sandbox) => Promise<void>,
): Promise<void> {
  const sandbox = await startSandbox({ snapshot });
  const client = createClientFactory({
    endpoint: sandbox.endpoint,
    credentials,
    maxAttempts: 1,
    env: {},
  }).s3Control(REGION);
  try {
    await use(client, sandbox);
  } finally {
    client.destroy();
    await sandbox.close();
  }
}

describe('Service: S3 Control', () => {
  describe('Operation: GetPublicAccessBlock', () => {
    let sandbox: Sandbox;
    let s3Control: S3ControlClient;

    beforeAll(async () => {
      sandbox = await startSandbox({ snapshot: accountWithBlock(accountBlock) });
      s3Control = createClientFactory({
        endpoint: sandbox.endpoint,
        credentials,
        maxAttempts: 1,
        env: {},
      }).s3Control(REGION);
    });

    afterAll(async () => {
      s3Control.destroy();
      await sandbox.close();
    });

    it('returns the account’s Block Public Access settings', async () => {
      // Act
      const output = await s3Control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT_ID }));

      // Assess
      expect(outputOf(output)).toEqual({ PublicAccessBlockConfiguration: accountBlock });
    });

    it('fails with AccessDenied for another account’s settings', async () => {
      // Act
      const failure = await failureOf(
        s3Control.send(new GetPublicAccessBlockCommand({ AccountId: OTHER_ACCOUNT_ID })),
      );

      // Assess
      expect(failure).toEqual({ name: 'AccessDenied', message: 'Access Denied', status: 403 });
    });

    it('answers an S3 Control operation the sandbox does not serve with 501 NotImplemented', async () => {
      // Act
      const failure = await failureOf(s3Control.send(new ListAccessPointsCommand({ AccountId: ACCOUNT_ID })));

      // Assess
      expect(failure).toEqual({
        name: 'NotImplemented',
        message:
          'The sandbox does not implement S3 Control GET /v20180820/accesspoint. ' +
          'It serves GetPublicAccessBlock (GET /v20180820/configuration/publicAccessBlock).',
        status: 501,
      });
    });

    it('answers an error in S3 Control’s document, wrapped and naming the account', async () => {
      // Act
      const response = await rawRestCall(sandbox.endpoint, {
        method: 'GET',
        path: '/v20180820/configuration/publicAccessBlock',
        headers: { 'x-amz-account-id': OTHER_ACCOUNT_ID },
      });

      // Assess
      expect([response.status, withoutRequestIds(response.body)]).toEqual([
        403,
        '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>AccessDenied</Code>' +
          `<Message>Access Denied</Message><AccountId>${OTHER_ACCOUNT_ID}</AccountId></Error>` +
          '<RequestId>…</RequestId><HostId>…</HostId></ErrorResponse>',
      ]);
    });
  });

  it('fails with NoSuchPublicAccessBlockConfiguration when the account never set one', async () => {
    await withS3Control(accountWithBlock(null), async (s3Control) => {
      // Act
      const failure = await failureOf(
        s3Control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT_ID })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchPublicAccessBlockConfiguration',
        message: 'The public access block configuration was not found',
        status: 404,
      });
    });
  });

  it('fails with the error the snapshot recorded for the account’s settings', async () => {
    // Prepare
    const snapshot = accountWithBlock(null, {
      collectionErrors: [collectionError('s3control:GetPublicAccessBlock')],
    });

    await withS3Control(snapshot, async (s3Control) => {
      // Act
      const failure = await failureOf(
        s3Control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT_ID })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: s3control:GetPublicAccessBlock',
        status: 403,
      });
    });
  });

  it('answers aws s3control get-public-access-block in a shape the CLI parses', async (context) => {
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    await withS3Control(accountWithBlock(accountBlock), async (_client, sandbox) => {
      // Act
      const output = await awsCliWithEnv(
        sandbox.endpoint,
        REGION,
        ['s3control', 'get-public-access-block', '--account-id', ACCOUNT_ID],
        { HTTP_PROXY: sandbox.endpoint },
      );

      // Assess
      expect(output).toEqual({ PublicAccessBlockConfiguration: accountBlock });
    });
  }, 60_000);
});
