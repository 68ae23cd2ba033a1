/** What collection calls, as IAM authorizes it: shared by the tests of every role that scans. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const collectDirectory = fileURLToPath(new URL('../../shared/collect/', import.meta.url));
// Operations collection shares with evaluation live beside the snapshot format.
const sharedOperations = fileURLToPath(
  new URL('../../shared/snapshot/application-listing.ts', import.meta.url),
);

/** Reads an operation needs beyond its own action: a pinned version is read as s3:GetObjectVersion. */
export const ALSO_AUTHORIZED_BY: Readonly<Record<string, readonly string[]>> = {
  's3:GetObject': ['s3:GetObjectVersion'],
};

/** Every AWS operation collection names (its collectionErrors operation ids), read from its sources. */
export function collectedOperations(): string[] {
  const operations = [
    ...readdirSync(collectDirectory)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => collectDirectory + file),
    sharedOperations,
  ]
    .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/'([a-z0-9-]+:[A-Z][A-Za-z]+)'/g)])
    .map((match) => match[1] ?? '');
  return [...new Set(operations)].sort();
}
