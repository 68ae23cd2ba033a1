/**
 * Builders for access key lookups (the snapshot's iam.accessKeys): each returns what collection
 * records for a key in one situation, so a test states only the situation.
 */
import type { AccessKeyDetail, AccountSnapshot } from '../../shared/snapshot/types.js';
import { ACCOUNT_ID, OTHER_ACCOUNT_ID } from './snapshot-builder.js';

/** AWS's documented example key id: a key of IAM user ci-deployer in the fixture account. */
export const ACTIVE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
/** Another long-term key id of the fixture account. */
export const INACTIVE_KEY_ID = 'AKIAI44QH8DHBEXAMPLE';
/** A long-term key id of another account. */
export const FOREIGN_KEY_ID = 'AKIAJFOREIGNKEYEXAMP';
/** A key id nobody has looked up. */
export const UNKNOWN_KEY_ID = 'AKIAUNKNOWNKEY000001';

/** A key of an IAM user of the fixture account, as GetAccessKeyLastUsed and ListAccessKeys report it. */
export function userKey(
  accessKeyId: string,
  options: {
    userName?: string;
    status?: string | null;
    lastUsed?: AccessKeyDetail['AccessKeyLastUsed'];
  } = {},
): AccessKeyDetail {
  return {
    AccessKeyId: accessKeyId,
    Account: ACCOUNT_ID,
    UserName: options.userName ?? 'ci-deployer',
    ...(options.status === null ? {} : { Status: options.status ?? 'Active' }),
    ...(options.status === null ? {} : { CreateDate: '2024-03-01T09:00:00Z' }),
    AccessKeyLastUsed: options.lastUsed ?? {
      LastUsedDate: '2026-11-27T08:15:00Z',
      ServiceName: 's3',
      Region: 'eu-west-1',
    },
  };
}

/** A key of another account: GetAccessKeyInfo's Account is all that can be learnt. */
export function foreignKey(accessKeyId = FOREIGN_KEY_ID, account = OTHER_ACCOUNT_ID): AccessKeyDetail {
  return { AccessKeyId: accessKeyId, Account: account };
}

/** The snapshot with these access key lookups in iam.accessKeys. */
export function withAccessKeys(snapshot: AccountSnapshot, keys: AccessKeyDetail[]): AccountSnapshot {
  return { ...snapshot, iam: { ...snapshot.iam, accessKeys: keys } };
}
