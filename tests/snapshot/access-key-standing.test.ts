import { describe, expect, it } from 'vitest';
import { accessKeyStanding } from '../../shared/snapshot/access-key-standing.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import type { AccessKeyDetail, CollectionError } from '../../shared/snapshot/types.js';
import {
  ACTIVE_KEY_ID,
  FOREIGN_KEY_ID,
  foreignKey,
  UNKNOWN_KEY_ID,
  userKey,
  withAccessKeys,
} from '../support/access-key-fixtures.js';
import { accountSnapshot, collectionError } from '../support/snapshot-builder.js';

/** An index over a snapshot holding these lookups and collection errors. */
function indexWith(keys: AccessKeyDetail[], collectionErrors: CollectionError[] = []): AccountIndex {
  return new AccountIndex(withAccessKeys(accountSnapshot({ collectionErrors }), keys));
}

describe('Function: accessKeyStanding', () => {
  it('returns active with the user and last use for an active key of this account', () => {
    // Prepare
    const index = indexWith([userKey(ACTIVE_KEY_ID)]);

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'active',
      detail:
        'an active key of IAM user ci-deployer in this account, last used 2026-11-27 by s3 in eu-west-1',
    });
  });

  it('returns inactive, saying the key was never used, for an inactive key IAM never saw used', () => {
    // Prepare
    const index = indexWith([
      userKey(ACTIVE_KEY_ID, { status: 'Inactive', lastUsed: { ServiceName: 'N/A', Region: 'N/A' } }),
    ]);

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'inactive',
      detail: 'an inactive key of IAM user ci-deployer in this account, never used',
    });
  });

  it('returns inactive for an expired key', () => {
    // Prepare
    const index = indexWith([userKey(ACTIVE_KEY_ID, { status: 'Expired' })]);

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'inactive',
      detail:
        'an expired key of IAM user ci-deployer in this account, last used 2026-11-27 by s3 in eu-west-1',
    });
  });

  it('returns deleted with the user for a key IAM stopped listing after naming its user', () => {
    // Prepare
    const index = indexWith([userKey(ACTIVE_KEY_ID, { status: null })]);

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'deleted',
      detail:
        'a deleted key of IAM user ci-deployer in this account, last used 2026-11-27 by s3 in eu-west-1',
    });
  });

  it('returns deleted for a key of this account IAM does not know', () => {
    // Prepare
    const index = indexWith([{ AccessKeyId: ACTIVE_KEY_ID, Account: '111122223333' }]);

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({ state: 'deleted', detail: 'a deleted key in this account' });
  });

  it('returns other-account with the owning account for a key of another account', () => {
    // Prepare
    const index = indexWith([foreignKey()]);

    // Act
    const standing = accessKeyStanding(index, FOREIGN_KEY_ID);

    // Assess
    expect(standing).toEqual({ state: 'other-account', detail: 'a key of account 444455556666' });
  });

  it('returns active for a hand-assembled entry that gives a status but no account', () => {
    // Prepare
    const { Account: _account, AccessKeyLastUsed: _lastUsed, ...handWritten } = userKey(ACTIVE_KEY_ID);
    const index = indexWith([handWritten]);

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'active',
      detail: 'an active key of IAM user ci-deployer in this account',
    });
  });

  it('returns unknown for a key the snapshot holds no lookup of', () => {
    // Act
    const standing = accessKeyStanding(indexWith([]), UNKNOWN_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'unknown',
      detail: 'not looked up: the snapshot holds no lookup of it',
    });
  });

  it('returns unknown naming the failed read when GetAccessKeyInfo failed', () => {
    // Prepare
    const index = indexWith([], [collectionError('sts:GetAccessKeyInfo', UNKNOWN_KEY_ID)]);

    // Act
    const standing = accessKeyStanding(index, UNKNOWN_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'unknown',
      detail: 'not looked up: sts:GetAccessKeyInfo failed (AccessDenied)',
    });
  });

  it('returns unknown, never deleted, when GetAccessKeyLastUsed failed for a key of this account', () => {
    // Prepare
    const index = indexWith(
      [{ AccessKeyId: ACTIVE_KEY_ID, Account: '111122223333' }],
      [collectionError('iam:GetAccessKeyLastUsed', ACTIVE_KEY_ID)],
    );

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'unknown',
      detail:
        'a key in this account whose status could not be read: iam:GetAccessKeyLastUsed failed (AccessDenied)',
    });
  });

  it('returns unknown with the user when ListAccessKeys failed', () => {
    // Prepare
    const index = indexWith(
      [userKey(ACTIVE_KEY_ID, { status: null })],
      [collectionError('iam:ListAccessKeys', ACTIVE_KEY_ID, 'Throttling')],
    );

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'unknown',
      detail:
        'a key of IAM user ci-deployer in this account whose status could not be read: ' +
        'iam:ListAccessKeys failed (Throttling)',
    });
  });

  it('returns unknown for temporary credentials of this account', () => {
    // Prepare
    const sessionKey = 'ASIAIOSFODNN7EXAMPLE';
    const index = indexWith([{ AccessKeyId: sessionKey, Account: '111122223333' }]);

    // Act
    const standing = accessKeyStanding(index, sessionKey);

    // Assess
    expect(standing).toEqual({
      state: 'unknown',
      detail: 'temporary (STS) credentials of this account, which have no IAM status',
    });
  });

  it('returns unknown for a status IAM does not document', () => {
    // Prepare
    const index = indexWith([userKey(ACTIVE_KEY_ID, { status: 'Suspended' })]);

    // Act
    const standing = accessKeyStanding(index, ACTIVE_KEY_ID);

    // Assess
    expect(standing).toEqual({
      state: 'unknown',
      detail: 'a key of IAM user ci-deployer in this account with a status IAM did not document (Suspended)',
    });
  });

  it('never puts the key id in its detail', () => {
    // Prepare
    const index = indexWith(
      [userKey(ACTIVE_KEY_ID), foreignKey()],
      [collectionError('sts:GetAccessKeyInfo', UNKNOWN_KEY_ID)],
    );

    // Act
    const details = [ACTIVE_KEY_ID, FOREIGN_KEY_ID, UNKNOWN_KEY_ID].map(
      (id) => accessKeyStanding(index, id).detail,
    );

    // Assess
    expect(details.filter((detail) => /AKIA/.test(detail))).toEqual([]);
  });
});
