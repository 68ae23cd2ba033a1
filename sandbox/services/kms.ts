import type { KeyDetail } from '../../shared/snapshot/types.js';
import { paginate } from '../state.js';
import { AwsServiceError, type JsonService, type OperationContext } from '../types.js';
import { optionalString, requiredString } from './json-input.js';
import { aliasArn, keyAccount, resolveKey } from './kms-key-lookup.js';
import { guard, regionSection } from './lookups.js';

// KMS's documented defaults: ListKeys pages by 100, ListAliases by 50.
const KEYS_PAGE = 100;
const ALIASES_PAGE = 50;
// AWS managed keys rotate every year, and their period cannot be changed.
const AWS_MANAGED_ROTATION_DAYS = 365;
// Key states in which KMS refuses GetKeyRotationStatus (the key material is not usable).
const UNREADABLE_ROTATION_STATES: readonly string[] = ['PendingImport', 'Unavailable', 'Creating'];

/** AWS KMS (TrentService): keys, their rotation and aliases, in the request's region. */
export const kmsService: JsonService = {
  signingName: 'kms',
  targetPrefixes: ['TrentService'],
  operations: {
    DescribeKey(input, context) {
      const reference = requiredString(input, 'KeyId', 'ValidationException');
      return { KeyMetadata: resolveKey(context, 'kms:DescribeKey', reference).KeyMetadata };
    },
    GetKeyRotationStatus(input, context) {
      const reference = requiredString(input, 'KeyId', 'ValidationException');
      return rotationStatus(resolveKey(context, 'kms:GetKeyRotationStatus', reference));
    },
    ListKeys(input, context) {
      guard(context, 'kms:ListKeys', undefined);
      const page = paginate(ownKeys(context), {
        token: input.Marker,
        limit: input.Limit,
        defaultLimit: KEYS_PAGE,
        state: context.state,
        invalidTokenCode: 'InvalidMarkerException',
      });
      return {
        Keys: page.items.map((key) => ({ KeyId: key.KeyMetadata.KeyId, KeyArn: key.KeyMetadata.Arn })),
        ...truncation(page.nextToken),
      };
    },
    ListAliases(input, context) {
      const reference = optionalString(input, 'KeyId');
      if (reference === undefined) guard(context, 'kms:ListAliases', undefined);
      const key = reference === undefined ? undefined : resolveKey(context, 'kms:ListAliases', reference);
      // ListAliases never shows another account's aliases, even for its key.
      const keys = key ? ownKeys(context).filter((candidate) => candidate === key) : ownKeys(context);
      const aliases = keys.flatMap((candidate) =>
        (candidate.Aliases ?? []).map((alias) => ({
          AliasName: alias,
          AliasArn: aliasArn(context, alias),
          TargetKeyId: candidate.KeyMetadata.KeyId,
        })),
      );
      const page = paginate(aliases, {
        token: input.Marker,
        limit: input.Limit,
        defaultLimit: ALIASES_PAGE,
        state: context.state,
        invalidTokenCode: 'InvalidMarkerException',
      });
      return { Aliases: page.items, ...truncation(page.nextToken) };
    },
  },
};

/** The caller's own keys in the request's region: List* operations never show other accounts'. */
function ownKeys(context: OperationContext): KeyDetail[] {
  return (regionSection(context).keys ?? []).filter((key) => keyAccount(key) === context.state.accountId);
}

function truncation(nextToken: string | undefined): { Truncated: boolean; NextMarker?: string } {
  return nextToken ? { Truncated: true, NextMarker: nextToken } : { Truncated: false };
}

/**
 * GetKeyRotationStatus as KMS answers it: always true for AWS managed keys; UnsupportedOperation
 * where rotation does not apply (asymmetric, HMAC, imported or custom-store keys, and a snapshot
 * that says `KeyRotationEnabled: null`); false while the key is pending deletion.
 */
function rotationStatus(key: KeyDetail): Record<string, unknown> {
  const metadata = key.KeyMetadata;
  if (metadata.KeyManager === 'AWS') {
    return { KeyRotationEnabled: true, KeyId: metadata.Arn, RotationPeriodInDays: AWS_MANAGED_ROTATION_DAYS };
  }
  const spec = metadata.KeySpec ?? metadata.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  const origin = metadata.Origin ?? 'AWS_KMS';
  if (spec !== 'SYMMETRIC_DEFAULT' || origin !== 'AWS_KMS' || key.KeyRotationEnabled === null) {
    throw new AwsServiceError(
      'UnsupportedOperationException',
      `${metadata.Arn} (key spec ${String(spec)}, origin ${origin}) does not support automatic key rotation.`,
    );
  }
  const state = metadata.KeyState ?? 'Enabled';
  if (UNREADABLE_ROTATION_STATES.includes(state)) {
    throw new AwsServiceError('KMSInvalidStateException', `${metadata.Arn} is ${state}.`);
  }
  return {
    KeyRotationEnabled: state === 'PendingDeletion' ? false : key.KeyRotationEnabled === true,
    KeyId: metadata.Arn,
  };
}
