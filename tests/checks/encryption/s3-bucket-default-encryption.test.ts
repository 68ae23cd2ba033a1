import { describe, expect, it } from 'vitest';
import { s3BucketDefaultEncryption } from '../../../shared/checks/encryption/s3-bucket-default-encryption.js';
import {
  bucket,
  bucketArn,
  collectionError,
  deliveryStreamArn,
  encryptionSnapshot,
  expectedFinding,
  findingsOf,
} from '../../support/encryption-fixtures.js';
import { applicationArn, role, roleArn } from '../../support/snapshot-builder.js';

const check = s3BucketDefaultEncryption;

describe('Check: s3-bucket-default-encryption', () => {
  it('returns PASS naming the algorithm of a bucket with a default-encryption rule', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [bucket('orders-reference')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: bucketArn('orders-reference'),
        detail: 'Bucket orders-reference encrypts new objects by default with AES256.',
      }),
    ]);
  });

  it('returns FAIL for a bucket whose encryption configuration is null', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [bucket('orders-reference', { ServerSideEncryptionConfiguration: null })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: bucketArn('orders-reference'),
        detail: 'Bucket orders-reference has no default encryption rule.',
      }),
    ]);
  });

  it('returns FAIL for a bucket whose rules set no algorithm', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [
        bucket('orders-reference', {
          ServerSideEncryptionConfiguration: { Rules: [{ BucketKeyEnabled: true }] },
        }),
      ],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: bucketArn('orders-reference'),
        detail: 'Bucket orders-reference has no default encryption rule.',
      }),
    ]);
  });

  it('returns ERROR, not FAIL, when s3:GetBucketEncryption failed for the bucket', () => {
    // Prepare
    const snapshot = encryptionSnapshot({
      uses: [bucketArn('orders-reference')],
      buckets: [bucket('orders-reference', { ServerSideEncryptionConfiguration: null })],
      collectionErrors: [collectionError('s3:GetBucketEncryption', bucketArn('orders-reference'))],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: bucketArn('orders-reference'),
        detail: `Could not read ${bucketArn('orders-reference')} (s3:GetBucketEncryption failed with AccessDeniedException); allow s3:GetEncryptionConfiguration to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns ERROR, not NOT_APPLICABLE, naming a delivery stream that could not be read', () => {
    // Prepare: its destination bucket is known only from its description
    const delivery = deliveryStreamArn('orders-archive');
    const snapshot = encryptionSnapshot({
      uses: [delivery],
      collectionErrors: [collectionError('firehose:DescribeDeliveryStream', delivery, 'TimeoutError')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: delivery,
        detail: `Cannot tell: ${delivery} could not be read (firehose:DescribeDeliveryStream failed with TimeoutError), so any S3 bucket orders-enricher uses through it is unknown; scan again: the read was not denied, so no permission is missing.`,
      }),
    ]);
  });

  it('returns ERROR, not NOT_APPLICABLE, naming an execution role whose policy list could not be read', () => {
    // Prepare: buckets granted by a policy the role may have are unknown
    const executionRole = roleArn('orders-enricher-role');
    const snapshot = encryptionSnapshot({
      roles: [role()],
      collectionErrors: [collectionError('iam:ListRolePolicies', executionRole, 'ServiceFailure')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: executionRole,
        detail: `Cannot tell: ${executionRole} could not be read (iam:ListRolePolicies failed with ServiceFailure on ${executionRole}), so any S3 bucket orders-enricher uses through it is unknown; scan again: the read was not denied, so no permission is missing.`,
      }),
    ]);
  });

  it("returns ERROR naming the permission to grant when listing the execution role's policies was denied", () => {
    // Prepare
    const executionRole = roleArn('orders-enricher-role');
    const snapshot = encryptionSnapshot({
      roles: [role()],
      collectionErrors: [collectionError('iam:ListRolePolicies', executionRole, 'AccessDenied')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: executionRole,
        detail: `Cannot tell: ${executionRole} could not be read (iam:ListRolePolicies failed with AccessDenied on ${executionRole}), so any S3 bucket orders-enricher uses through it is unknown; allow iam:ListRolePolicies to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns ERROR advising to fix, not to grant a read, for an execution role whose inline policy cannot be parsed', () => {
    // Prepare: the policy was read, so no permission is missing
    const executionRole = roleArn('orders-enricher-role');
    const snapshot = encryptionSnapshot({ roles: [role({ inline: { access: '{"Statement": [' } })] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: executionRole,
        detail: `Cannot tell: ${executionRole} could not be read (The policy document is not valid JSON (nor URL-encoded JSON).), so any S3 bucket orders-enricher uses through it is unknown; fix the policy document of inline policy "access" so that IAM's policy grammar parses it, then scan again.`,
      }),
    ]);
  });

  it('returns ERROR naming only the denied read when another read of the role failed otherwise', () => {
    // Prepare
    const executionRole = roleArn('orders-enricher-role');
    const snapshot = encryptionSnapshot({
      roles: [role()],
      collectionErrors: [
        collectionError('iam:ListRolePolicies', executionRole, 'AccessDenied'),
        collectionError('iam:ListAttachedRolePolicies', executionRole, 'ServiceFailure'),
      ],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess: one reason per failed read, each placeholder carrying its own error only
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: executionRole,
        detail: `Cannot tell: ${executionRole} could not be read (iam:ListRolePolicies failed with AccessDenied on ${executionRole}; iam:ListAttachedRolePolicies failed with ServiceFailure on ${executionRole}), so any S3 bucket orders-enricher uses through it is unknown; allow iam:ListRolePolicies to the auditor and scan again.`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE, hiding nothing, for a role with AdministratorAccess whose document was not collected', () => {
    // Prepare: AWS publishes that policy's document, so an unread copy hides no bucket
    const snapshot = encryptionSnapshot({
      roles: [role({ attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings.map(({ status }) => status)).toEqual(['NOT_APPLICABLE']);
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
