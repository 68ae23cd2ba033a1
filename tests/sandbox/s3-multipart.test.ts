import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { accountSnapshot } from '../support/snapshot-builder.js';
import { credentials, failureOf, REGION } from './support/json-wire.js';

const BUCKET = 'acme-reports';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1b2c3d4e-1111-2222-3333-444455556666';
const MiB = 1024 * 1024;
const snapshot = accountSnapshot({
  buckets: [
    {
      Name: BUCKET,
      Region: REGION,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN } }],
      },
      Policy: null,
      PublicAccessBlockConfiguration: null,
      Versioning: null,
    },
  ],
});

const md5 = (body: Buffer) => createHash('md5').update(body).digest();
function crc32Bytes(body: Buffer): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(body) >>> 0);
  return bytes;
}

function partBody(size: number, fill: number): Buffer {
  return Buffer.alloc(size, fill);
}

describe('Service: S3 (multipart upload and copy)', { timeout: 30_000 }, () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  // A client that adds no checksum of its own, to send a part without one.
  let plainS3: S3Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot });
    s3 = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1, env: {} }).s3(REGION);
    plainS3 = new S3Client({
      region: REGION,
      endpoint: sandbox.endpoint,
      forcePathStyle: true,
      credentials,
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  });

  afterAll(async () => {
    s3.destroy();
    plainS3.destroy();
    await sandbox.close();
  });

  async function upload(key: string, options: { checksum?: boolean } = { checksum: true }): Promise<string> {
    const created = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        ContentType: 'application/json',
        ...(options.checksum ? { ChecksumAlgorithm: 'CRC32' as const } : {}),
      }),
    );
    return created.UploadId ?? '';
  }

  async function sendPart(key: string, uploadId: string, number: number, body: Buffer) {
    return s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        PartNumber: number,
        Body: body,
        ChecksumAlgorithm: 'CRC32',
      }),
    );
  }

  describe('Operation: CompleteMultipartUpload', () => {
    it("joins the parts into the object, with S3's multipart ETag and composite CRC32", async () => {
      // Prepare
      const key = 'reports/joined.json';
      const parts = [partBody(5 * MiB, 1), partBody(1024, 2)];
      const uploadId = await upload(key);
      const sent = [await sendPart(key, uploadId, 1, parts[0]!), await sendPart(key, uploadId, 2, parts[1]!)];

      // Act
      const completed = await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: sent.map((part, index) => ({
              PartNumber: index + 1,
              ETag: part.ETag,
              ChecksumCRC32: part.ChecksumCRC32,
            })),
          },
        }),
      );

      // Assess
      const etag = `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-2"`;
      const composite = `${crc32Bytes(Buffer.concat(parts.map(crc32Bytes))).toString('base64')}-2`;
      expect([
        completed.ETag,
        completed.ChecksumCRC32,
        completed.ChecksumType,
        completed.SSEKMSKeyId,
      ]).toEqual([etag, composite, 'COMPOSITE', KEY_ARN]);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const body = Buffer.from(await object.Body!.transformToByteArray());
      expect([body.equals(Buffer.concat(parts)), object.ContentType, object.ETag]).toEqual([
        true,
        'application/json',
        etag,
      ]);
    });

    it('refuses a part other than the last under 5 MiB with EntityTooSmall', async () => {
      // Prepare
      const key = 'reports/small.json';
      const uploadId = await upload(key);
      const first = await sendPart(key, uploadId, 1, partBody(MiB, 1));
      const second = await sendPart(key, uploadId, 2, partBody(MiB, 2));

      // Act
      const failure = await failureOf(
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: BUCKET,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: {
              Parts: [
                { PartNumber: 1, ETag: first.ETag, ChecksumCRC32: first.ChecksumCRC32 },
                { PartNumber: 2, ETag: second.ETag, ChecksumCRC32: second.ChecksumCRC32 },
              ],
            },
          }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'EntityTooSmall',
        message: 'Your proposed upload is smaller than the minimum allowed object size.',
        status: 400,
      });
    });

    it('refuses parts out of order, a part with another ETag, and a part listed without its checksum', async () => {
      // Prepare
      const key = 'reports/checked.json';
      const uploadId = await upload(key);
      const first = await sendPart(key, uploadId, 1, partBody(5 * MiB, 1));
      const second = await sendPart(key, uploadId, 2, partBody(10, 2));
      const complete = (Parts: { PartNumber: number; ETag?: string; ChecksumCRC32?: string }[]) =>
        failureOf(
          s3.send(
            new CompleteMultipartUploadCommand({
              Bucket: BUCKET,
              Key: key,
              UploadId: uploadId,
              MultipartUpload: { Parts },
            }),
          ),
        );

      // Act
      const failures = [
        await complete([
          { PartNumber: 2, ETag: second.ETag, ChecksumCRC32: second.ChecksumCRC32 },
          { PartNumber: 1, ETag: first.ETag, ChecksumCRC32: first.ChecksumCRC32 },
        ]),
        await complete([{ PartNumber: 1, ETag: second.ETag, ChecksumCRC32: first.ChecksumCRC32 }]),
        await complete([{ PartNumber: 1, ETag: first.ETag }]),
      ];

      // Assess
      expect(failures.map((failure) => failure.name)).toEqual([
        'InvalidPartOrder',
        'InvalidPart',
        'InvalidRequest',
      ]);
      expect(failures[2]?.message).toEqual(
        'The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.',
      );
      expect(sandbox.state.bucketObjects(BUCKET)?.has(key)).toBe(false);
    });
  });

  describe('Operation: UploadPart', () => {
    it('refuses a part without the checksum its upload was created with', async () => {
      // Prepare
      const key = 'reports/no-checksum.json';
      const uploadId = await upload(key);

      // Act
      const failure = await failureOf(
        plainS3.send(
          new UploadPartCommand({
            Bucket: BUCKET,
            Key: key,
            UploadId: uploadId,
            PartNumber: 1,
            Body: 'part',
          }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidRequest',
        message: 'Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: null',
        status: 400,
      });
    });

    it('refuses a part number outside 1 to 10000', async () => {
      // Prepare
      const key = 'reports/numbers.json';
      const uploadId = await upload(key);

      // Act
      const failure = await failureOf(sendPart(key, uploadId, 10_001, partBody(10, 1)));

      // Assess
      expect([failure.name, failure.status]).toEqual(['InvalidArgument', 400]);
    });
  });

  describe('Operation: AbortMultipartUpload', () => {
    it('drops the upload: its id then names no upload, for parts, completion or another abort', async () => {
      // Prepare
      const key = 'reports/aborted.json';
      const uploadId = await upload(key);
      await sendPart(key, uploadId, 1, partBody(10, 1));

      // Act
      await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));

      // Assess
      const noSuchUpload = {
        name: 'NoSuchUpload',
        message:
          'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        status: 404,
      };
      expect([
        await failureOf(sendPart(key, uploadId, 2, partBody(10, 2))),
        await failureOf(
          s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId })),
        ),
        await failureOf(sendPart('reports/other.json', uploadId, 1, partBody(10, 2))),
      ]).toEqual([noSuchUpload, noSuchUpload, noSuchUpload]);
      expect(sandbox.state.bucketObjects(BUCKET)?.has(key)).toBe(false);
    });
  });

  describe('Operation: CopyObject', () => {
    it('copies the body and Content-Type of an object to another key', async () => {
      // Prepare
      await s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'reports/2026/scan 1.json',
          Body: '{"score": 90}',
          ContentType: 'application/json',
        }),
      );

      // Act
      const copied = await s3.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: 'reports/latest.json',
          CopySource: `${BUCKET}/reports/2026/scan%201.json`,
        }),
      );

      // Assess
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/latest.json' }));
      expect([
        copied.CopyObjectResult?.ETag,
        copied.CopyObjectResult?.LastModified instanceof Date,
        copied.SSEKMSKeyId,
        await object.Body?.transformToString(),
        object.ContentType,
      ]).toEqual([
        `"${md5(Buffer.from('{"score": 90}')).toString('hex')}"`,
        true,
        KEY_ARN,
        '{"score": 90}',
        'application/json',
      ]);
    });

    it('fails with NoSuchKey for a source that does not exist, and refuses to copy an object onto itself', async () => {
      // Prepare
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'reports/self.json', Body: '{}' }));

      // Act
      const failures = [
        await failureOf(
          s3.send(
            new CopyObjectCommand({
              Bucket: BUCKET,
              Key: 'reports/x.json',
              CopySource: `${BUCKET}/reports/none.json`,
            }),
          ),
        ),
        await failureOf(
          s3.send(
            new CopyObjectCommand({
              Bucket: BUCKET,
              Key: 'reports/self.json',
              CopySource: `${BUCKET}/reports/self.json`,
            }),
          ),
        ),
      ];

      // Assess
      expect(failures.map((failure) => [failure.name, failure.status])).toEqual([
        ['NoSuchKey', 404],
        ['InvalidRequest', 400],
      ]);
    });
  });
});
