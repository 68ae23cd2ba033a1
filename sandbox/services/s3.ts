import { AwsServiceError, type RestService, type SandboxRequest } from '../types.js';
import {
  createBucket,
  getBucketEncryption,
  getBucketLocation,
  getBucketPolicy,
  getBucketVersioning,
  getPublicAccessBlock,
  headBucket,
  listBuckets,
} from './s3-buckets.js';
import type { S3Operation } from './s3-call.js';
import { copyObject } from './s3-copy-object.js';
import { LIST_OBJECTS_V2_PARAMETERS, listObjectsV2 } from './s3-list-objects.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  uploadPart,
} from './s3-multipart.js';
import { GET_OBJECT_PARAMETERS, getObject, headObject, putObject } from './s3-objects.js';
import { S3Error, s3ErrorResponse } from './s3-xml.js';

/** What a path-style URL addresses: the service (`/`), a bucket (`/b`) or an object (`/b/k`). */
type Scope = 'service' | 'bucket' | 'object';

/** How S3 recognises an operation: method, what the path names, and its query parameters. */
interface S3Route {
  operation: string;
  method: string;
  scope: Scope;
  /** The sub-resource in the query that selects the operation (`?location`, `?list-type=2`). */
  subresource?: string;
  /** Other query parameters it accepts; any parameter beyond these makes it another operation. */
  parameters?: readonly string[];
  run: S3Operation;
}

const ROUTES: readonly S3Route[] = [
  {
    operation: 'ListBuckets',
    method: 'GET',
    scope: 'service',
    parameters: ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'],
    run: listBuckets,
  },
  { operation: 'CreateBucket', method: 'PUT', scope: 'bucket', run: createBucket },
  { operation: 'HeadBucket', method: 'HEAD', scope: 'bucket', run: headBucket },
  {
    operation: 'GetBucketLocation',
    method: 'GET',
    scope: 'bucket',
    subresource: 'location',
    run: getBucketLocation,
  },
  {
    operation: 'GetBucketEncryption',
    method: 'GET',
    scope: 'bucket',
    subresource: 'encryption',
    run: getBucketEncryption,
  },
  {
    operation: 'GetBucketPolicy',
    method: 'GET',
    scope: 'bucket',
    subresource: 'policy',
    run: getBucketPolicy,
  },
  {
    operation: 'GetPublicAccessBlock',
    method: 'GET',
    scope: 'bucket',
    subresource: 'publicAccessBlock',
    run: getPublicAccessBlock,
  },
  {
    operation: 'GetBucketVersioning',
    method: 'GET',
    scope: 'bucket',
    subresource: 'versioning',
    run: getBucketVersioning,
  },
  {
    operation: 'ListObjectsV2',
    method: 'GET',
    scope: 'bucket',
    subresource: 'list-type',
    parameters: LIST_OBJECTS_V2_PARAMETERS,
    run: listObjectsV2,
  },
  // One route for both: S3 tells a copy from an upload by the x-amz-copy-source header alone.
  {
    operation: 'PutObject, CopyObject',
    method: 'PUT',
    scope: 'object',
    run: (call) =>
      call.request.headers['x-amz-copy-source'] === undefined ? putObject(call) : copyObject(call),
  },
  {
    operation: 'CreateMultipartUpload',
    method: 'POST',
    scope: 'object',
    subresource: 'uploads',
    run: createMultipartUpload,
  },
  {
    operation: 'UploadPart',
    method: 'PUT',
    scope: 'object',
    subresource: 'uploadId',
    parameters: ['partNumber'],
    run: uploadPart,
  },
  {
    operation: 'CompleteMultipartUpload',
    method: 'POST',
    scope: 'object',
    subresource: 'uploadId',
    run: completeMultipartUpload,
  },
  {
    operation: 'AbortMultipartUpload',
    method: 'DELETE',
    scope: 'object',
    subresource: 'uploadId',
    run: abortMultipartUpload,
  },
  {
    operation: 'GetObject',
    method: 'GET',
    scope: 'object',
    parameters: GET_OBJECT_PARAMETERS,
    run: getObject,
  },
  { operation: 'HeadObject', method: 'HEAD', scope: 'object', parameters: ['versionId'], run: headObject },
];

/**
 * Amazon S3, path-style (`/{bucket}/{key}`, sub-resources in the query): buckets from the
 * snapshot with their settings, buckets and objects clients create, in S3's XML and errors.
 * Anything else answers 501 NotImplemented, never a 200 that did nothing.
 */
export const s3Service: RestService = {
  signingName: 's3',
  handle(request, context) {
    try {
      const { bucket, key } = addressOf(request.path);
      const scope: Scope = !bucket ? 'service' : key ? 'object' : 'bucket';
      const parameters = [...new Set(request.query.keys())].filter(isOperationParameter);
      const route = ROUTES.find((candidate) => matches(candidate, request.method, scope, parameters));
      if (!route) throw notImplemented(request, parameters);
      return route.run({ request, context, bucket, key });
    } catch (error) {
      if (error instanceof AwsServiceError) return s3ErrorResponse(error, request.method);
      throw error;
    }
  },
};

function matches(route: S3Route, method: string, scope: Scope, parameters: readonly string[]): boolean {
  if (route.method !== method || route.scope !== scope) return false;
  if (route.subresource && !parameters.includes(route.subresource)) return false;
  const accepted = new Set<string>([
    ...(route.subresource ? [route.subresource] : []),
    ...(route.parameters ?? []),
  ]);
  return parameters.every((parameter) => accepted.has(parameter));
}

// The SDK tags each request with `x-id=Operation`; presigned URLs carry their signature in X-Amz-*.
function isOperationParameter(name: string): boolean {
  return name !== 'x-id' && !name.startsWith('X-Amz-');
}

// The path is as sent, percent-encoded: the SDK encodes each key segment and keeps the slashes.
function addressOf(path: string): { bucket: string; key: string } {
  const rest = path.replace(/^\//, '');
  const slash = rest.indexOf('/');
  try {
    return {
      bucket: decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash)),
      key: slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1)),
    };
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400, { URI: path });
  }
}

function notImplemented(request: SandboxRequest, parameters: readonly string[]): S3Error {
  const query = parameters.length > 0 ? `?${parameters.join('&')}` : '';
  return new S3Error(
    'NotImplemented',
    `The sandbox does not implement ${request.method} ${request.path}${query}. ` +
      `It serves ${ROUTES.map((route) => route.operation).join(', ')}.`,
    501,
  );
}
