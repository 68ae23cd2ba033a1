import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, BucketDetail } from '../../shared/snapshot/types.js';
import { accountSnapshot, collectionError, deny, policyDocument } from '../support/snapshot-builder.js';
import { awsCli, awsCliAvailable, credentials, failureOf, NO_AWS_CLI, REGION } from './support/json-wire.js';
import { outputOf, rawRestCall, withoutRequestIds } from './support/rest-wire.js';

const COLLECTED_AT = '2026-11-29T02:00:00Z';
const ARTIFACTS = 'acme-artifacts';
const LEGACY = 'acme-legacy';
const US_LOGS = 'acme-us-logs';
const DENIED = 'acme-denied';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1b2c3d4e-1111-2222-3333-444455556666';
const tlsOnlyPolicy = policyDocument(
  deny('s3:*', [`arn:aws:s3:::${ARTIFACTS}`, `arn:aws:s3:::${ARTIFACTS}/*`], {
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  }),
);
const logsPolicy = policyDocument(deny('s3:DeleteObject', `arn:aws:s3:::${US_LOGS}/*`));
const blockAll = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ARTIFACT_FILES = {
  'jobs/app.jar': 'app-bytes',
  'jobs/lib/dep.jar': 'dependency-bytes',
  'notes/read me+now.txt': 'notes',
  'readme.txt': 'read me',
};

/** A bucket as the collector records it: everything unset unless given. */
function bucket(name: string, region: string, settings: Partial<BucketDetail> = {}): BucketDetail {
  return {
    Name: name,
    Region: region,
    ServerSideEncryptionConfiguration: null,
    Policy: null,
    PublicAccessBlockConfiguration: null,
    Versioning: null,
    ...settings,
  };
}

/** An S3 code artifact kept in the snapshot. */
function objectOf(key: string, text: string) {
  return { Key: key, Size: text.length, ContentBase64: Buffer.from(text).toString('base64') };
}

const etagOf = (text: string) => `"${createHash('md5').update(text).digest('hex')}"`;

const snapshot: AccountSnapshot = {
  ...accountSnapshot({
    buckets: [
      bucket(ARTIFACTS, REGION, {
        CreationDate: '2025-03-01T12:00:00Z',
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN },
              BucketKeyEnabled: true,
            },
          ],
        },
        Policy: tlsOnlyPolicy,
        PublicAccessBlockConfiguration: blockAll,
        Versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
        Objects: Object.entries(ARTIFACT_FILES).map(([key, text]) => objectOf(key, text)),
      }),
      bucket(LEGACY, REGION),
      bucket(US_LOGS, 'us-east-1', {
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        Policy: encodeURIComponent(JSON.stringify(logsPolicy)),
      }),
      // Collection could not read its encryption: left out, with the failure recorded.
      { Name: DENIED, Region: REGION, Policy: null },
    ],
    collectionErrors: [collectionError('s3:GetBucketEncryption', `arn:aws:s3:::${DENIED}`)],
  }),
  collectedAt: COLLECTED_AT,
};

const noSuchBucket = { name: 'NoSuchBucket', message: 'The specified bucket does not exist', status: 404 };

function s3Clients(sandbox: Sandbox) {
  const clients = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1, env: {} });
  return { s3: clients.s3(REGION), s3East: clients.s3('us-east-1') };
}

describe('Service: S3 (reads)', () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  let s3East: S3Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot });
    ({ s3, s3East } = s3Clients(sandbox));
  });

  afterAll(async () => {
    s3.destroy();
    s3East.destroy();
    await sandbox.close();
  });

  describe('Operation: ListBuckets', () => {
    it('returns every bucket by name with its creation date, and the owner', async () => {
      // Act
      const output = await s3.send(new ListBucketsCommand({}));

      // Assess
      expect(outputOf(output)).toEqual({
        Buckets: [
          { Name: ARTIFACTS, CreationDate: new Date('2025-03-01T12:00:00Z') },
          { Name: DENIED, CreationDate: new Date(COLLECTED_AT) },
          { Name: LEGACY, CreationDate: new Date(COLLECTED_AT) },
          { Name: US_LOGS, CreationDate: new Date(COLLECTED_AT) },
        ],
        Owner: { ID: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    });

    it('returns the buckets of a prefix and region with their region when asked with parameters', async () => {
      // Act
      const output = await s3.send(new ListBucketsCommand({ Prefix: 'acme-', BucketRegion: 'us-east-1' }));

      // Assess
      expect(outputOf(output)).toEqual({
        Buckets: [{ Name: US_LOGS, CreationDate: new Date(COLLECTED_AT), BucketRegion: 'us-east-1' }],
        Owner: { ID: expect.stringMatching(/^[0-9a-f]{64}$/) },
        Prefix: 'acme-',
      });
    });
  });

  describe('Operation: GetBucketLocation', () => {
    it('returns the region of a bucket to any region asking', async () => {
      // Act
      const output = await s3East.send(new GetBucketLocationCommand({ Bucket: ARTIFACTS }));

      // Assess
      expect(outputOf(output)).toEqual({ LocationConstraint: REGION });
    });

    it('returns no location constraint for a us-east-1 bucket', async () => {
      // Act
      const output = await s3.send(new GetBucketLocationCommand({ Bucket: US_LOGS }));

      // Assess
      expect(outputOf(output)).toEqual({});
    });

    it('fails with NoSuchBucket for a bucket that does not exist', async () => {
      // Act
      const failure = await failureOf(s3.send(new GetBucketLocationCommand({ Bucket: 'acme-missing' })));

      // Assess
      expect(failure).toEqual(noSuchBucket);
    });
  });

  describe('Operation: GetBucketEncryption', () => {
    it('returns the default encryption rules', async () => {
      // Act
      const output = await s3.send(new GetBucketEncryptionCommand({ Bucket: ARTIFACTS }));

      // Assess
      expect(outputOf(output)).toEqual({
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN },
              BucketKeyEnabled: true,
            },
          ],
        },
      });
    });

    it('fails with ServerSideEncryptionConfigurationNotFoundError when the bucket has none', async () => {
      // Act
      const failure = await failureOf(s3.send(new GetBucketEncryptionCommand({ Bucket: LEGACY })));

      // Assess
      expect(failure).toEqual({
        name: 'ServerSideEncryptionConfigurationNotFoundError',
        message: 'The server side encryption configuration was not found',
        status: 404,
      });
    });

    it('fails with the error the snapshot recorded for the bucket', async () => {
      // Act
      const failure = await failureOf(s3.send(new GetBucketEncryptionCommand({ Bucket: DENIED })));

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: s3:GetBucketEncryption',
        status: 403,
      });
    });

    it('redirects a request sent to another region than the bucket’s', async () => {
      // Act
      const failure = await failureOf(s3East.send(new GetBucketEncryptionCommand({ Bucket: ARTIFACTS })));

      // Assess
      expect(failure).toEqual({
        name: 'PermanentRedirect',
        message:
          'The bucket you are attempting to access must be addressed using the specified endpoint. ' +
          'Please send all future requests to this endpoint.',
        status: 301,
      });
    });

    it('answers a missing bucket in S3’s error document', async () => {
      // Act
      const response = await rawRestCall(sandbox.endpoint, {
        method: 'GET',
        path: '/acme-missing?encryption',
      });

      // Assess
      expect({ ...response, body: withoutRequestIds(response.body) }).toEqual({
        status: 404,
        headers: expect.objectContaining({ 'content-type': 'application/xml' }),
        body:
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code>' +
          '<Message>The specified bucket does not exist</Message><BucketName>acme-missing</BucketName>' +
          '<RequestId>…</RequestId><HostId>…</HostId></Error>',
      });
    });
  });

  describe('Operation: GetBucketPolicy', () => {
    it('returns the policy as JSON text', async () => {
      // Act
      const output = await s3.send(new GetBucketPolicyCommand({ Bucket: ARTIFACTS }));

      // Assess
      expect(outputOf(output)).toEqual({ Policy: JSON.stringify(tlsOnlyPolicy) });
    });

    it('returns a policy the snapshot holds URL-encoded as plain JSON text', async () => {
      // Act
      const output = await s3East.send(new GetBucketPolicyCommand({ Bucket: US_LOGS }));

      // Assess
      expect(outputOf(output)).toEqual({ Policy: JSON.stringify(logsPolicy) });
    });

    it('fails with NoSuchBucketPolicy when the bucket has none', async () => {
      // Act
      const failure = await failureOf(s3.send(new GetBucketPolicyCommand({ Bucket: LEGACY })));

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchBucketPolicy',
        message: 'The bucket policy does not exist',
        status: 404,
      });
    });
  });

  describe('Operation: GetPublicAccessBlock', () => {
    it('returns the bucket’s Block Public Access settings', async () => {
      // Act
      const output = await s3.send(new GetPublicAccessBlockCommand({ Bucket: ARTIFACTS }));

      // Assess
      expect(outputOf(output)).toEqual({ PublicAccessBlockConfiguration: blockAll });
    });

    it('fails with NoSuchPublicAccessBlockConfiguration when the bucket has none', async () => {
      // Act
      const failure = await failureOf(s3.send(new GetPublicAccessBlockCommand({ Bucket: LEGACY })));

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchPublicAccessBlockConfiguration',
        message: 'The public access block configuration was not found',
        status: 404,
      });
    });
  });

  describe('Operation: GetBucketVersioning', () => {
    it('returns the versioning state', async () => {
      // Act
      const output = await s3.send(new GetBucketVersioningCommand({ Bucket: ARTIFACTS }));

      // Assess
      expect(outputOf(output)).toEqual({ Status: 'Enabled', MFADelete: 'Disabled' });
    });

    it('returns an empty configuration when versioning was never enabled', async () => {
      // Act
      const output = await s3.send(new GetBucketVersioningCommand({ Bucket: LEGACY }));

      // Assess
      expect(outputOf(output)).toEqual({});
    });
  });

  describe('Operation: HeadBucket', () => {
    it('returns the bucket’s region', async () => {
      // Act
      const output = await s3.send(new HeadBucketCommand({ Bucket: ARTIFACTS }));

      // Assess
      expect(outputOf(output)).toEqual({ BucketRegion: REGION, AccessPointAlias: false });
    });

    it('fails with a bodiless 404 for a bucket that does not exist', async () => {
      // Act
      const failure = await failureOf(s3.send(new HeadBucketCommand({ Bucket: 'acme-missing' })));

      // Assess
      expect(failure).toEqual({ name: 'NotFound', message: 'UnknownError', status: 404 });
    });

    it('answers another region with 301 and the bucket’s region header', async () => {
      // Act
      const response = await rawRestCall(sandbox.endpoint, {
        method: 'HEAD',
        path: `/${ARTIFACTS}`,
        region: 'us-east-1',
      });

      // Assess
      expect([response.status, response.headers['x-amz-bucket-region'], response.body]).toEqual([
        301,
        REGION,
        '',
      ]);
    });
  });

  describe('Operation: ListObjectsV2', () => {
    it('returns every key with its size, ETag and storage class', async () => {
      // Act
      const output = await s3.send(new ListObjectsV2Command({ Bucket: ARTIFACTS }));

      // Assess
      expect(outputOf(output)).toEqual({
        Name: ARTIFACTS,
        Prefix: '',
        KeyCount: 4,
        MaxKeys: 1000,
        IsTruncated: false,
        Contents: Object.entries(ARTIFACT_FILES).map(([key, text]) => ({
          Key: key,
          LastModified: expect.any(Date),
          ETag: etagOf(text),
          Size: text.length,
          StorageClass: 'STANDARD',
        })),
      });
    });

    it('rolls keys up into common prefixes at the delimiter', async () => {
      // Act
      const output = await s3.send(
        new ListObjectsV2Command({ Bucket: ARTIFACTS, Prefix: 'jobs/', Delimiter: '/' }),
      );

      // Assess
      expect(outputOf(output)).toEqual({
        Name: ARTIFACTS,
        Prefix: 'jobs/',
        Delimiter: '/',
        KeyCount: 2,
        MaxKeys: 1000,
        IsTruncated: false,
        Contents: [
          {
            Key: 'jobs/app.jar',
            LastModified: expect.any(Date),
            ETag: etagOf('app-bytes'),
            Size: 9,
            StorageClass: 'STANDARD',
          },
        ],
        CommonPrefixes: [{ Prefix: 'jobs/lib/' }],
      });
    });

    it('returns the keys after StartAfter, URL-encoded when asked', async () => {
      // Act
      const output = await s3.send(
        new ListObjectsV2Command({
          Bucket: ARTIFACTS,
          StartAfter: 'jobs/lib/dep.jar',
          EncodingType: 'url',
          MaxKeys: 1,
        }),
      );

      // Assess
      expect(outputOf(output)).toEqual({
        Name: ARTIFACTS,
        Prefix: '',
        StartAfter: 'jobs/lib/dep.jar',
        EncodingType: 'url',
        KeyCount: 1,
        MaxKeys: 1,
        IsTruncated: true,
        NextContinuationToken: expect.any(String),
        Contents: [
          {
            Key: 'notes/read%20me%2Bnow.txt',
            LastModified: expect.any(Date),
            ETag: etagOf('notes'),
            Size: 5,
            StorageClass: 'STANDARD',
          },
        ],
      });
    });

    it('fails with InvalidArgument for a continuation token it did not issue', async () => {
      // Act
      const failure = await failureOf(
        s3.send(new ListObjectsV2Command({ Bucket: ARTIFACTS, ContinuationToken: 'not-a-token' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidArgument',
        message: 'Invalid pagination token: not-a-token',
        status: 400,
      });
    });

    it('fails with NoSuchBucket for a bucket that does not exist', async () => {
      // Act
      const failure = await failureOf(s3.send(new ListObjectsV2Command({ Bucket: 'acme-missing' })));

      // Assess
      expect(failure).toEqual(noSuchBucket);
    });
  });

  describe('Operation: GetObject', () => {
    it('returns the object with its headers', async () => {
      // Act
      const { Body, ...output } = await s3.send(
        new GetObjectCommand({ Bucket: ARTIFACTS, Key: 'jobs/app.jar' }),
      );

      // Assess
      expect({ ...outputOf(output), Body: await Body?.transformToString() }).toEqual({
        Body: 'app-bytes',
        AcceptRanges: 'bytes',
        ContentLength: 9,
        ContentType: 'application/octet-stream',
        ETag: etagOf('app-bytes'),
        LastModified: expect.any(Date),
        Metadata: {},
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KEY_ARN,
        BucketKeyEnabled: true,
      });
    });

    it('returns the bytes of a range with 206 Partial Content', async () => {
      // Act
      const { Body, $metadata, ...output } = await s3.send(
        new GetObjectCommand({ Bucket: ARTIFACTS, Key: 'jobs/app.jar', Range: 'bytes=4-' }),
      );

      // Assess
      expect({
        status: $metadata.httpStatusCode,
        ContentRange: output.ContentRange,
        Body: await Body?.transformToString(),
      }).toEqual({
        status: 206,
        ContentRange: 'bytes 4-8/9',
        Body: 'bytes',
      });
    });

    it('answers 304 Not Modified when If-None-Match names the current ETag', async () => {
      // Act
      const response = await rawRestCall(sandbox.endpoint, {
        method: 'GET',
        path: `/${ARTIFACTS}/readme.txt`,
        headers: { 'if-none-match': etagOf('read me') },
      });

      // Assess
      expect([response.status, response.headers.etag, response.body]).toEqual([304, etagOf('read me'), '']);
    });

    it('fails with NoSuchKey for a key that does not exist', async () => {
      // Act
      const failure = await failureOf(
        s3.send(new GetObjectCommand({ Bucket: ARTIFACTS, Key: 'jobs/missing.jar' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchKey',
        message: 'The specified key does not exist.',
        status: 404,
      });
    });
  });

  describe('Operation: HeadObject', () => {
    it('returns the object’s headers', async () => {
      // Act
      const output = await s3.send(new HeadObjectCommand({ Bucket: ARTIFACTS, Key: 'readme.txt' }));

      // Assess
      expect(outputOf(output)).toEqual({
        AcceptRanges: 'bytes',
        ContentLength: 7,
        ContentType: 'application/octet-stream',
        ETag: etagOf('read me'),
        LastModified: expect.any(Date),
        Metadata: {},
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KEY_ARN,
        BucketKeyEnabled: true,
      });
    });

    it('fails with a bodiless 404 for a key that does not exist', async () => {
      // Act
      const failure = await failureOf(
        s3.send(new HeadObjectCommand({ Bucket: ARTIFACTS, Key: 'missing.txt' })),
      );

      // Assess
      expect(failure).toEqual({ name: 'NotFound', message: 'UnknownError', status: 404 });
    });
  });

  describe('Unsupported operations', () => {
    it('answers an S3 operation the sandbox does not serve with 501 NotImplemented', async () => {
      // Act
      const failure = await failureOf(s3.send(new GetBucketAclCommand({ Bucket: ARTIFACTS })));

      // Assess
      expect(failure).toEqual({
        name: 'NotImplemented',
        message:
          `The sandbox does not implement GET /${ARTIFACTS}/?acl. It serves ListBuckets, CreateBucket, HeadBucket, ` +
          'GetBucketLocation, GetBucketEncryption, GetBucketPolicy, GetPublicAccessBlock, GetBucketVersioning, ' +
          'ListObjectsV2, PutObject, CopyObject, CreateMultipartUpload, UploadPart, CompleteMultipartUpload, ' +
          'AbortMultipartUpload, GetObject, HeadObject.',
        status: 501,
      });
    });

    it('answers a DELETE with 501, never a 200 that did nothing', async () => {
      // Act
      const response = await rawRestCall(sandbox.endpoint, {
        method: 'DELETE',
        path: `/${ARTIFACTS}/readme.txt`,
      });

      // Assess
      expect([response.status, withoutRequestIds(response.body)]).toEqual([
        501,
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>The sandbox does not ' +
          `implement DELETE /${ARTIFACTS}/readme.txt. It serves ListBuckets, CreateBucket, HeadBucket, ` +
          'GetBucketLocation, GetBucketEncryption, GetBucketPolicy, GetPublicAccessBlock, GetBucketVersioning, ' +
          'ListObjectsV2, PutObject, CopyObject, CreateMultipartUpload, UploadPart, CompleteMultipartUpload, ' +
          'AbortMultipartUpload, GetObject, HeadObject.</Message><RequestId>…</RequestId><HostId>…</HostId></Error>',
      ]);
    });
  });
});

describe('Service: S3 (writes)', () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  let s3East: S3Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot: accountSnapshot() });
    ({ s3, s3East } = s3Clients(sandbox));
  });

  afterAll(async () => {
    s3.destroy();
    s3East.destroy();
    await sandbox.close();
  });

  describe('Operation: CreateBucket', () => {
    it('creates the bucket in the client’s region', async () => {
      // Act
      const created = await s3.send(new CreateBucketCommand({ Bucket: 'acme-reports' }));
      const located = await s3.send(new GetBucketLocationCommand({ Bucket: 'acme-reports' }));

      // Assess
      expect([outputOf(created), outputOf(located)]).toEqual([
        { Location: 'http://acme-reports.s3.amazonaws.com/' },
        { LocationConstraint: REGION },
      ]);
    });

    it('gives a new bucket SSE-S3, Block Public Access and no policy, as S3 does', async () => {
      // Prepare
      await s3.send(new CreateBucketCommand({ Bucket: 'acme-defaults' }));

      // Act
      const settings = [
        outputOf(await s3.send(new GetBucketEncryptionCommand({ Bucket: 'acme-defaults' }))),
        outputOf(await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'acme-defaults' }))),
        outputOf(await s3.send(new GetBucketVersioningCommand({ Bucket: 'acme-defaults' }))),
        await failureOf(s3.send(new GetBucketPolicyCommand({ Bucket: 'acme-defaults' }))),
      ];

      // Assess
      expect(settings).toEqual([
        {
          ServerSideEncryptionConfiguration: {
            Rules: [
              { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
            ],
          },
        },
        { PublicAccessBlockConfiguration: blockAll },
        {},
        { name: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist', status: 404 },
      ]);
    });

    it('fails with BucketAlreadyOwnedByYou outside us-east-1 for a bucket that exists', async () => {
      // Prepare
      await s3.send(new CreateBucketCommand({ Bucket: 'acme-twice' }));

      // Act
      const failure = await failureOf(s3.send(new CreateBucketCommand({ Bucket: 'acme-twice' })));

      // Assess
      expect(failure).toEqual({
        name: 'BucketAlreadyOwnedByYou',
        message: 'Your previous request to create the named bucket succeeded and you already own it.',
        status: 409,
      });
    });

    it('fails with IllegalLocationConstraintException for another region than the endpoint’s', async () => {
      // Act
      const failure = await failureOf(
        s3.send(
          new CreateBucketCommand({
            Bucket: 'acme-elsewhere',
            CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
          }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'IllegalLocationConstraintException',
        message:
          'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.',
        status: 400,
      });
    });

    it('fails with InvalidBucketName for a name S3 refuses', async () => {
      // Act
      const failure = await failureOf(s3East.send(new CreateBucketCommand({ Bucket: 'Acme_Reports' })));

      // Assess
      expect(failure).toEqual({
        name: 'InvalidBucketName',
        message: 'The specified bucket is not valid.',
        status: 400,
      });
    });
  });

  describe('Operation: PutObject', () => {
    beforeAll(async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'acme-uploads' }));
    });

    it('stores the body and answers with its ETag, encryption and verified checksum', async () => {
      // Act
      const output = await s3.send(
        new PutObjectCommand({
          Bucket: 'acme-uploads',
          Key: 'report.json',
          Body: '{"ok":true}',
          ContentType: 'application/json',
        }),
      );

      // Assess
      expect(outputOf(output)).toEqual({
        ETag: etagOf('{"ok":true}'),
        ServerSideEncryption: 'AES256',
        ChecksumCRC32: expect.stringMatching(/^[A-Za-z0-9+/]{6}==$/),
        ChecksumType: 'FULL_OBJECT',
      });
    });

    it.each(['CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const)(
      'verifies a %s checksum the SDK computed',
      async (algorithm) => {
        // Act
        const output = await s3.send(
          new PutObjectCommand({
            Bucket: 'acme-uploads',
            Key: `${algorithm}.txt`,
            Body: 'checked',
            ChecksumAlgorithm: algorithm,
          }),
        );

        // Assess
        expect(outputOf(output)).toEqual({
          ETag: etagOf('checked'),
          ServerSideEncryption: 'AES256',
          [`Checksum${algorithm}`]: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
          ChecksumType: 'FULL_OBJECT',
        });
      },
    );

    it('decodes a streamed body sent aws-chunked with its checksum in a trailer', async () => {
      // Prepare
      const body = Readable.from([Buffer.from('streamed '), Buffer.from('report')]);

      // Act
      await s3.send(
        new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'streamed.txt', Body: body, ContentLength: 15 }),
      );
      const stored = sandbox.state.bucketObjects('acme-uploads')?.get('streamed.txt');

      // Assess
      expect(stored?.body.toString()).toBe('streamed report');
    });

    it('keeps a key whose characters the URL encodes', async () => {
      // Prepare
      const key = 'reports/2026/a b+c%d.json';
      await s3.send(
        new PutObjectCommand({ Bucket: 'acme-uploads', Key: key, Body: 'odd', ContentType: 'text/plain' }),
      );

      // Act
      const { Body, ...output } = await s3.send(new GetObjectCommand({ Bucket: 'acme-uploads', Key: key }));

      // Assess
      expect({ ...outputOf(output), Body: await Body?.transformToString() }).toEqual({
        Body: 'odd',
        AcceptRanges: 'bytes',
        ContentLength: 3,
        ContentType: 'text/plain',
        ETag: etagOf('odd'),
        LastModified: expect.any(Date),
        Metadata: {},
        ServerSideEncryption: 'AES256',
      });
    });

    it('decodes a body framed with signed aws-chunked chunks', async () => {
      // Prepare
      const framed =
        '5;chunk-signature=aa\r\nhello\r\n6;chunk-signature=bb\r\n world\r\n0;chunk-signature=cc\r\n\r\n';

      // Act
      const response = await rawRestCall(sandbox.endpoint, {
        method: 'PUT',
        path: '/acme-uploads/signed.txt',
        headers: {
          'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
          'content-encoding': 'aws-chunked',
          'x-amz-decoded-content-length': '11',
        },
        body: framed,
      });

      // Assess
      expect([response.status, response.headers.etag]).toEqual([200, etagOf('hello world')]);
    });

    it('fails with BadDigest when the checksum does not match the body', async () => {
      // Act
      const failure = await failureOf(
        s3.send(
          new PutObjectCommand({
            Bucket: 'acme-uploads',
            Key: 'bad.txt',
            Body: 'body',
            ChecksumCRC32: 'AAAAAA==',
          }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'BadDigest',
        message: 'The CRC32 you specified did not match the calculated checksum.',
        status: 400,
      });
    });

    it('fails with XAmzContentSHA256Mismatch when the payload hash does not match the body', async () => {
      // Act
      const response = await rawRestCall(sandbox.endpoint, {
        method: 'PUT',
        path: '/acme-uploads/tampered.txt',
        headers: { 'x-amz-content-sha256': '0'.repeat(64) },
        body: 'tampered',
      });

      // Assess
      expect([response.status, withoutRequestIds(response.body)]).toEqual([
        400,
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>XAmzContentSHA256Mismatch</Code>' +
          '<Message>The provided &apos;x-amz-content-sha256&apos; header does not match what was computed.</Message>' +
          `<ClientComputedContentSHA256>${'0'.repeat(64)}</ClientComputedContentSHA256>` +
          `<S3ComputedContentSHA256>${createHash('sha256').update('tampered').digest('hex')}</S3ComputedContentSHA256>` +
          '<RequestId>…</RequestId><HostId>…</HostId></Error>',
      ]);
    });

    it('fails with PreconditionFailed when If-None-Match forbids overwriting', async () => {
      // Prepare
      await s3.send(new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'once.txt', Body: 'first' }));

      // Act
      const failure = await failureOf(
        s3.send(
          new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'once.txt', Body: 'second', IfNoneMatch: '*' }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'PreconditionFailed',
        message: 'At least one of the pre-conditions you specified did not hold',
        status: 412,
      });
    });

    it('fails with NoSuchBucket for a bucket that does not exist', async () => {
      // Act
      const failure = await failureOf(
        s3.send(new PutObjectCommand({ Bucket: 'acme-missing', Key: 'a.txt', Body: 'a' })),
      );

      // Assess
      expect(failure).toEqual(noSuchBucket);
    });
  });
});

describe('Service: S3 (paging)', () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  let s3East: S3Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    ({ s3, s3East } = s3Clients(sandbox));
  });

  afterAll(async () => {
    s3.destroy();
    s3East.destroy();
    await sandbox.close();
  });

  it('pages ListBuckets with continuation tokens at the configured page size', async () => {
    // Act
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListBucketsCommand({ MaxBuckets: 10, ContinuationToken: token }));
      pages.push((page.Buckets ?? []).map((entry) => entry.Name ?? ''));
      token = page.ContinuationToken;
    } while (token);

    // Assess
    expect(pages).toEqual([[ARTIFACTS], [DENIED], [LEGACY], [US_LOGS]]);
  });

  it('pages ListObjectsV2 with continuation tokens, each page counting its keys', async () => {
    // Act
    const pages: { keys: string[]; count: number | undefined; truncated: boolean | undefined }[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: ARTIFACTS })) {
      pages.push({
        keys: (page.Contents ?? []).map((entry) => entry.Key ?? ''),
        count: page.KeyCount,
        truncated: page.IsTruncated,
      });
    }

    // Assess
    expect(pages).toEqual([
      { keys: ['jobs/app.jar'], count: 1, truncated: true },
      { keys: ['jobs/lib/dep.jar'], count: 1, truncated: true },
      { keys: ['notes/read me+now.txt'], count: 1, truncated: true },
      { keys: ['readme.txt'], count: 1, truncated: false },
    ]);
  });
});

describe('Service: S3 (AWS CLI)', () => {
  let sandbox: Sandbox;
  let cliAvailable: boolean;

  beforeAll(async () => {
    cliAvailable = await awsCliAvailable();
    sandbox = await startSandbox({ snapshot });
  }, 60_000);

  afterAll(async () => {
    await sandbox.close();
  });

  it('answers aws s3api get-bucket-encryption in a shape the CLI parses', async (context) => {
    if (!cliAvailable) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, [
      's3api',
      'get-bucket-encryption',
      '--bucket',
      ARTIFACTS,
    ]);

    // Assess
    expect(output).toEqual({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
  }, 60_000);

  it('answers aws s3api list-objects-v2, whose URL-encoded keys the CLI decodes', async (context) => {
    if (!cliAvailable) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, [
      's3api',
      'list-objects-v2',
      '--bucket',
      ARTIFACTS,
      '--prefix',
      'notes/',
    ]);

    // Assess
    expect(output).toEqual({
      Contents: [
        {
          Key: 'notes/read me+now.txt',
          LastModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          ETag: etagOf('notes'),
          Size: 5,
          StorageClass: 'STANDARD',
        },
      ],
      RequestCharged: null,
      Prefix: 'notes/',
    });
  }, 60_000);
});
