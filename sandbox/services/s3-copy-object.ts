import { bucketArn } from '../../shared/arn.js';
import { guard } from './lookups.js';
import { addressedBucket, invalidArgument, noSuchBucket, objectArnOf, type S3Operation } from './s3-call.js';
import { encryptionHeaders } from './s3-objects.js';
import { S3Error, s3Document, xmlResponse } from './s3-xml.js';

/** The largest object CopyObject copies (5 GB); larger ones need UploadPartCopy. */
export const MAX_COPY_SOURCE_SIZE = 5 * 1024 * 1024 * 1024;

const METADATA_DIRECTIVES = new Set(['COPY', 'REPLACE']);

/**
 * CopyObject (PUT /{bucket}/{key} with `x-amz-copy-source: bucket/key`, URL-encoded): copies an
 * object inside the sandbox, with the source's Content-Type unless `x-amz-metadata-directive:
 * REPLACE` gives another. Reading the source is s3:GetObject, writing the copy s3:PutObject.
 */
export const copyObject: S3Operation = (call) => {
  const { request, context, bucket, key } = call;
  const unsupported = Object.keys(request.headers).find((name) => name.startsWith('x-amz-copy-source-if-'));
  if (unsupported) {
    throw new S3Error(
      'NotImplemented',
      `The sandbox does not implement conditional copies (${unsupported}).`,
      501,
    );
  }
  const source = copySource(request.headers['x-amz-copy-source'] ?? '');
  const directive = request.headers['x-amz-metadata-directive'] ?? 'COPY';
  if (!METADATA_DIRECTIVES.has(directive)) {
    throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  }
  guard(context, 's3:GetObject', `${bucketArn(context.state.partition, source.bucket)}/${source.key}`);
  const addressed = addressedBucket(call, 's3:PutObject', objectArnOf(call));
  const objects = context.state.bucketObjects(source.bucket);
  if (!objects) throw noSuchBucket(source.bucket);
  const original = objects.get(source.key);
  if (!original)
    throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: source.key });
  if (source.bucket === bucket && source.key === key && directive === 'COPY') {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  if (original.body.length > MAX_COPY_SOURCE_SIZE) {
    throw new S3Error(
      'InvalidRequest',
      `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SOURCE_SIZE}`,
      400,
    );
  }
  const contentType =
    directive === 'REPLACE'
      ? (request.headers['content-type'] ?? 'binary/octet-stream')
      : original.contentType;
  const stored = context.state.putObject(bucket, key, original.body, contentType);
  return xmlResponse(
    s3Document('CopyObjectResult', { ETag: stored.etag, LastModified: stored.lastModified }),
    encryptionHeaders(addressed),
  );
};

// `bucket/key` or `/bucket/key`, URL-encoded, optionally `?versionId=…` (only "null" exists here).
function copySource(header: string): { bucket: string; key: string } {
  const [path = '', query] = header.split('?', 2);
  const versionId = query === undefined ? null : new URLSearchParams(query).get('versionId');
  if (versionId !== null && versionId !== 'null') {
    throw invalidArgument('Invalid version id specified', 'x-amz-copy-source', header);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    throw invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', header);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      'x-amz-copy-source',
      header,
    );
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}
