import { describe, expect, it } from 'vitest';
import { CHAIN_DEPTH, demandOf } from '../../scripts/bench/call-costs.js';
import { RatePlan } from '../../shared/aws/rate-plan.js';

describe('Function: demandOf', () => {
  it('bounds every operation the bench counts with the bucket and quota the governor paces it at', () => {
    // Prepare: the governor at 100 % of each quota, so its limits are the quotas themselves
    const plan = new RatePlan({ quotaShare: 1 });
    const operations = Object.keys(CHAIN_DEPTH).filter((operation) => !operation.startsWith('s3:'));

    // Act
    const mismatches = ['eu-west-1', 'us-east-1'].flatMap((region) =>
      operations.flatMap((operation) => {
        const demand = demandOf(operation, region, 100);
        const governed = plan.bucketFor(operation, region);
        const bounded = {
          key: `${demand.bucket}|${demand.place}`,
          limit: { rate: demand.rate, burst: demand.burst },
        };
        return JSON.stringify(bounded) === JSON.stringify(governed) ? [] : [{ operation, bounded, governed }];
      }),
    );

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('gives an operation the quota table does not list the rate the governor assumes for it', () => {
    // Act
    const demands = [
      demandOf('iam:ListAccessKeys', 'eu-west-1', 30),
      demandOf('s3control:GetPublicAccessBlock', 'eu-west-1', 1),
    ];

    // Assess
    expect(demands).toEqual([
      { bucket: 'iam:ListAccessKeys', place: 'global', calls: 30, rate: 20, burst: 20, depth: 4 },
      {
        bucket: 's3control:GetPublicAccessBlock',
        place: 'eu-west-1',
        calls: 1,
        rate: 10,
        burst: 10,
        depth: 0,
      },
    ]);
  });

  it('gives S3 calls no rate: each bucket is its own prefix, so they cost latency only', () => {
    // Act
    const demand = demandOf('s3:GetBucketPolicy', 'eu-west-1', 4000);

    // Assess
    expect(demand).toEqual({ bucket: 's3:GetBucketPolicy', place: 'eu-west-1', calls: 4000, depth: 2 });
  });
});
