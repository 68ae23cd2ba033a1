import { describe, expect, it } from 'vitest';
import { kmsKeyRotation } from '../../../shared/checks/encryption/kms-key-rotation.js';
import type { KeyDetail } from '../../../shared/snapshot/types.js';
import {
  collectionError,
  encryptionSnapshot,
  expectedFinding,
  findingsOf,
  keyArn,
  kmsKey,
} from '../../support/encryption-fixtures.js';
import { applicationArn } from '../../support/snapshot-builder.js';

const check = kmsKeyRotation;
const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';
const KEY_ARN = keyArn(KEY_ID);

/** A snapshot where the application itself is encrypted with the given key. */
function encryptedWith(key: KeyDetail, more: Parameters<typeof encryptionSnapshot>[0] = {}) {
  return encryptionSnapshot({ applicationKey: KEY_ARN, keys: [key], ...more });
}

describe('Check: kms-key-rotation', () => {
  it('returns PASS for a customer managed symmetric key with rotation on', () => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: KEY_ARN,
        detail: `KMS key ${KEY_ID} rotates automatically.`,
      }),
    ]);
  });

  it('returns PASS for an AWS managed key', () => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID, { KeyManager: 'AWS' }, { KeyRotationEnabled: null }));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: KEY_ARN,
        detail: `KMS key ${KEY_ID} is AWS managed; AWS rotates it every year.`,
      }),
    ]);
  });

  it('returns FAIL for a customer managed symmetric key with rotation off', () => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID, {}, { KeyRotationEnabled: false }));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: KEY_ARN,
        detail: `Customer managed KMS key ${KEY_ID} does not rotate automatically.`,
      }),
    ]);
  });

  it('returns ERROR when the rotation status is null', () => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID, {}, { KeyRotationEnabled: null }));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: KEY_ARN,
        detail: `The rotation status of KMS key ${KEY_ID} is not in the snapshot; scan again with kms:GetKeyRotationStatus allowed.`,
      }),
    ]);
  });

  it('returns ERROR, not PASS, when kms:GetKeyRotationStatus failed', () => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID), {
      collectionErrors: [collectionError('kms:GetKeyRotationStatus', KEY_ARN)],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: KEY_ARN,
        detail: `Could not read ${KEY_ARN} (kms:GetKeyRotationStatus failed with AccessDeniedException); allow kms:GetKeyRotationStatus to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns ERROR when the KeySpec is not in the snapshot', () => {
    // Prepare
    const key = kmsKey(KEY_ID);
    delete key.KeyMetadata.KeySpec;
    const snapshot = encryptedWith(key);

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: KEY_ARN,
        detail: `The KeyManager or KeySpec of KMS key ${KEY_ID} is not in the snapshot; scan again with kms:DescribeKey allowed.`,
      }),
    ]);
  });

  it.each([
    ['an asymmetric', { KeySpec: 'RSA_2048' }, 'KeySpec RSA_2048, Origin AWS_KMS'],
    ['an HMAC', { KeySpec: 'HMAC_256' }, 'KeySpec HMAC_256, Origin AWS_KMS'],
    ['an imported', { Origin: 'EXTERNAL' }, 'KeySpec SYMMETRIC_DEFAULT, Origin EXTERNAL'],
    ['a CloudHSM', { Origin: 'AWS_CLOUDHSM' }, 'KeySpec SYMMETRIC_DEFAULT, Origin AWS_CLOUDHSM'],
    [
      'an external key store',
      { Origin: 'EXTERNAL_KEY_STORE' },
      'KeySpec SYMMETRIC_DEFAULT, Origin EXTERNAL_KEY_STORE',
    ],
  ])('returns NOT_APPLICABLE for %s key', (_kind, metadata, described) => {
    // Prepare
    const snapshot = encryptedWith(kmsKey(KEY_ID, metadata, { KeyRotationEnabled: null }));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: KEY_ARN,
        detail: `KMS key ${KEY_ID} (${described}) does not support automatic rotation.`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when no KMS key is involved', () => {
    // Prepare
    const snapshot = encryptionSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher depends on no KMS key.',
      }),
    ]);
  });
});
