import { describe, expect, it } from 'vitest';
import { identifyRequest } from '../../../sandbox/load/request-identity.js';

const signedFor = (service: string, region = 'eu-west-1') => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKIDSANDBOX/20261129/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
});

function request(options: {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
}) {
  return {
    method: options.method ?? 'POST',
    path: options.path ?? '/',
    query: new URLSearchParams(options.query ?? ''),
    headers: options.headers ?? {},
    body: Buffer.from(options.body ?? ''),
  };
}

describe('Function: identifyRequest', () => {
  it('names an awsJson operation by signing name and X-Amz-Target', () => {
    // Act
    const identity = identifyRequest(
      request({
        headers: {
          ...signedFor('kinesisanalytics'),
          'x-amz-target': 'KinesisAnalytics_20180523.ListApplications',
        },
      }),
    );

    // Assess
    expect(identity).toEqual({
      service: 'kinesisanalytics',
      operation: 'kinesisanalytics:ListApplications',
      region: 'eu-west-1',
      protocol: 'json',
    });
  });

  it('names an awsQuery operation by its Action', () => {
    // Act
    const identity = identifyRequest(
      request({
        headers: signedFor('iam', 'us-east-1'),
        body: 'Action=GetRole&RoleName=app&Version=2010-05-08',
      }),
    );

    // Assess
    expect(identity).toEqual({
      service: 'iam',
      operation: 'iam:GetRole',
      region: 'us-east-1',
      protocol: 'query',
    });
  });

  it('tells ec2Query apart from awsQuery', () => {
    // Act
    const identity = identifyRequest(request({ headers: signedFor('ec2'), body: 'Action=DescribeRegions' }));

    // Assess
    expect(identity).toEqual({
      service: 'ec2',
      operation: 'ec2:DescribeRegions',
      region: 'eu-west-1',
      protocol: 'ec2',
    });
  });

  it('names an S3 bucket read by its sub-resource, counted per bucket', () => {
    // Act
    const identity = identifyRequest(
      request({ method: 'GET', path: '/code-bucket', query: 'encryption=', headers: signedFor('s3') }),
    );

    // Assess
    expect(identity).toEqual({
      service: 's3',
      operation: 's3:GetBucketEncryption',
      region: 'eu-west-1',
      protocol: 'rest-xml',
      quotaName: 's3:GET/HEAD',
      partition: 'code-bucket/',
    });
  });

  it('names an S3 object write and counts it under its key prefix', () => {
    // Act
    const identity = identifyRequest(
      request({ method: 'PUT', path: '/reports/2026/11/report.json', headers: signedFor('s3') }),
    );

    // Assess
    expect(identity).toEqual({
      service: 's3',
      operation: 's3:PutObject',
      region: 'eu-west-1',
      protocol: 'rest-xml',
      quotaName: 's3:PUT/COPY/POST/DELETE',
      partition: 'reports/2026/11/',
    });
  });

  it('names the requests of a multipart upload and a copy by their query and headers', () => {
    // Prepare
    const object = (method: string, query = '', headers = {}) =>
      identifyRequest(
        request({
          method,
          path: '/reports/2026/11/report.json',
          query,
          headers: { ...signedFor('s3'), ...headers },
        }),
      ).operation;

    // Act
    const operations = [
      object('POST', 'uploads='),
      object('PUT', 'partNumber=1&uploadId=u-1'),
      object('POST', 'uploadId=u-1'),
      object('DELETE', 'uploadId=u-1'),
      object('PUT', '', { 'x-amz-copy-source': 'reports/2026/11/other.json' }),
    ];

    // Assess
    expect(operations).toEqual([
      's3:CreateMultipartUpload',
      's3:UploadPart',
      's3:CompleteMultipartUpload',
      's3:AbortMultipartUpload',
      's3:CopyObject',
    ]);
  });

  it('names an S3 Control call by its path', () => {
    // Act
    const identity = identifyRequest(
      request({
        method: 'GET',
        path: '/v20180820/configuration/publicAccessBlock',
        headers: signedFor('s3'),
      }),
    );

    // Assess
    expect(identity).toEqual({
      service: 's3control',
      operation: 's3control:GetPublicAccessBlock',
      region: 'eu-west-1',
      protocol: 'rest-xml',
    });
  });

  it('names an unsigned request as such', () => {
    // Act
    const identity = identifyRequest(
      request({ headers: { 'x-amz-target': 'Kinesis_20131202.ListStreams' } }),
    );

    // Assess
    expect(identity).toEqual({ service: '', operation: 'unsigned', region: '', protocol: 'json' });
  });
});
