import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { parseArn } from '../../shared/arn.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, KeyDetail } from '../../shared/snapshot/types.js';
import type { IdMapping } from './id-mapping.js';
import { MotoCrossCheckError } from './moto-errors.js';

const DESCRIBE_KEY = 'kms:DescribeKey';

/**
 * A key policy that denies kms:DescribeKey to everyone: moto then answers AccessDeniedException,
 * which is how a snapshot's `kms:DescribeKey` collection error is reproduced.
 */
const DESCRIBE_DENIED_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
    { Sid: 'HideMetadata', Effect: 'Deny', Principal: { AWS: '*' }, Action: DESCRIBE_KEY, Resource: '*' },
  ],
});

/**
 * Creates the snapshot's KMS keys in moto (CreateKey, CreateAlias, EnableKeyRotation, then
 * DisableKey or ScheduleKeyDeletion) and records each moto key id against the snapshot's. A key
 * the snapshot could not describe (a `kms:DescribeKey` collection error) is created with a policy
 * that denies DescribeKey. AWS managed keys cannot be created: moto's own default key is used when
 * it has one for the alias, else a customer key carrying the `alias/aws/…` alias stands in.
 */
export async function seedKeys(
  clients: ClientFactory,
  snapshot: AccountSnapshot,
  mapping: IdMapping,
): Promise<void> {
  const keys = Object.entries(snapshot.regions ?? {}).flatMap(([region, section]) =>
    (section.keys ?? []).map((key) => ({ region, key })),
  );
  await Promise.all(
    keys.map(async ({ region, key }) => {
      const keyRegion = parseArn(key.KeyMetadata.Arn)?.region || region;
      const created = await createKey(clients.kms(keyRegion), key);
      mapping.add(key.KeyMetadata.KeyId, created);
    }),
  );
  await Promise.all(
    undescribableKeys(snapshot).map(async ({ region, keyId }) => {
      const created = await clients.kms(region).send(
        new CreateKeyCommand({
          Description: 'A key the snapshot could not describe',
          Policy: DESCRIBE_DENIED_POLICY,
          BypassPolicyLockoutSafetyCheck: true,
        }),
      );
      mapping.add(keyId, requiredKeyId(created.KeyMetadata?.KeyId, keyId));
    }),
  );
}

async function createKey(kms: KMSClient, key: KeyDetail): Promise<string> {
  const metadata = key.KeyMetadata;
  if (metadata.KeyManager === 'AWS') {
    const motoDefault = await motoDefaultKey(kms, key.Aliases ?? []);
    if (motoDefault) return motoDefault;
  }
  const created = await kms.send(
    new CreateKeyCommand({
      Description: typeof metadata.Description === 'string' ? metadata.Description : undefined,
      // Safe: the snapshot holds DescribeKey's own values for these enums.
      KeyUsage: metadata.KeyUsage as KeyUsageType | undefined,
      KeySpec: (metadata.KeySpec ?? metadata.CustomerMasterKeySpec) as KeySpec | undefined,
      MultiRegion: metadata.MultiRegion === true ? true : undefined,
    }),
  );
  const keyId = requiredKeyId(created.KeyMetadata?.KeyId, metadata.KeyId);
  for (const alias of key.Aliases ?? []) {
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
  }
  // Rotation first: KMS refuses to change a disabled key's rotation.
  if (key.KeyRotationEnabled === true) await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
  if (metadata.KeyState === 'Disabled') await kms.send(new DisableKeyCommand({ KeyId: keyId }));
  if (metadata.KeyState === 'PendingDeletion') {
    const days = metadata.PendingDeletionWindowInDays;
    await kms.send(
      new ScheduleKeyDeletionCommand({
        KeyId: keyId,
        PendingWindowInDays: typeof days === 'number' ? days : 7,
      }),
    );
  }
  return keyId;
}

/** moto's own key behind a reserved `alias/aws/…` alias (it creates those on first use). */
async function motoDefaultKey(kms: KMSClient, aliases: readonly string[]): Promise<string | undefined> {
  for (const alias of aliases.filter((name) => name.startsWith('alias/aws/'))) {
    try {
      const described = await kms.send(new DescribeKeyCommand({ KeyId: alias }));
      if (described.KeyMetadata?.KeyId) return described.KeyMetadata.KeyId;
    } catch (error) {
      if (!(error instanceof Error && error.name === 'NotFoundException')) throw error;
    }
  }
  return undefined;
}

/** Keys the snapshot names only in a `kms:DescribeKey` collection error, by key ARN. */
function undescribableKeys(snapshot: AccountSnapshot): { region: string; keyId: string }[] {
  return (snapshot.collectionErrors ?? []).flatMap((error) => {
    const arn = error.operation === DESCRIBE_KEY && error.resource ? parseArn(error.resource) : undefined;
    if (!arn?.resource.startsWith('key/')) return [];
    return [{ region: arn.region, keyId: arn.resource.slice('key/'.length) }];
  });
}

function requiredKeyId(keyId: string | undefined, wanted: string): string {
  if (!keyId) throw new MotoCrossCheckError(`moto's CreateKey returned no KeyId for snapshot key ${wanted}.`);
  return keyId;
}
