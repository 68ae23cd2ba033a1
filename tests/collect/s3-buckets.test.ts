import { GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { afterEach, describe, expect, it } from 'vitest';
import { bucketRegion, readAccountPublicAccessBlock, readBucket } from '../../shared/collect/s3-buckets.js';
import { account, bucket } from './support/account-builders.js';
import { fakeAws, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

const BLOCK_ALL = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

describe('Function: bucketRegion', () => {
  it('returns us-east-1 for an empty or missing location constraint', () => {
    expect([bucketRegion(undefined), bucketRegion(null), bucketRegion('')]).toEqual([
      'us-east-1',
      'us-east-1',
      'us-east-1',
    ]);
  });

  it('returns eu-west-1 for the legacy EU constraint', () => {
    expect(bucketRegion('EU')).toBe('eu-west-1');
  });

  it('returns any other constraint as the region', () => {
    expect(bucketRegion('ap-southeast-2')).toBe('ap-southeast-2');
  });
});

describe('Function: readBucket', () => {
  afterEach(() => restoreAws());

  it('returns every setting of a bucket in another region, read from that region', async () => {
    // Prepare
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
    };
    const remote = {
      ...bucket('remote', undefined, 'us-west-2'),
      Policy: policy,
      PublicAccessBlockConfiguration: BLOCK_ALL,
    };
    fakeAws(account({ buckets: [remote] }));
    const context = scanContext();

    // Act
    const read = await readBucket(context, 'remote');

    // Assess
    expect(read).toEqual({ ...remote, Policy: JSON.stringify(policy) });
    expect(context.errors).toEqual([]);
  });

  it('returns null for every setting that is not configured', async () => {
    // Prepare
    const bare = {
      Name: 'bare',
      Region: 'eu-west-1',
      ServerSideEncryptionConfiguration: null,
      Versioning: null,
    };
    fakeAws(account({ buckets: [bare] }));

    // Act
    const read = await readBucket(scanContext(), 'bare');

    // Assess
    expect(read).toEqual({
      Name: 'bare',
      Region: 'eu-west-1',
      ServerSideEncryptionConfiguration: null,
      Policy: null,
      PublicAccessBlockConfiguration: null,
      Versioning: null,
    });
  });

  it('returns the bucket without a setting it could not read, with the failure recorded', async () => {
    // Prepare
    const guarded = bucket('guarded');
    const stubs = fakeAws(account({ buckets: [guarded] }));
    stubs.s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const context = scanContext();

    // Act
    const read = await readBucket(context, 'guarded');

    // Assess
    const { Policy, ...readable } = guarded;
    expect(Policy).toBeNull();
    expect(read).toEqual(readable);
    expect(context.errors).toEqual([
      {
        operation: 's3:GetBucketPolicy',
        resource: 'arn:aws:s3:::guarded',
        region: 'eu-west-1',
        code: 'AccessDenied',
        message: 'Access Denied',
      },
    ]);
  });

  it('returns undefined, and records nothing, for a bucket that does not exist', async () => {
    // Prepare
    fakeAws(account({}));
    const context = scanContext();

    // Act
    const read = await readBucket(context, 'no-such-bucket');

    // Assess
    expect(read).toBeUndefined();
    expect(context.errors).toEqual([]);
  });
});

describe('Function: readAccountPublicAccessBlock', () => {
  afterEach(() => restoreAws());

  it('returns the account settings, asked for the scanned account', async () => {
    // Prepare
    const stubs = fakeAws({ ...account({}), s3: { accountPublicAccessBlock: BLOCK_ALL } });

    // Act
    const read = await readAccountPublicAccessBlock(scanContext());

    // Assess
    expect(read).toEqual(BLOCK_ALL);
    expect(stubs.s3Control).toHaveReceivedCommandWith(GetAccountPublicAccessBlockCommand, {
      AccountId: '111122223333',
    });
  });

  it('returns null when the account has no settings', async () => {
    // Prepare
    fakeAws(account({}));

    // Act
    const read = await readAccountPublicAccessBlock(scanContext());

    // Assess
    expect(read).toBeNull();
  });

  it('returns undefined, with the failure recorded, when the read is denied', async () => {
    // Prepare
    const stubs = fakeAws(account({}));
    stubs.s3Control.on(GetAccountPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const context = scanContext();

    // Act
    const read = await readAccountPublicAccessBlock(context);

    // Assess
    expect(read).toBeUndefined();
    expect(context.errors).toEqual([
      {
        operation: 's3control:GetPublicAccessBlock',
        region: 'eu-west-1',
        code: 'AccessDenied',
        message: 'Access Denied',
      },
    ]);
  });
});
