import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../sandbox/load/rate-limits.js';
import type { RequestIdentity } from '../../../sandbox/load/request-identity.js';
import { THROTTLE_ERRORS } from '../../../sandbox/load/throttle-errors.js';
import { REQUEST_QUOTAS } from '../../../shared/aws/request-quotas.js';

const ACCOUNT = '111122223333';
const frozen = () => 0;

function identity(
  operation: string,
  region = 'eu-west-1',
  extra: Partial<RequestIdentity> = {},
): RequestIdentity {
  const service = operation.slice(0, operation.indexOf(':'));
  return { service, operation, region, protocol: 'json', ...extra };
}

/** How each of `count` requests fares: the throttling error's code, or `ok`. */
function fates(limiter: RateLimiter, requests: readonly RequestIdentity[]): string[] {
  return requests.map((request) => limiter.throttle(request)?.code ?? 'ok');
}

describe('Class: RateLimiter', () => {
  describe('Method: throttle', () => {
    it('counts an operation per Region', () => {
      // Prepare
      const limiter = new RateLimiter({ 'kinesis:ListStreams': { rate: 1, burst: 1 } }, ACCOUNT, frozen);

      // Act
      const result = fates(limiter, [
        identity('kinesis:ListStreams', 'eu-west-1'),
        identity('kinesis:ListStreams', 'us-east-1'),
        identity('kinesis:ListStreams', 'eu-west-1'),
      ]);

      // Assess
      expect(result).toEqual(['ok', 'ok', 'LimitExceededException']);
    });

    it('counts IAM once for the account, whatever the Region', () => {
      // Prepare
      const limiter = new RateLimiter({ 'iam:GetRole': { rate: 1, burst: 1 } }, ACCOUNT, frozen);

      // Act
      const result = fates(limiter, [
        identity('iam:GetRole', 'us-east-1'),
        identity('iam:GetRole', 'eu-west-1'),
      ]);

      // Assess
      expect(result).toEqual(['ok', 'Throttling']);
    });

    it('draws the STS operations from one shared bucket of 600', () => {
      // Prepare
      const limiter = new RateLimiter(true, ACCOUNT, frozen);
      const requests = [
        ...Array.from({ length: 300 }, () => identity('sts:GetCallerIdentity')),
        ...Array.from({ length: 300 }, () => identity('sts:AssumeRole')),
      ];
      fates(limiter, requests);

      // Act
      const result = fates(limiter, [identity('sts:GetCallerIdentity'), identity('sts:AssumeRole')]);

      // Assess
      expect(result).toEqual(['Throttling', 'Throttling']);
    });

    it('gives each S3 prefix its own bucket', () => {
      // Prepare
      const limiter = new RateLimiter({ 's3:GET/HEAD': { rate: 1, burst: 1 } }, ACCOUNT, frozen);
      const get = (partition: string) =>
        identity('s3:GetObject', 'eu-west-1', { quotaName: 's3:GET/HEAD', partition, protocol: 'rest-xml' });

      // Act
      const result = fates(limiter, [get('reports/2026/'), get('reports/2025/'), get('reports/2026/')]);

      // Assess
      expect(result).toEqual(['ok', 'ok', 'SlowDown']);
    });

    it('uses the Region’s own rate where AWS sets one (SNS Publish)', () => {
      // Prepare
      const limiter = new RateLimiter(true, ACCOUNT, frozen);
      const publishes = (region: string) =>
        Array.from({ length: 301 }, () => identity('sns:Publish', region));

      // Act
      const lastInFrankfurt = fates(limiter, publishes('eu-central-1')).at(-1);
      const lastInParis = fates(limiter, publishes('eu-west-3')).at(-1);

      // Assess: 1,500 a second in Frankfurt, 300 in Regions the quota page does not list.
      expect([lastInFrankfurt, lastInParis]).toEqual(['ok', 'Throttled']);
    });

    it('leaves operations without a quota alone', () => {
      // Prepare
      const limiter = new RateLimiter(true, ACCOUNT, frozen);

      // Act
      const result = fates(
        limiter,
        Array.from({ length: 50 }, () => identity('s3control:GetPublicAccessBlock')),
      );

      // Assess
      expect(result).toEqual(Array.from({ length: 50 }, () => 'ok'));
    });

    it('never refills past the burst', () => {
      // Prepare
      let now = 0;
      const limiter = new RateLimiter({ 'kms:DescribeKey': { rate: 10, burst: 2 } }, ACCOUNT, () => now);
      limiter.throttle(identity('kms:DescribeKey'));
      now = 60_000;

      // Act
      const result = fates(
        limiter,
        Array.from({ length: 3 }, () => identity('kms:DescribeKey')),
      );

      // Assess
      expect(result).toEqual(['ok', 'ok', 'ThrottlingException']);
    });
  });
});

describe('Constant: REQUEST_QUOTAS', () => {
  it('names a source page, a positive rate and a burst of at least the rate for every quota', () => {
    // Act
    const problems = REQUEST_QUOTAS.filter(
      (quota) =>
        !quota.source.startsWith('https://docs.aws.amazon.com/') ||
        !(quota.rate > 0) ||
        quota.burst < quota.rate ||
        quota.operations.length === 0,
    ).map((quota) => quota.name);

    // Assess
    expect(problems).toEqual([]);
  });

  it('throttles every quota’s service with a known error', () => {
    // Act
    const services = new Set(
      REQUEST_QUOTAS.flatMap((quota) => quota.operations.map((operation) => operation.split(':')[0] ?? '')),
    );

    // Assess
    expect([...services].filter((service) => !THROTTLE_ERRORS[service])).toEqual([]);
  });

  it('lists each operation under one quota only', () => {
    // Act
    const operations = REQUEST_QUOTAS.flatMap((quota) => quota.operations);

    // Assess
    expect(operations.length).toBe(new Set(operations).size);
  });
});
