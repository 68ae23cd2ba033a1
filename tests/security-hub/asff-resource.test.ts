import { describe, expect, it } from 'vitest';
import { asffResource, asffResourceType } from '../../shared/security-hub/asff-resource.js';

describe('Function: asffResourceType', () => {
  it.each([
    ['arn:aws:iam::111122223333:role/orders-role', 'AwsIamRole'],
    ['arn:aws:iam::111122223333:user/ci', 'AwsIamUser'],
    ['arn:aws:iam::111122223333:policy/orders-access', 'AwsIamPolicy'],
    ['arn:aws:s3:::acme-artifacts', 'AwsS3Bucket'],
    ['arn:aws:s3:::acme-artifacts/orders/orders-1.0.jar', 'AwsS3Object'],
    ['arn:aws:kinesis:eu-west-1:111122223333:stream/orders-in', 'AwsKinesisStream'],
    ['arn:aws:kms:eu-west-1:111122223333:key/5e6f7a8b-1111-4222-8333-944455556666', 'AwsKmsKey'],
    ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit', 'AwsCloudTrailTrail'],
    ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf', 'AwsSecretsManagerSecret'],
    ['arn:aws:kinesisanalytics:eu-west-1:111122223333:application/orders', 'Other'],
    ['arn:aws:firehose:eu-west-1:111122223333:deliverystream/clicks', 'Other'],
    ['arn:aws:logs:eu-west-1:111122223333:log-group:/aws/kinesis-analytics/orders', 'Other'],
    ['not-an-arn', 'Other'],
  ])('returns the ASFF type of %s: %s', (arn, type) => {
    // Act
    const resourceType = asffResourceType(arn);

    // Assess
    expect(resourceType).toEqual(type);
  });
});

describe('Function: asffResource', () => {
  it("returns a regional resource in its own ARN's region", () => {
    // Act
    const resource = asffResource(
      'arn:aws:kinesis:us-east-1:111122223333:stream/alerts-in',
      'aws',
      'eu-west-1',
      { 'kda-auditor/status': 'FAIL' },
    );

    // Assess
    expect(resource).toEqual({
      Type: 'AwsKinesisStream',
      Id: 'arn:aws:kinesis:us-east-1:111122223333:stream/alerts-in',
      Partition: 'aws',
      Region: 'us-east-1',
      Details: { Other: { 'kda-auditor/status': 'FAIL' } },
    });
  });

  it("returns a global resource in the application's region", () => {
    // Act
    const resource = asffResource(
      'arn:aws-cn:iam::111122223333:role/orders-role',
      'aws-cn',
      'cn-north-1',
      {},
    );

    // Assess
    expect(resource).toEqual({
      Type: 'AwsIamRole',
      Id: 'arn:aws-cn:iam::111122223333:role/orders-role',
      Partition: 'aws-cn',
      Region: 'cn-north-1',
      Details: { Other: {} },
    });
  });

  it('returns no Partition for a partition Security Hub does not list', () => {
    // Act
    const resource = asffResource(
      'arn:aws-eusc:iam::111122223333:role/orders-role',
      'aws-eusc',
      'eusc-de-east-1',
      {},
    );

    // Assess
    expect(resource).toEqual({
      Type: 'AwsIamRole',
      Id: 'arn:aws-eusc:iam::111122223333:role/orders-role',
      Region: 'eusc-de-east-1',
      Details: { Other: {} },
    });
  });
});
