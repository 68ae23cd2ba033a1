import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  type KeyMetadata,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import { parseArn } from '../arn.js';
import type { KeyDetail } from '../snapshot/types.js';
import { callAws, callAwsPages, type ScanContext } from './collection-context.js';
import { snapshotShape } from './snapshot-shape.js';

/** What is read once per key, whichever ARN or alias led to it. */
interface KeyExtras {
  rotation?: boolean | null;
  aliases: string[];
}

/**
 * A KMS key (DescribeKey) given as key ARN, alias ARN, key id or alias name, with its rotation
 * status (customer-managed symmetric keys) and aliases (ListAliases). The alias the key was
 * reached through is always among its aliases, so the snapshot resolves that reference again.
 * Undefined when the key does not exist or DescribeKey failed (recorded).
 */
export async function readKey(
  context: ScanContext,
  region: string,
  reference: string,
): Promise<KeyDetail | undefined> {
  const described = await callAws(
    context,
    { operation: 'kms:DescribeKey', region, resource: reference, absentOn: ['NotFoundException'] },
    () => context.clients.kms(region).send(new DescribeKeyCommand({ KeyId: reference })),
  );
  const metadata = described.status === 'ok' ? described.value.KeyMetadata : undefined;
  if (!metadata?.Arn || !metadata.KeyId) return undefined;
  const keyArn = metadata.Arn;
  const keyRegion = parseArn(keyArn)?.region || region;
  const extras = await context.once.run(`kms-key-extras|${keyArn}`, () =>
    keyExtras(context, keyRegion, metadata, keyArn),
  );
  const reachedThrough = aliasName(reference);
  const aliases = [...new Set([...extras.aliases, ...(reachedThrough ? [reachedThrough] : [])])].sort();
  return {
    KeyMetadata: { ...snapshotShape(metadata), KeyId: metadata.KeyId, Arn: keyArn },
    ...(extras.rotation !== undefined ? { KeyRotationEnabled: extras.rotation } : {}),
    Aliases: aliases,
  };
}

async function keyExtras(
  context: ScanContext,
  region: string,
  metadata: KeyMetadata,
  keyArn: string,
): Promise<KeyExtras> {
  const [rotation, aliases] = await Promise.all([
    rotationStatus(context, region, metadata, keyArn),
    // ListAliases only lists the caller's own aliases: another account's key has none we can see.
    metadata.AWSAccountId === context.accountId ? keyAliases(context, region, keyArn) : [],
  ]);
  return { ...(rotation !== undefined ? { rotation } : {}), aliases };
}

/**
 * true/false for customer-managed symmetric keys (GetKeyRotationStatus); true for AWS-managed keys,
 * which AWS rotates every year and whose rotation cannot be changed; null where rotation does not
 * apply (asymmetric, HMAC, imported or custom-store keys); undefined when the read failed.
 */
async function rotationStatus(
  context: ScanContext,
  region: string,
  metadata: KeyMetadata,
  keyArn: string,
): Promise<boolean | null | undefined> {
  if (metadata.KeyManager === 'AWS') return true;
  const spec = metadata.KeySpec ?? metadata.CustomerMasterKeySpec;
  const rotatable =
    metadata.KeyManager === 'CUSTOMER' &&
    spec === 'SYMMETRIC_DEFAULT' &&
    (metadata.Origin ?? 'AWS_KMS') === 'AWS_KMS';
  if (!rotatable) return null;
  const outcome = await callAws(
    context,
    {
      operation: 'kms:GetKeyRotationStatus',
      region,
      resource: keyArn,
      // KMS answers these for keys whose rotation cannot be read (pending deletion, unavailable):
      // rotation does not apply, which is an answer, not a failure.
      absentOn: ['UnsupportedOperationException', 'KMSInvalidStateException'],
    },
    () => context.clients.kms(region).send(new GetKeyRotationStatusCommand({ KeyId: keyArn })),
  );
  if (outcome.status === 'absent') return null;
  return outcome.status === 'ok' ? (outcome.value.KeyRotationEnabled ?? false) : undefined;
}

async function keyAliases(context: ScanContext, region: string, keyArn: string): Promise<string[]> {
  const kms = context.clients.kms(region);
  const pages = await callAwsPages(
    context,
    { operation: 'kms:ListAliases', region, resource: keyArn },
    (marker) => kms.send(new ListAliasesCommand({ KeyId: keyArn, Marker: marker })),
    (page) => (page.Truncated ? page.NextMarker : undefined),
  );
  if (pages.status !== 'ok') return [];
  return pages.value.flatMap((page) => page.Aliases ?? []).flatMap((alias) => alias.AliasName ?? []);
}

/** `alias/name` from an alias ARN or alias name; undefined for key ids and key ARNs. */
function aliasName(reference: string): string | undefined {
  const resource = parseArn(reference)?.resource ?? reference;
  return resource.startsWith('alias/') ? resource : undefined;
}
