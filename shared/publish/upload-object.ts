import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { errorText, PublishError } from '../errors.js';

/** The object an upload writes. */
export interface ObjectTarget {
  bucket: string;
  key: string;
  contentType: string;
}

/**
 * A body up to this size goes as one PutObject; a larger one as a multipart upload in parts of
 * this size (S3's minimum is 5 MiB for every part but the last).
 */
export const PART_SIZE = 8 * 1024 * 1024;

// At most two parts of an object in memory: two uploading, or one uploading while the next fills.
const PARTS_IN_FLIGHT = 2;

// A UTF-16 code unit is at most 3 bytes of UTF-8: a string this short surely fits in what is left.
const UTF8_BYTES_PER_UNIT = 3;

/**
 * Writes an object from pieces of text (UTF-8) or bytes, never holding the whole body: the pieces
 * fill a part, the part is sent, the next part is filled. Encryption is the bucket's default.
 * Throws PublishError; a multipart upload that failed is aborted first, and the error says whether
 * that worked.
 */
export async function uploadObject(
  s3: S3Client,
  target: ObjectTarget,
  chunks: Iterable<string | Uint8Array>,
): Promise<void> {
  // Part buffers an upload is done with, filled again: memory stays at two parts, not one per part.
  const spare: Buffer[] = [];
  const parts = partsOf(chunks, spare);
  // partsOf yields at least one part (an empty one for an empty body).
  const first = parts.next().value as Buffer;
  const second = parts.next();
  if (second.done) return putObject(s3, target, first);
  await multipartUpload(s3, target, [first, second.value], { rest: parts, spare });
}

async function putObject(s3: S3Client, target: ObjectTarget, body: Buffer): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        Body: body,
        ContentType: target.contentType,
      }),
    );
  } catch (error) {
    throw uploadError(target, error);
  }
}

async function multipartUpload(
  s3: S3Client,
  target: ObjectTarget,
  firstParts: readonly Buffer[],
  source: PartSource,
): Promise<void> {
  const address = { Bucket: target.bucket, Key: target.key };
  let uploadId: string | undefined;
  try {
    // CRC32 per part, listed again on completion: S3 checks each part and the whole object.
    const created = await s3.send(
      new CreateMultipartUploadCommand({
        ...address,
        ContentType: target.contentType,
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    uploadId = created.UploadId;
    if (!uploadId) throw new Error('CreateMultipartUpload answered without an UploadId');
    await uploadParts(s3, { ...address, UploadId: uploadId }, firstParts, source);
  } catch (error) {
    const aborted = uploadId && (await abort(s3, { ...address, UploadId: uploadId }));
    // The body's own failure (a rendering bug) is no S3 problem: it goes up as it is.
    if (error instanceof SourceFailure) throw error.cause;
    throw uploadError(target, error, aborted);
  }
}

/** The parts after the first two, and the buffers of parts already sent, to fill again. */
interface PartSource {
  rest: Iterator<Buffer>;
  spare: Buffer[];
}

// Marks an error thrown while producing the body, apart from those of S3.
class SourceFailure {
  constructor(readonly cause: unknown) {}
}

async function uploadParts(
  s3: S3Client,
  upload: { Bucket: string; Key: string; UploadId: string },
  firstParts: readonly Buffer[],
  { rest, spare }: PartSource,
): Promise<void> {
  const completed: CompletedPart[] = [];
  const inFlight = new Set<Promise<void>>();
  // A part's failure is kept, not thrown, so no rejection is ever left without a handler.
  const failures: unknown[] = [];
  let partNumber = 0;
  const send = (body: Buffer) => {
    partNumber += 1;
    const PartNumber = partNumber;
    const sending: Promise<void> = (async function uploadPart() {
      try {
        const answer = await s3.send(
          new UploadPartCommand({ ...upload, PartNumber, Body: body, ChecksumAlgorithm: 'CRC32' }),
        );
        completed.push({ PartNumber, ETag: answer.ETag, ChecksumCRC32: answer.ChecksumCRC32 });
        if (body.length === PART_SIZE) spare.push(body);
      } catch (error) {
        failures.push(error);
      }
    })().finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };
  for (const body of firstParts) send(body);
  try {
    for (;;) {
      while (inFlight.size >= PARTS_IN_FLIGHT && failures.length === 0) await Promise.race(inFlight);
      if (failures.length > 0) throw failures[0];
      const next = nextPart(rest);
      if (next.done) break;
      send(next.value);
    }
  } finally {
    // Parts still uploading must settle before an abort, or they could outlive it.
    await Promise.all(inFlight);
  }
  if (failures.length > 0) throw failures[0];
  completed.sort((left, right) => (left.PartNumber ?? 0) - (right.PartNumber ?? 0));
  await s3.send(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: completed } }));
}

function nextPart(parts: Iterator<Buffer>): IteratorResult<Buffer> {
  try {
    return parts.next();
  } catch (error) {
    throw new SourceFailure(error);
  }
}

// What became of the failed upload, for the error message.
async function abort(
  s3: S3Client,
  upload: { Bucket: string; Key: string; UploadId: string },
): Promise<string> {
  try {
    await s3.send(new AbortMultipartUploadCommand(upload));
    return `The multipart upload ${upload.UploadId} was aborted.`;
  } catch (error) {
    return (
      `The multipart upload ${upload.UploadId} could not be aborted either (${errorText(error)}): the bucket's ` +
      `lifecycle rule removes its parts, or run aws s3api abort-multipart-upload --bucket ${upload.Bucket} ` +
      `--key ${upload.Key} --upload-id ${upload.UploadId}.`
    );
  }
}

/** Splits the pieces into parts of PART_SIZE bytes (the last shorter); an empty body is one empty part. */
function* partsOf(chunks: Iterable<string | Uint8Array>, spare: Buffer[]): Generator<Buffer> {
  let part = spare.pop() ?? Buffer.allocUnsafe(PART_SIZE);
  let filled = 0;
  let yielded = false;
  for (const chunk of chunks) {
    if (typeof chunk === 'string' && chunk.length * UTF8_BYTES_PER_UNIT <= PART_SIZE - filled) {
      filled += part.write(chunk, filled);
      continue;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let offset = 0;
    while (offset < bytes.length) {
      const length = Math.min(PART_SIZE - filled, bytes.length - offset);
      part.set(bytes.subarray(offset, offset + length), filled);
      filled += length;
      offset += length;
      if (filled === PART_SIZE) {
        yield part;
        yielded = true;
        // Only once the next part is asked for, that is once fewer than two are uploading.
        part = spare.pop() ?? Buffer.allocUnsafe(PART_SIZE);
        filled = 0;
      }
    }
  }
  if (filled > 0 || !yielded) yield part.subarray(0, filled);
}

function uploadError(target: ObjectTarget, error: unknown, aborted?: string): PublishError {
  const { bucket, key } = target;
  return new PublishError(
    `Could not write the report to s3://${bucket}/${key} (${errorText(error)}).${aborted ? ` ${aborted}` : ''} ` +
      `Check that the bucket exists and grant the auditor's role s3:PutObject on arn:aws:s3:::${bucket}/* ` +
      `and kms:GenerateDataKey on the bucket's default KMS key${aborted ? ' (a report written in parts also needs s3:AbortMultipartUpload and kms:Decrypt)' : ''}, ` +
      'then run the scan again.',
    { cause: error },
  );
}
