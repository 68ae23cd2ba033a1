import type { StoredObject } from '../state.js';
import type { SandboxResponse } from '../types.js';
import {
  type AddressedBucket,
  addressedBucket,
  invalidArgument,
  objectArnOf,
  type S3Call,
  type S3Operation,
} from './s3-call.js';
import { uploadedBody } from './s3-upload.js';
import { requestIdHeaders, S3Error } from './s3-xml.js';

// GetObject's query parameters that override a response header, as presigned links use them.
const RESPONSE_OVERRIDES = {
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
  'response-content-language': 'content-language',
  'response-content-type': 'content-type',
  'response-expires': 'expires',
} as const;

/** The query parameters GetObject accepts. */
export const GET_OBJECT_PARAMETERS = ['versionId', ...Object.keys(RESPONSE_OVERRIDES)] as const;

/**
 * PutObject (PUT /{bucket}/{key}): stores the body (aws-chunked decoded, checksums verified) and
 * answers with its ETag, the bucket's default encryption and the checksum it verified.
 */
export const putObject: S3Operation = (call) => {
  const { request, context, bucket, key } = call;
  const addressed = addressedBucket(call, 's3:PutObject', objectArnOf(call));
  const upload = uploadedBody(request);
  const existing = context.state.bucketObjects(bucket)?.get(key);
  const failedCondition = writeConditionFailure(call, existing);
  if (failedCondition) throw failedCondition;
  const stored = context.state.putObject(
    bucket,
    key,
    upload.body,
    request.headers['content-type'] ?? 'binary/octet-stream',
  );
  const checksumHeaders: Record<string, string> = upload.checksum
    ? {
        [`x-amz-checksum-${upload.checksum.name}`]: upload.checksum.value,
        'x-amz-checksum-type': 'FULL_OBJECT',
      }
    : {};
  return {
    status: 200,
    headers: {
      ...requestIdHeaders(),
      etag: stored.etag,
      ...encryptionHeaders(addressed),
      ...checksumHeaders,
    },
    body: '',
  };
};

/** GetObject (GET /{bucket}/{key}): the object, or the part a single byte range asks for. */
export const getObject: S3Operation = (call) => readObject(call, 's3:GetObject');

/** HeadObject (HEAD /{bucket}/{key}): GetObject's headers without the body. */
export const headObject: S3Operation = (call) => readObject(call, 's3:HeadObject');

function readObject(call: S3Call, operation: string): SandboxResponse {
  const { request, context, bucket, key } = call;
  const addressed = addressedBucket(call, operation, objectArnOf(call));
  const versionId = request.query.get('versionId');
  // Objects of the sandbox are unversioned: their only version is "null".
  if (versionId !== null && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'versionId', versionId);
  }
  const object = context.state.bucketObjects(bucket)?.get(key);
  if (!object) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  const headers: Record<string, string> = {
    ...requestIdHeaders(),
    'accept-ranges': 'bytes',
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    ...encryptionHeaders(addressed),
  };
  const condition = readCondition(call, object);
  if (condition === 'not-modified') {
    return {
      status: 304,
      headers: { ...requestIdHeaders(), etag: object.etag, 'last-modified': headers['last-modified']! },
      body: '',
    };
  }
  if (condition) throw condition;
  for (const [parameter, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value !== null) headers[header] = value;
  }
  // The server sets Content-Length from the body, which Node leaves out of a HEAD answer.
  const range = byteRange(request.headers.range, object.body.length);
  if (!range) return { status: 200, headers, body: object.body };
  return {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${object.body.length}` },
    body: object.body.subarray(range.start, range.end + 1),
  };
}

/** The encryption S3 applies to a new object: the bucket's default, SSE-S3 when it has none. */
export function encryptionHeaders({ detail }: AddressedBucket): Record<string, string> {
  const rule = detail?.ServerSideEncryptionConfiguration?.Rules?.[0];
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  const algorithm = byDefault?.SSEAlgorithm ?? 'AES256';
  return {
    'x-amz-server-side-encryption': algorithm,
    ...(algorithm.startsWith('aws:kms') && byDefault?.KMSMasterKeyID
      ? { 'x-amz-server-side-encryption-aws-kms-key-id': byDefault.KMSMasterKeyID }
      : {}),
    ...(algorithm.startsWith('aws:kms') && rule?.BucketKeyEnabled
      ? { 'x-amz-server-side-encryption-bucket-key-enabled': 'true' }
      : {}),
  };
}

function preconditionFailed(condition: string): S3Error {
  return new S3Error(
    'PreconditionFailed',
    'At least one of the pre-conditions you specified did not hold',
    412,
    {
      Condition: condition,
    },
  );
}

// Conditional writes: If-None-Match: * refuses to overwrite, If-Match needs the current ETag.
function writeConditionFailure(call: S3Call, existing: StoredObject | undefined): S3Error | undefined {
  const { headers } = call.request;
  const ifNoneMatch = headers['if-none-match'];
  if (
    ifNoneMatch !== undefined &&
    existing &&
    (ifNoneMatch === '*' || etagListed(ifNoneMatch, existing.etag))
  ) {
    return preconditionFailed('If-None-Match');
  }
  const ifMatch = headers['if-match'];
  if (ifMatch === undefined) return undefined;
  if (!existing) return new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: call.key });
  return etagListed(ifMatch, existing.etag) ? undefined : preconditionFailed('If-Match');
}

// Conditional reads, in the precedence RFC 9110 and S3 give them.
function readCondition(call: S3Call, object: StoredObject): S3Error | 'not-modified' | undefined {
  const { headers } = call.request;
  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined && !etagListed(ifMatch, object.etag)) return preconditionFailed('If-Match');
  const unmodifiedSince = Date.parse(headers['if-unmodified-since'] ?? '');
  if (ifMatch === undefined && modifiedAfter(object, unmodifiedSince))
    return preconditionFailed('If-Unmodified-Since');
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagListed(ifNoneMatch, object.etag) ? 'not-modified' : undefined;
  const modifiedSince = Date.parse(headers['if-modified-since'] ?? '');
  if (!Number.isNaN(modifiedSince) && !modifiedAfter(object, modifiedSince)) return 'not-modified';
  return undefined;
}

// HTTP dates have whole seconds; Last-Modified is compared at that precision.
function modifiedAfter(object: StoredObject, since: number): boolean {
  return !Number.isNaN(since) && Math.floor(object.lastModified.getTime() / 1000) * 1000 > since;
}

function etagListed(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag || `"${tag}"` === etag);
}

// One `bytes=` range, as S3 serves it; S3 ignores a header it cannot parse or several ranges.
function byteRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [first, last] = [match[1]!, match[2]!];
  const start = first === '' ? Math.max(size - Number(last), 0) : Number(first);
  const end = first === '' || last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end || (first === '' && Number(last) === 0)) {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: header ?? '',
      ActualObjectSize: String(size),
    });
  }
  return { start, end };
}
