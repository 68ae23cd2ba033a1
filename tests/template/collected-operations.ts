/** What collection calls, as IAM authorizes it: shared by the tests of every role that scans. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const collectDirectory = fileURLToPath(new URL('../../shared/collect/', import.meta.url));

/** Where an API operation's name differs from the IAM action that authorizes it. */
export const IAM_ACTION_OF: Readonly<Record<string, string>> = {
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  // HeadObject has no action of its own: s3:GetObject authorizes it.
  's3:HeadObject': 's3:GetObject',
};

/** Reads an operation needs beyond its own action: a pinned version is read as s3:GetObjectVersion. */
export const ALSO_AUTHORIZED_BY: Readonly<Record<string, readonly string[]>> = {
  's3:GetObject': ['s3:GetObjectVersion'],
};

/** Every AWS operation collection names (its collectionErrors operation ids), read from its sources. */
export function collectedOperations(): string[] {
  const operations = readdirSync(collectDirectory)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [
      ...readFileSync(collectDirectory + file, 'utf8').matchAll(/'([a-z0-9-]+:[A-Z][A-Za-z]+)'/g),
    ])
    .map((match) => match[1] ?? '');
  return [...new Set(operations)].sort();
}
