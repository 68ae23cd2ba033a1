import { parseArn } from '../../shared/arn.js';
import type { KeyDetail } from '../../shared/snapshot/types.js';
import { AwsServiceError, type OperationContext } from '../types.js';
import { guard, regionSection } from './lookups.js';

/** The account a key belongs to: its metadata's, else its ARN's. */
export function keyAccount(key: KeyDetail): string {
  return key.KeyMetadata.AWSAccountId ?? parseArn(key.KeyMetadata.Arn)?.accountId ?? '';
}

/** The ARN of an alias of the caller's account in the request's region. */
export function aliasArn(context: OperationContext, alias: string): string {
  const { partition, accountId } = context.state;
  return `arn:${partition}:kms:${context.region}:${accountId}:${alias}`;
}

/**
 * The KMS key a `KeyId` names in the request's region, as KMS resolves it: key id, key ARN,
 * alias name (`alias/x`) or alias ARN; aliases through each key's `Aliases`. Fails first as the
 * snapshot recorded (a `collectionErrors` entry for the reference as given, its ARN, or the key's
 * ARN), then with KMS's own NotFoundException.
 */
export function resolveKey(context: OperationContext, operation: string, reference: string): KeyDetail {
  const qualified = qualifiedReference(context, reference);
  for (const resource of new Set([reference, qualified])) guard(context, operation, resource);
  const parsed = parseArn(qualified);
  if (parsed && parsed.region !== context.region) {
    // KMS is regional: an ARN of another region is not a key this endpoint knows.
    throw new AwsServiceError('NotFoundException', `Invalid arn ${parsed.region}`);
  }
  const resource = parsed?.resource ?? reference;
  const key = (regionSection(context).keys ?? []).find((candidate) =>
    resource.startsWith('alias/')
      ? keyAccount(candidate) === parsed?.accountId && (candidate.Aliases ?? []).includes(resource)
      : candidate.KeyMetadata.Arn === qualified,
  );
  if (!key) {
    throw new AwsServiceError(
      'NotFoundException',
      resource.startsWith('alias/')
        ? `Alias ${qualified} is not found.`
        : `Key '${qualified}' does not exist`,
    );
  }
  if (key.KeyMetadata.Arn !== qualified) guard(context, operation, key.KeyMetadata.Arn);
  return key;
}

/** A key id or alias name as the ARN KMS reads it as: the caller's account, the request's region. */
function qualifiedReference(context: OperationContext, reference: string): string {
  if (reference.startsWith('arn:')) return reference;
  if (reference.startsWith('alias/')) return aliasArn(context, reference);
  const { partition, accountId } = context.state;
  return `arn:${partition}:kms:${context.region}:${accountId}:key/${reference}`;
}
