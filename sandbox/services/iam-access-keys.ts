import { accountOf } from '../../shared/snapshot/access-key-standing.js';
import type { AccessKeyDetail } from '../../shared/snapshot/types.js';
import type { SandboxState } from '../state.js';
import { AwsServiceError, type QueryOperation } from '../types.js';
import { iamPage } from './iam-page.js';
import { guard } from './lookups.js';
import { requiredParam, validationError } from './query-wire.js';

// The user a sandbox caller signs as (see sts.ts GetCallerIdentity); ListAccessKeys without a
// UserName lists the caller's own keys, as IAM does.
const CALLER_USER = 'sandbox';
const ACCESS_KEY_ID = /^\w+$/;

/**
 * IAM's access key reads over the snapshot's `iam.accessKeys`: the IAM users are the UserNames
 * of this account's entries; a key with a Status exists, one without was deleted.
 */
export const accessKeyOperations: Readonly<Record<string, QueryOperation>> = {
  GetAccessKeyLastUsed(params, context) {
    const accessKeyId = validAccessKeyId(requiredParam(params, 'AccessKeyId'));
    guard(context, 'iam:GetAccessKeyLastUsed', accessKeyId);
    const key = context.state.index.accessKey(accessKeyId);
    // An entry with a user but no Status (deleted after IAM named its user) still answers here,
    // so a scan of the sandbox gives back what collection saw.
    if (!key?.UserName || accountOf(key, context.state.accountId) !== context.state.accountId) {
      throw new AwsServiceError(
        'NoSuchEntity',
        `The Access Key with id ${accessKeyId} cannot be found.`,
        404,
      );
    }
    const lastUsed = key.AccessKeyLastUsed;
    return {
      UserName: key.UserName,
      // IAM says "N/A" for a key never used since it began tracking use.
      AccessKeyLastUsed: {
        LastUsedDate: lastUsed?.LastUsedDate,
        ServiceName: lastUsed?.ServiceName ?? 'N/A',
        Region: lastUsed?.Region ?? 'N/A',
      },
    };
  },
  ListAccessKeys(params, context) {
    const userName = params.get('UserName') ?? CALLER_USER;
    const keys = keysOfUser(context.state, userName);
    guard(
      context,
      'iam:ListAccessKeys',
      `arn:${context.state.partition}:iam::${context.state.accountId}:user/${userName}`,
    );
    // Collection records a failed listing against the key it was looking for.
    for (const key of keys) guard(context, 'iam:ListAccessKeys', key.AccessKeyId);
    if (keys.length === 0 && userName !== CALLER_USER) {
      throw new AwsServiceError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);
    }
    const page = iamPage(
      keys.filter((key) => key.Status !== undefined),
      params,
      context,
    );
    return {
      AccessKeyMetadata: page.items.map((key) => ({
        UserName: key.UserName,
        AccessKeyId: key.AccessKeyId,
        Status: key.Status,
        CreateDate: key.CreateDate,
      })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};

/**
 * An access key id as IAM and STS accept it (16 to 128 word characters); anything else fails with
 * their ValidationError.
 */
export function validAccessKeyId(accessKeyId: string): string {
  const at = `Value '${accessKeyId}' at 'accessKeyId' failed to satisfy constraint: Member must`;
  if (accessKeyId.length < 16) throw validationError(`${at} have length greater than or equal to 16`);
  if (accessKeyId.length > 128) throw validationError(`${at} have length less than or equal to 128`);
  if (!ACCESS_KEY_ID.test(accessKeyId))
    throw validationError(`${at} satisfy regular expression pattern: [\\w]+`);
  return accessKeyId;
}

/** This account's keys of an IAM user (names are unique regardless of case), deleted ones too. */
function keysOfUser(state: SandboxState, userName: string): AccessKeyDetail[] {
  const wanted = userName.toLowerCase();
  return (state.snapshot.iam?.accessKeys ?? []).filter(
    (key) => key.UserName?.toLowerCase() === wanted && accountOf(key, state.accountId) === state.accountId,
  );
}
