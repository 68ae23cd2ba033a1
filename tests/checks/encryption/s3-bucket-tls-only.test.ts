import { describe, expect, it } from 'vitest';
import { s3BucketTlsOnly } from '../../../shared/checks/encryption/s3-bucket-tls-only.js';
import type { RawPolicyDocument } from '../../../shared/snapshot/types.js';
import {
  bucket,
  bucketArn,
  collectionError,
  encryptionSnapshot,
  expectedFinding,
  findingsOf,
} from '../../support/encryption-fixtures.js';
import { applicationArn, deny, policyDocument, type StatementJson } from '../../support/snapshot-builder.js';

const check = s3BucketTlsOnly;
const BUCKET = 'orders-reference';
const ARN = bucketArn(BUCKET);
const SECURE_TRANSPORT = { Bool: { 'aws:SecureTransport': 'false' } };
const NO_TLS_STATEMENT = `The bucket policy of ${BUCKET} has no statement denying requests made without TLS (Deny s3:* to "*" on ${ARN}/* when aws:SecureTransport is false).`;

/** A snapshot where the application uses one bucket with this policy. */
function withPolicy(policy: RawPolicyDocument | null) {
  return encryptionSnapshot({ uses: [ARN], buckets: [bucket(BUCKET, { Policy: policy })] });
}

/** A Deny on s3:* for everyone, on the bucket and its objects, when `condition` holds. */
function denyAll(condition: Record<string, unknown>, extra: StatementJson = {}): StatementJson {
  return deny('s3:*', [ARN, `${ARN}/*`], { Principal: '*', Condition: condition, ...extra });
}

describe('Check: s3-bucket-tls-only', () => {
  it('returns PASS for a Deny on aws:SecureTransport false, naming the statement', () => {
    // Prepare
    const snapshot = withPolicy(policyDocument(denyAll(SECURE_TRANSPORT, { Sid: 'TlsOnly' })));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: ARN,
        detail: `The bucket policy of ${BUCKET} denies requests made without TLS (statement TlsOnly).`,
      }),
    ]);
  });

  it('returns PASS for Principal {"AWS": "*"}, Action "*" and a resource pattern covering the objects', () => {
    // Prepare
    const statement = deny('*', `${ARN}*`, {
      Principal: { AWS: '*' },
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
    });
    const snapshot = withPolicy(JSON.stringify(policyDocument(statement)));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: ARN,
        detail: `The bucket policy of ${BUCKET} denies requests made without TLS (a statement).`,
      }),
    ]);
  });

  it('returns PASS for a URL-encoded policy denying TLS versions below 1.2', () => {
    // Prepare
    const document = policyDocument(
      denyAll({ NumericLessThan: { 's3:TlsVersion': '1.2' } }, { Sid: 'MinTls12' }),
    );
    const snapshot = withPolicy(encodeURIComponent(JSON.stringify(document)));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: ARN,
        detail: `The bucket policy of ${BUCKET} denies requests made without TLS (statement MinTls12).`,
      }),
    ]);
  });

  it('returns FAIL for a bucket without a policy', () => {
    // Prepare
    const snapshot = withPolicy(null);

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: ARN,
        detail: `Bucket ${BUCKET} has no bucket policy, so it accepts requests made without TLS.`,
      }),
    ]);
  });

  it.each([
    [
      'covers only the bucket, not its objects',
      deny('s3:*', ARN, { Principal: '*', Condition: SECURE_TRANSPORT }),
    ],
    [
      'denies only some actions',
      deny('s3:GetObject', `${ARN}/*`, { Principal: '*', Condition: SECURE_TRANSPORT }),
    ],
    [
      'names one principal',
      denyAll(SECURE_TRANSPORT, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
    ],
    [
      'adds a condition that narrows it',
      denyAll({ ...SECURE_TRANSPORT, StringEquals: { 'aws:SourceVpc': 'vpc-1' } }),
    ],
    ['denies TLS versions below 1.0 only', denyAll({ NumericLessThan: { 's3:TlsVersion': '1.0' } })],
    ['allows instead of denying', { ...denyAll(SECURE_TRANSPORT), Effect: 'Allow' }],
  ])('returns FAIL for a statement that %s', (_case, statement) => {
    // Prepare
    const snapshot = withPolicy(policyDocument(statement));

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, { status: 'FAIL', resourceArn: ARN, detail: NO_TLS_STATEMENT }),
    ]);
  });

  it('returns ERROR, not FAIL, when s3:GetBucketPolicy failed for the bucket', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [ARN],
      buckets: [bucket(BUCKET, { Policy: null })],
      collectionErrors: [collectionError('s3:GetBucketPolicy', ARN)],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: ARN,
        detail: `Could not read ${ARN} (s3:GetBucketPolicy failed with AccessDeniedException); allow s3:GetBucketPolicy to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns ERROR for a policy that is not valid JSON', () => {
    // Prepare
    const snapshot = withPolicy('{"Statement": [');

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: ARN,
        detail: `The bucket policy of ${BUCKET} could not be parsed: The policy document is not valid JSON (nor URL-encoded JSON); fix the snapshot or scan again.`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when the application uses no bucket', () => {
    // Prepare
    const snapshot = encryptionSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail: 'orders-enricher depends on no S3 bucket.',
      }),
    ]);
  });
});
