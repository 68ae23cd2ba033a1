import { createHash, randomBytes } from 'node:crypto';
import { addressedBucket, integerParam, objectArnOf, type S3Call, type S3Operation } from './s3-call.js';
import { CHECKSUM_ALGORITHMS, type ChecksumName, checksumOf, isChecksumName } from './s3-checksums.js';
import { encryptionHeaders } from './s3-objects.js';
import { uploadedBody } from './s3-upload.js';
import { requestIdHeaders, S3Error, s3Document, xmlResponse } from './s3-xml.js';

/** S3's smallest part, except the last one of an upload. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

interface UploadedPart {
  body: Buffer;
  etag: string;
  checksum?: string;
}

/** A multipart upload between its creation and its completion or abort. */
export interface PendingUpload {
  bucket: string;
  key: string;
  contentType: string;
  /** The flexible checksum the upload was created with, and how the object's is formed from it. */
  checksum?: { name: ChecksumName; type: 'COMPOSITE' | 'FULL_OBJECT' };
  parts: Map<number, UploadedPart>;
}

/**
 * CreateMultipartUpload (POST /{bucket}/{key}?uploads): starts an upload, with the checksum
 * algorithm (`x-amz-checksum-algorithm`) and type (`x-amz-checksum-type`) its parts must carry.
 */
export const createMultipartUpload: S3Operation = (call) => {
  const { request, context, bucket, key } = call;
  const addressed = addressedBucket(call, 's3:PutObject', objectArnOf(call));
  const checksum = requestedChecksum(request.headers);
  const uploadId = randomBytes(48).toString('base64url');
  context.state.multipartUploads.set(uploadId, {
    bucket,
    key,
    contentType: request.headers['content-type'] ?? 'binary/octet-stream',
    ...(checksum ? { checksum } : {}),
    parts: new Map(),
  });
  return xmlResponse(
    s3Document('InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: uploadId }),
    {
      ...encryptionHeaders(addressed),
      ...(checksum
        ? {
            'x-amz-checksum-algorithm': CHECKSUM_ALGORITHMS[checksum.name],
            'x-amz-checksum-type': checksum.type,
          }
        : {}),
    },
  );
};

/**
 * UploadPart (PUT /{bucket}/{key}?partNumber=N&uploadId=…): stores one part (checksums verified as
 * PutObject's are); a part sent again replaces the earlier one. Answers with the part's ETag.
 */
export const uploadPart: S3Operation = (call) => {
  const { request } = call;
  if (request.headers['x-amz-copy-source'] !== undefined) {
    throw new S3Error('NotImplemented', 'The sandbox does not implement UploadPartCopy.', 501);
  }
  const addressed = addressedBucket(call, 's3:PutObject', objectArnOf(call));
  const partNumber = integerParam(call, 'partNumber', { min: 1, max: 10_000, fallback: 0 });
  if (partNumber === 0) {
    throw new S3Error(
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive',
      400,
      {
        ArgumentName: 'partNumber',
      },
    );
  }
  const upload = pendingUpload(call);
  const { body, checksum } = uploadedBody(request);
  const expected = upload.checksum;
  // A composite checksum is made of every part's; a whole-object one only needs parts to agree.
  const mismatch =
    expected?.type === 'COMPOSITE'
      ? checksum?.name !== expected.name
      : expected !== undefined && checksum !== undefined && checksum.name !== expected.name;
  if (mismatch) {
    throw new S3Error(
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${expected?.name ?? 'null'}, actual checksum Type: ${checksum?.name ?? 'null'}`,
      400,
    );
  }
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  upload.parts.set(partNumber, { body, etag, ...(checksum ? { checksum: checksum.value } : {}) });
  return {
    status: 200,
    headers: {
      ...requestIdHeaders(),
      etag,
      ...encryptionHeaders(addressed),
      ...(checksum ? { [`x-amz-checksum-${checksum.name}`]: checksum.value } : {}),
    },
    body: '',
  };
};

/**
 * CompleteMultipartUpload (POST /{bucket}/{key}?uploadId=…): joins the listed parts into the object,
 * as S3 checks them: ascending part numbers, each uploaded with that ETag (and checksum, for an
 * upload created with one), every part but the last at least 5 MiB. The ETag is S3's for a
 * multipart object: the MD5 of the parts' MD5s, then `-<number of parts>`.
 */
export const completeMultipartUpload: S3Operation = (call) => {
  const { context, bucket, key } = call;
  const addressed = addressedBucket(call, 's3:PutObject', objectArnOf(call));
  const uploadId = call.request.query.get('uploadId') ?? '';
  const upload = pendingUpload(call);
  const listed = listedParts(call.request.body);
  const parts = listed.map((entry, index) => {
    const previous = listed[index - 1];
    if (previous && previous.partNumber >= entry.partNumber) {
      throw new S3Error(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
        400,
        { UploadId: uploadId },
      );
    }
    return checkedPart(upload, uploadId, entry);
  });
  parts.forEach((part, index) => {
    if (index < parts.length - 1 && part.body.length < MIN_PART_SIZE) {
      throw new S3Error(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed object size.',
        400,
        {
          ProposedSize: String(part.body.length),
          MinSizeAllowed: String(MIN_PART_SIZE),
          PartNumber: String(listed[index]!.partNumber),
          ETag: part.etag,
        },
      );
    }
  });
  const body = Buffer.concat(parts.map((part) => part.body));
  const digests = parts.map((part) => Buffer.from(part.etag.slice(1, -1), 'hex'));
  const etag = `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${parts.length}"`;
  const checksum = upload.checksum && objectChecksum(upload.checksum, parts, body);
  context.state.putObject(bucket, key, body, upload.contentType, etag);
  context.state.multipartUploads.delete(uploadId);
  const element = upload.checksum && `Checksum${CHECKSUM_ALGORITHMS[upload.checksum.name]}`;
  return xmlResponse(
    s3Document('CompleteMultipartUploadResult', {
      Location: `https://${bucket}.s3.${context.region}.amazonaws.com/${encodeURI(key)}`,
      Bucket: bucket,
      Key: key,
      ETag: etag,
      ...(element && checksum ? { [element]: checksum, ChecksumType: upload.checksum?.type } : {}),
    }),
    encryptionHeaders(addressed),
  );
};

/** AbortMultipartUpload (DELETE /{bucket}/{key}?uploadId=…): drops the upload and its parts (204). */
export const abortMultipartUpload: S3Operation = (call) => {
  addressedBucket(call, 's3:AbortMultipartUpload', objectArnOf(call));
  pendingUpload(call);
  call.context.state.multipartUploads.delete(call.request.query.get('uploadId') ?? '');
  return { status: 204, headers: requestIdHeaders(), body: '' };
};

// An upload id names one upload of one key: any other (completed, aborted, made up) does not exist.
function pendingUpload(call: S3Call): PendingUpload {
  const uploadId = call.request.query.get('uploadId') ?? '';
  const upload = call.context.state.multipartUploads.get(uploadId);
  if (!upload || upload.bucket !== call.bucket || upload.key !== call.key) {
    throw new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: uploadId },
    );
  }
  return upload;
}

function requestedChecksum(headers: Record<string, string>): PendingUpload['checksum'] {
  const algorithm = headers['x-amz-checksum-algorithm']?.toLowerCase();
  if (algorithm === undefined) return undefined;
  if (!isChecksumName(algorithm)) {
    throw new S3Error(
      'InvalidRequest',
      'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]',
      400,
    );
  }
  // CRC-64/NVME only combines as a whole-object checksum; the others default to composite.
  const type = headers['x-amz-checksum-type'] ?? (algorithm === 'crc64nvme' ? 'FULL_OBJECT' : 'COMPOSITE');
  const combinable = type === 'COMPOSITE' ? algorithm !== 'crc64nvme' : algorithm.startsWith('crc');
  if ((type !== 'COMPOSITE' && type !== 'FULL_OBJECT') || !combinable) {
    throw new S3Error(
      'InvalidRequest',
      `The ${type} checksum type cannot be used with the ${algorithm} checksum algorithm.`,
      400,
    );
  }
  return { name: algorithm, type };
}

interface ListedPart {
  partNumber: number;
  etag: string;
  checksum?: string;
}

// The body is `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"…"</ETag>…</Part>…`.
function listedParts(body: Buffer): ListedPart[] {
  const text = body.toString('utf8');
  const parts = [...text.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(([, inner = '']) => {
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(inner)?.[1]?.trim();
    const partNumber = Number(field('PartNumber'));
    const etag = field('ETag')?.replaceAll('&quot;', '"');
    const checksum = /<Checksum(?:CRC32|CRC32C|CRC64NVME|SHA1|SHA256)>([^<]*)</.exec(inner)?.[1]?.trim();
    if (!Number.isInteger(partNumber) || etag === undefined) return undefined;
    return { partNumber, etag: etag.startsWith('"') ? etag : `"${etag}"`, ...(checksum ? { checksum } : {}) };
  });
  if (!/<CompleteMultipartUpload[\s>]/.test(text) || parts.length === 0 || parts.some((part) => !part)) {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  return parts as ListedPart[];
}

function checkedPart(upload: PendingUpload, uploadId: string, entry: ListedPart): UploadedPart {
  const part = upload.parts.get(entry.partNumber);
  if (upload.checksum?.type === 'COMPOSITE' && entry.checksum === undefined) {
    throw new S3Error(
      'InvalidRequest',
      `The upload was created using a ${upload.checksum.name} checksum. The complete request must include the checksum for each part. It was missing for part ${entry.partNumber} in the request.`,
      400,
    );
  }
  if (
    !part ||
    part.etag !== entry.etag ||
    (entry.checksum !== undefined && entry.checksum !== part.checksum)
  ) {
    throw new S3Error(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      400,
      { UploadId: uploadId, PartNumber: String(entry.partNumber), ETag: entry.etag },
    );
  }
  return part;
}

// Composite: the checksum of the parts' checksums, then `-<number of parts>`; full object: of the body.
function objectChecksum(
  checksum: NonNullable<PendingUpload['checksum']>,
  parts: readonly UploadedPart[],
  body: Buffer,
): string {
  if (checksum.type === 'FULL_OBJECT') return checksumOf(checksum.name, body);
  const joined = Buffer.concat(parts.map((part) => Buffer.from(part.checksum ?? '', 'base64')));
  return `${checksumOf(checksum.name, joined)}-${parts.length}`;
}
