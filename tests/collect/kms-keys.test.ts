import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { collectAccount } from '../../shared/collect/collect-account.js';
import { readKey } from '../../shared/collect/kms-keys.js';
import { account, application, key, keyArn, REGION, stream } from './support/account-builders.js';
import { fakeAws, fakeClients, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';
const ALIAS_ARN = `arn:aws:kms:${REGION}:111122223333:alias/aws/kinesis`;

describe('Function: readKey', () => {
  afterEach(() => restoreAws());

  it('returns the key with its rotation status and the aliases of every ListAliases page', async () => {
    // Prepare
    const customer = key(KEY_ID, { aliases: ['alias/c', 'alias/a', 'alias/b'], rotation: false });
    const stubs = fakeAws(account({ regions: { [REGION]: { keys: [customer] } } }), { aliases: 2 });
    const context = scanContext();

    // Act
    const read = await readKey(context, REGION, keyArn(KEY_ID));

    // Assess
    expect(read).toEqual({ ...customer, Aliases: ['alias/a', 'alias/b', 'alias/c'] });
    expect(stubs.kms).toHaveReceivedCommandTimes(ListAliasesCommand, 2);
    expect(stubs.kms).toHaveReceivedNthCommandWith(ListAliasesCommand, 2, {
      KeyId: keyArn(KEY_ID),
      Marker: '2',
    });
    expect(context.errors).toEqual([]);
  });

  it('returns an AWS-managed key reached through its alias, the alias listed, rotation true without asking', async () => {
    // Prepare
    const managed = key('0f0e0d0c-aaaa-bbbb-cccc-ddddeeeeffff', {
      manager: 'AWS',
      aliases: ['alias/aws/kinesis'],
    });
    const stubs = fakeAws(account({ regions: { [REGION]: { keys: [managed] } } }));
    stubs.kms.on(ListAliasesCommand).resolves({ Aliases: [], Truncated: false });

    // Act
    const read = await readKey(scanContext(), REGION, ALIAS_ARN);

    // Assess
    expect(read).toEqual({ ...managed, KeyRotationEnabled: true, Aliases: ['alias/aws/kinesis'] });
    expect(stubs.kms).toHaveReceivedCommandWith(DescribeKeyCommand, { KeyId: ALIAS_ARN });
    expect(stubs.kms).not.toHaveReceivedCommand(GetKeyRotationStatusCommand);
  });

  it('returns a key of another account without listing aliases it cannot see', async () => {
    // Prepare
    const foreign = key(KEY_ID);
    const foreignArn = foreign.KeyMetadata.Arn.replace('111122223333', '444455556666');
    const theirs = {
      ...foreign,
      KeyMetadata: { ...foreign.KeyMetadata, AWSAccountId: '444455556666', Arn: foreignArn },
    };
    const stubs = fakeAws(account({ regions: { [REGION]: { keys: [theirs] } } }));

    // Act
    const read = await readKey(scanContext(), REGION, foreignArn);

    // Assess
    expect(read).toEqual({ ...theirs, Aliases: [] });
    expect(stubs.kms).not.toHaveReceivedCommand(ListAliasesCommand);
  });

  it('returns null rotation for an asymmetric key, where rotation does not apply', async () => {
    // Prepare
    const signing = key(KEY_ID);
    const asymmetric = {
      ...signing,
      KeyMetadata: { ...signing.KeyMetadata, KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' },
    };
    const stubs = fakeAws(account({ regions: { [REGION]: { keys: [asymmetric] } } }));

    // Act
    const read = await readKey(scanContext(), REGION, keyArn(KEY_ID));

    // Assess
    expect(read).toEqual({ ...asymmetric, KeyRotationEnabled: null });
    expect(stubs.kms).not.toHaveReceivedCommand(GetKeyRotationStatusCommand);
  });
});

describe('Function: collectAccount (KMS denied)', () => {
  afterEach(() => restoreAws());

  it('returns the rest of the account with a collection error when kms:DescribeKey is denied', async () => {
    // Prepare
    const encrypted = stream('encrypted', keyArn(KEY_ID));
    const app = application('app', { properties: { 'input.stream.name': 'encrypted' } });
    const stubs = fakeAws(
      account({ regions: { [REGION]: { applications: [app], streams: [encrypted], keys: [key(KEY_ID)] } } }),
    );
    const message = `User: arn:aws:sts::111122223333:assumed-role/kda-auditor/scan is not authorized to perform: kms:DescribeKey on resource: ${keyArn(KEY_ID)}`;
    stubs.kms.on(DescribeKeyCommand).rejects(awsError('AccessDeniedException', message));

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({ [REGION]: { applications: [app], streams: [encrypted] } });
    expect(snapshot.collectionErrors).toEqual([
      {
        operation: 'kms:DescribeKey',
        resource: keyArn(KEY_ID),
        region: REGION,
        code: 'AccessDeniedException',
        message,
      },
    ]);
    expect(stubs.kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 1);
  });
});
