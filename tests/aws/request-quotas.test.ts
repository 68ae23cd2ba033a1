import { describe, expect, it } from 'vitest';
import {
  quotaPlace,
  REQUEST_QUOTAS,
  resolveQuota,
  UNLISTED_OPERATION_QUOTA,
} from '../../shared/aws/request-quotas.js';

describe('Function: resolveQuota', () => {
  it('returns the documented quota of a listed operation, in a bucket of its own', () => {
    // Act
    const quota = resolveQuota('firehose:DescribeDeliveryStream', 'eu-west-1');

    // Assess
    expect(quota).toEqual({
      bucket: 'firehose:DescribeDeliveryStream',
      limit: { rate: 5, burst: 5 },
      scope: 'region',
      basis: 'documented',
    });
  });

  it('names a shared quota’s bucket after the quota, so its operations draw from one bucket', () => {
    // Act
    const buckets = ['sts:GetCallerIdentity', 'sts:AssumeRole'].map(
      (operation) => resolveQuota(operation, 'eu-west-1').bucket,
    );

    // Assess
    expect(buckets).toEqual([
      'STS requests made with AWS credentials (shared)',
      'STS requests made with AWS credentials (shared)',
    ]);
  });

  it('takes the region’s own rate where AWS documents one (SNS Publish)', () => {
    // Act
    const limits = ['us-east-1', 'eu-central-1', 'sa-east-1'].map(
      (region) => resolveQuota('sns:Publish', region).limit,
    );

    // Assess
    expect(limits).toEqual([
      { rate: 30_000, burst: 30_000 },
      { rate: 1500, burst: 1500 },
      { rate: 300, burst: 300 },
    ]);
  });

  it('counts IAM globally, listed or not', () => {
    // Act
    const scopes = ['iam:GetRole', 'iam:ListAccessKeys'].map(
      (operation) => resolveQuota(operation, 'eu-west-1').scope,
    );

    // Assess
    expect(scopes).toEqual(['global', 'global']);
  });

  it('assumes the service’s lowest per-operation quota for an unlisted operation of a listed service', () => {
    // Act
    const quotas = [
      resolveQuota('iam:ListAccessKeys', 'us-east-1'),
      resolveQuota('kinesis:ListShards', 'eu-west-1'),
      // STS's only row is shared: it says nothing of one operation, so the default applies
      resolveQuota('sts:GetSessionTokenV9', 'eu-west-1'),
    ];

    // Assess
    expect(quotas).toEqual([
      { bucket: 'iam:ListAccessKeys', limit: { rate: 20, burst: 20 }, scope: 'global', basis: 'assumed' },
      { bucket: 'kinesis:ListShards', limit: { rate: 5, burst: 5 }, scope: 'region', basis: 'assumed' },
      {
        bucket: 'sts:GetSessionTokenV9',
        limit: UNLISTED_OPERATION_QUOTA,
        scope: 'region',
        basis: 'assumed',
      },
    ]);
  });

  it('assumes UNLISTED_OPERATION_QUOTA for a service the table does not know', () => {
    // Act
    const quota = resolveQuota('s3control:GetPublicAccessBlock', 'eu-west-1');

    // Assess
    expect(quota).toEqual({
      bucket: 's3control:GetPublicAccessBlock',
      limit: { rate: 10, burst: 10 },
      scope: 'region',
      basis: 'assumed',
    });
  });

  it('counts S3 operations under their request class, per prefix', () => {
    // Act
    const quotas = ['s3:GetBucketEncryption', 's3:HeadObject', 's3:PutObject'].map((operation) =>
      resolveQuota(operation, 'eu-west-1'),
    );

    // Assess
    expect(quotas).toEqual([
      {
        bucket: 'S3 GET/HEAD requests per partitioned prefix',
        limit: { rate: 5500, burst: 5500 },
        scope: 'prefix',
        basis: 'documented',
      },
      {
        bucket: 'S3 GET/HEAD requests per partitioned prefix',
        limit: { rate: 5500, burst: 5500 },
        scope: 'prefix',
        basis: 'documented',
      },
      {
        bucket: 'S3 PUT/COPY/POST/DELETE requests per partitioned prefix',
        limit: { rate: 3500, burst: 3500 },
        scope: 'prefix',
        basis: 'documented',
      },
    ]);
  });

  it('uses a request class given by the caller over the one the name implies', () => {
    // Act: the sandbox knows a POST to an object is a write whatever the operation is called
    const quota = resolveQuota('s3:GetSomething', 'eu-west-1', { quotaName: 's3:PUT/COPY/POST/DELETE' });

    // Assess
    expect(quota.limit).toEqual({ rate: 3500, burst: 3500 });
  });

  it('puts an override of the operation, then of its request class, in a bucket of its own', () => {
    // Prepare
    const overrides = {
      'sts:AssumeRole': { rate: 1, burst: 2 },
      's3:GET/HEAD': { rate: 3, burst: 4 },
      'logs:FilterLogEvents': { rate: 5, burst: 6 },
    };

    // Act
    const quotas = ['sts:AssumeRole', 's3:GetObject', 'logs:FilterLogEvents', 'sts:GetCallerIdentity'].map(
      (operation) => resolveQuota(operation, 'eu-west-1', { overrides }),
    );

    // Assess
    expect(quotas).toEqual([
      { bucket: 'sts:AssumeRole', limit: { rate: 1, burst: 2 }, scope: 'region', basis: 'override' },
      { bucket: 's3:GET/HEAD', limit: { rate: 3, burst: 4 }, scope: 'prefix', basis: 'override' },
      { bucket: 'logs:FilterLogEvents', limit: { rate: 5, burst: 6 }, scope: 'region', basis: 'override' },
      {
        bucket: 'STS requests made with AWS credentials (shared)',
        limit: { rate: 600, burst: 600 },
        scope: 'region',
        basis: 'documented',
      },
    ]);
  });

  it('resolves every operation of the table to its own row', () => {
    // Act
    const mismatches = REQUEST_QUOTAS.flatMap((quota) =>
      quota.operations
        .filter((operation) => !operation.startsWith('s3:'))
        .map((operation) => [operation, resolveQuota(operation, 'sa-east-1')] as const)
        .filter(([, resolved]) => resolved.basis !== 'documented' || resolved.limit.rate !== quota.rate),
    );

    // Assess
    expect(mismatches).toEqual([]);
  });
});

describe('Function: quotaPlace', () => {
  it('returns global for a global quota and the region otherwise (S3: one place per region)', () => {
    // Act
    const places = (['global', 'region', 'prefix'] as const).map((scope) => quotaPlace(scope, 'eu-west-1'));

    // Assess
    expect(places).toEqual(['global', 'eu-west-1', 'eu-west-1']);
  });
});
