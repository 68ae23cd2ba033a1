import { LONG_TERM_KEY_ID_PREFIX } from '../secrets/key-shapes.js';
import type { AccountIndex } from './account-index.js';
import type { AccessKeyDetail, CollectionError } from './types.js';

/** The reads that look an access key up; their collection errors name the key id as resource. */
export const ACCESS_KEY_LOOKUPS = [
  'sts:GetAccessKeyInfo',
  'iam:GetAccessKeyLastUsed',
  'iam:ListAccessKeys',
] as const;

/** Where an access key found in an application stands. */
export const ACCESS_KEY_STATES = ['active', 'inactive', 'deleted', 'other-account', 'unknown'] as const;

/** One of ACCESS_KEY_STATES. */
export type AccessKeyState = (typeof ACCESS_KEY_STATES)[number];

/** An access key's state, and a clause for findings that says so without the key id. */
export interface AccessKeyStanding {
  state: AccessKeyState;
  /** E.g. "an active key of IAM user ci-deployer in this account, last used 2026-11-27 by s3 in eu-west-1". */
  detail: string;
}

// IAM's StatusType: Expired keys (service-specific credentials) can no more sign than Inactive ones.
const STATUS_STATES: Record<string, { state: AccessKeyState; adjective: string }> = {
  Active: { state: 'active', adjective: 'an active' },
  Inactive: { state: 'inactive', adjective: 'an inactive' },
  Expired: { state: 'inactive', adjective: 'an expired' },
};

/**
 * Where an access key stands, from the snapshot's lookup of it (iam.accessKeys) and the
 * collection errors naming it. Unknown when it was not looked up or a lookup failed: never
 * "deleted" or "inactive" by default. `detail` never contains the key id.
 */
export function accessKeyStanding(index: AccountIndex, accessKeyId: string): AccessKeyStanding {
  const key = index.accessKey(accessKeyId);
  const failed = index.unreadable(accessKeyId, ACCESS_KEY_LOOKUPS);
  const account = key ? accountOf(key, index.accountId) : undefined;
  if (!key || !account) {
    const reason = failed.length > 0 ? failureText(failed) : 'the snapshot holds no lookup of it';
    return { state: 'unknown', detail: `not looked up: ${reason}` };
  }
  if (account !== index.accountId) {
    return { state: 'other-account', detail: `a key of account ${account}` };
  }
  const owner = key.UserName ? ` of IAM user ${key.UserName}` : '';
  if (failed.length > 0) {
    return {
      state: 'unknown',
      detail: `a key${owner} in this account whose status could not be read: ${failureText(failed)}`,
    };
  }
  if (!accessKeyId.startsWith(LONG_TERM_KEY_ID_PREFIX)) {
    return {
      state: 'unknown',
      detail: 'temporary (STS) credentials of this account, which have no IAM status',
    };
  }
  if (key.Status === undefined) {
    return { state: 'deleted', detail: `a deleted key${owner} in this account${lastUseText(key)}` };
  }
  const status = STATUS_STATES[key.Status];
  if (!status) {
    return {
      state: 'unknown',
      detail: `a key${owner} in this account with a status IAM did not document (${key.Status})`,
    };
  }
  return {
    state: status.state,
    detail: `${status.adjective} key${owner} in this account${lastUseText(key)}`,
  };
}

/**
 * The account a key belongs to. A hand-assembled entry may leave Account out when it gives what
 * only this account's IAM could have said (its user or status).
 */
export function accountOf(key: AccessKeyDetail, accountId: string): string | undefined {
  if (key.Account) return key.Account;
  return key.UserName !== undefined || key.Status !== undefined ? accountId : undefined;
}

function failureText(errors: readonly CollectionError[]): string {
  return errors.map((error) => `${error.operation} failed (${error.code})`).join(', ');
}

/** ", last used DATE by SERVICE in REGION", ", never used", or nothing when IAM was not asked. */
function lastUseText(key: AccessKeyDetail): string {
  const lastUsed = key.AccessKeyLastUsed;
  if (!lastUsed) return '';
  if (!lastUsed.LastUsedDate) return ', never used';
  const service = lastUsed.ServiceName && lastUsed.ServiceName !== 'N/A' ? ` by ${lastUsed.ServiceName}` : '';
  const region = lastUsed.Region && lastUsed.Region !== 'N/A' ? ` in ${lastUsed.Region}` : '';
  return `, last used ${lastUsed.LastUsedDate.slice(0, 10)}${service}${region}`;
}
