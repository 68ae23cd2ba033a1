import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../shared/errors.js';
import { PART_SIZE, uploadObject } from '../../shared/publish/upload-object.js';

const s3Mock = mockClient(S3Client);
const target = {
  bucket: 'audit-reports',
  key: 'kda/111122223333/2026/11/29/scan.json',
  contentType: 'application/json',
};

/** Text pieces of many sizes (multi-byte characters included), `bytes` long in UTF-8 at least. */
function* pieces(bytes: number): Generator<string | Uint8Array> {
  let written = 0;
  for (let index = 0; written < bytes; index += 1) {
    const piece =
      index % 7 === 3
        ? Buffer.alloc(PART_SIZE + 17, index % 251) // a piece longer than a part
        : `${'é€'.repeat(index % 5)}${'x'.repeat((index * 7919) % 300_000)}\n`;
    written += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
    yield piece;
  }
}

function bytesOf(chunks: Iterable<string | Uint8Array>): Buffer {
  return Buffer.concat([...chunks].map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
}

// Copies of the parts as they were sent: the uploader fills a sent part's buffer again.
let sentParts: Buffer[] = [];

function failure(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

describe('Function: uploadObject', () => {
  beforeEach(() => {
    s3Mock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
    sentParts = [];
    s3Mock.on(UploadPartCommand).callsFake((input: { PartNumber: number; Body: Uint8Array }) => {
      sentParts[input.PartNumber - 1] = Buffer.from(input.Body);
      return { ETag: `"etag-${input.PartNumber}"`, ChecksumCRC32: `crc-${input.PartNumber}` };
    });
    s3Mock.on(CompleteMultipartUploadCommand).resolves({});
    s3Mock.on(AbortMultipartUploadCommand).resolves({});
  });

  it('writes a body of less than one part as one PutObject of its UTF-8 bytes', async () => {
    // Prepare
    const chunks = ['{"name": "caf', 'é"', Buffer.from(', "n": 1}')];
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    await uploadObject(s3, target, chunks);

    // Assess
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: target.bucket,
        Key: target.key,
        Body: Buffer.from('{"name": "café", "n": 1}'),
        ContentType: 'application/json',
      },
    ]);
    expect(s3Mock).not.toHaveReceivedCommand(CreateMultipartUploadCommand);
  });

  it('writes an empty body as one empty PutObject', async () => {
    // Act
    await uploadObject(new S3Client({ region: 'eu-west-1' }), target, []);

    // Assess
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Body)).toEqual([
      Buffer.alloc(0),
    ]);
  });

  it('writes a larger body as a multipart upload of full parts, the last shorter, with CRC32 checksums', async () => {
    // Prepare
    const source = bytesOf(pieces(2 * PART_SIZE + 1234));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    await uploadObject(s3, target, pieces(2 * PART_SIZE + 1234));

    // Assess
    expect(s3Mock).toHaveReceivedCommandWith(CreateMultipartUploadCommand, {
      Bucket: target.bucket,
      Key: target.key,
      ContentType: 'application/json',
      ChecksumAlgorithm: 'CRC32',
    });
    const parts = sentParts;
    expect(parts.map((part) => part.length)).toEqual([PART_SIZE, PART_SIZE, source.length - 2 * PART_SIZE]);
    expect(Buffer.concat(parts).equals(source)).toBe(true);
    expect(
      s3Mock.commandCalls(UploadPartCommand).map((call) => call.args[0].input.ChecksumAlgorithm),
    ).toEqual(['CRC32', 'CRC32', 'CRC32']);
    expect(s3Mock.commandCalls(CompleteMultipartUploadCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: target.bucket,
        Key: target.key,
        UploadId: 'upload-1',
        MultipartUpload: {
          Parts: [1, 2, 3].map((number) => ({
            PartNumber: number,
            ETag: `"etag-${number}"`,
            ChecksumCRC32: `crc-${number}`,
          })),
        },
      },
    ]);
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(s3Mock).not.toHaveReceivedCommand(AbortMultipartUploadCommand);
  });

  it('keeps at most two parts uploading at once, and two part buffers in memory', async () => {
    // Prepare
    let uploading = 0;
    let most = 0;
    s3Mock.on(UploadPartCommand).callsFake(async (input: { PartNumber: number }) => {
      uploading += 1;
      most = Math.max(most, uploading);
      await new Promise((resolve) => setTimeout(resolve, 5 * (input.PartNumber % 3)));
      uploading -= 1;
      return { ETag: `"etag-${input.PartNumber}"` };
    });

    const count = Math.ceil(bytesOf(pieces(5 * PART_SIZE)).length / PART_SIZE);

    // Act
    await uploadObject(new S3Client({ region: 'eu-west-1' }), target, pieces(5 * PART_SIZE));

    // Assess
    const buffers = new Set(
      s3Mock.commandCalls(UploadPartCommand).map((call) => (call.args[0].input.Body as Uint8Array).buffer),
    );
    expect([s3Mock.commandCalls(UploadPartCommand).length, most, buffers.size]).toEqual([count, 2, 2]);
    const listed = s3Mock.commandCalls(CompleteMultipartUploadCommand)[0]?.args[0].input.MultipartUpload
      ?.Parts;
    expect(listed?.map((part) => part.PartNumber)).toEqual(
      Array.from({ length: count }, (_, index) => index + 1),
    );
  });

  it('aborts the upload when a part fails and throws PublishError saying so, with the permissions to grant', async () => {
    // Prepare
    const denied = failure('AccessDenied', 'Access Denied');
    s3Mock.on(UploadPartCommand, { PartNumber: 2 }).rejects(denied);

    // Act
    const upload = uploadObject(new S3Client({ region: 'eu-west-1' }), target, pieces(3 * PART_SIZE));

    // Assess
    await expect(upload).rejects.toEqual(
      new PublishError(
        `Could not write the report to s3://audit-reports/${target.key} (AccessDenied: Access Denied). ` +
          "The multipart upload upload-1 was aborted. Check that the bucket exists and grant the auditor's role " +
          "s3:PutObject on arn:aws:s3:::audit-reports/* and kms:GenerateDataKey on the bucket's default KMS key " +
          '(a report written in parts also needs s3:AbortMultipartUpload and kms:Decrypt), then run the scan again.',
        { cause: denied },
      ),
    );
    expect(s3Mock).toHaveReceivedCommandWith(AbortMultipartUploadCommand, {
      Bucket: target.bucket,
      Key: target.key,
      UploadId: 'upload-1',
    });
    expect(s3Mock).not.toHaveReceivedCommand(CompleteMultipartUploadCommand);
  });

  it('says how to remove the parts when the abort fails too', async () => {
    // Prepare
    s3Mock
      .on(CompleteMultipartUploadCommand)
      .rejects(failure('InternalError', 'We encountered an internal error.'));
    s3Mock.on(AbortMultipartUploadCommand).rejects(failure('AccessDenied', 'Access Denied'));

    // Act
    const upload = uploadObject(new S3Client({ region: 'eu-west-1' }), target, pieces(2 * PART_SIZE));

    // Assess
    await expect(upload).rejects.toThrow(
      'The multipart upload upload-1 could not be aborted either (AccessDenied: Access Denied): the ' +
        "bucket's lifecycle rule removes its parts, or run aws s3api abort-multipart-upload --bucket " +
        `audit-reports --key ${target.key} --upload-id upload-1.`,
    );
  });

  it('aborts the upload and throws the error itself when producing the body fails', async () => {
    // Prepare
    const bug = new TypeError('Cannot read properties of undefined');
    function* failing(): Generator<string | Uint8Array> {
      yield* pieces(3 * PART_SIZE);
      throw bug;
    }

    // Act
    const upload = uploadObject(new S3Client({ region: 'eu-west-1' }), target, failing());

    // Assess
    await expect(upload).rejects.toBe(bug);
    expect(s3Mock).toHaveReceivedCommandWith(AbortMultipartUploadCommand, { UploadId: 'upload-1' });
    expect(s3Mock).not.toHaveReceivedCommand(CompleteMultipartUploadCommand);
  });

  it('throws PublishError, with nothing to abort, when the upload cannot be created', async () => {
    // Prepare
    s3Mock.on(CreateMultipartUploadCommand).rejects(failure('AccessDenied', 'Access Denied'));

    // Act
    const upload = uploadObject(new S3Client({ region: 'eu-west-1' }), target, pieces(2 * PART_SIZE));

    // Assess
    await expect(upload).rejects.toThrow(
      `Could not write the report to s3://audit-reports/${target.key} (AccessDenied: Access Denied). Check that`,
    );
    expect(s3Mock).not.toHaveReceivedCommand(UploadPartCommand);
    expect(s3Mock).not.toHaveReceivedCommand(AbortMultipartUploadCommand);
  });
});
