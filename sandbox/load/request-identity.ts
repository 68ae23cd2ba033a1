import { credentialScope } from '../router.js';
import type { SandboxRequest } from '../types.js';

/** The wire protocol a request speaks, which decides the shape of an error answer. */
export type WireProtocol = 'json' | 'query' | 'ec2' | 'rest-xml';

/** What the front door knows about a request before any service reads it. */
export interface RequestIdentity {
  /** Signing name (`kinesis`, `iam`…); `s3control` for S3 Control paths. */
  service: string;
  /** `service:Operation`, as the collector names operations (`kms:DescribeKey`). */
  operation: string;
  region: string;
  protocol: WireProtocol;
  /** The quota an operation is counted under when it is not the operation (S3's request classes). */
  quotaName?: string;
  /** The unit an S3 quota applies to: `bucket/prefix/`. */
  partition?: string;
}

/** What a request's operation is called when the request is not signed. */
export const UNSIGNED_OPERATION = 'unsigned';

/** Names the operation a raw request asks for, the way the router will dispatch it. */
export function identifyRequest(raw: Omit<SandboxRequest, 'region' | 'service'>): RequestIdentity {
  const scope = credentialScope(raw.headers, raw.query);
  const target = raw.headers['x-amz-target'];
  if (!scope) {
    return { service: '', operation: UNSIGNED_OPERATION, region: '', protocol: target ? 'json' : 'query' };
  }
  const { region, service } = scope;
  if (target) {
    return {
      service,
      operation: `${service}:${target.slice(target.lastIndexOf('.') + 1)}`,
      region,
      protocol: 'json',
    };
  }
  if (service === 's3') return s3Identity(raw, region);
  const params = new URLSearchParams(raw.body.toString('utf8'));
  const action = params.get('Action') ?? raw.query.get('Action') ?? '';
  return {
    service,
    operation: `${service}:${action || '(no Action)'}`,
    region,
    protocol: service === 'ec2' ? 'ec2' : 'query',
  };
}

// S3 operations by method and sub-resource, for the path-style requests the sandbox serves.
const BUCKET_READS: readonly (readonly [string, string])[] = [
  ['location', 'GetBucketLocation'],
  ['encryption', 'GetBucketEncryption'],
  ['policy', 'GetBucketPolicy'],
  ['publicAccessBlock', 'GetPublicAccessBlock'],
  ['versioning', 'GetBucketVersioning'],
  ['list-type', 'ListObjectsV2'],
];
const BUCKET_WRITES: readonly (readonly [string, string])[] = [
  ['encryption', 'PutBucketEncryption'],
  ['policy', 'PutBucketPolicy'],
  ['publicAccessBlock', 'PutPublicAccessBlock'],
  ['versioning', 'PutBucketVersioning'],
];

// Requests on a multipart upload name it by `?uploadId=…`; the method tells the operation.
const MULTIPART_OPERATIONS: Record<string, string> = {
  PUT: 'UploadPart',
  POST: 'CompleteMultipartUpload',
  DELETE: 'AbortMultipartUpload',
  GET: 'ListParts',
};

function s3Identity(raw: Omit<SandboxRequest, 'region' | 'service'>, region: string): RequestIdentity {
  const method = raw.method.toUpperCase();
  const reading = method === 'GET' || method === 'HEAD';
  if (raw.path.startsWith('/v20180820/')) {
    const name = raw.path.endsWith('/configuration/publicAccessBlock')
      ? `${method === 'GET' ? 'Get' : method === 'PUT' ? 'Put' : 'Delete'}PublicAccessBlock`
      : `${method} ${raw.path}`;
    return { service: 's3control', operation: `s3control:${name}`, region, protocol: 'rest-xml' };
  }
  const [, bucket = '', ...keyParts] = raw.path.split('/');
  const key = keyParts.join('/');
  const named = (operation: string): RequestIdentity => ({
    service: 's3',
    operation: `s3:${operation}`,
    region,
    protocol: 'rest-xml',
    quotaName: reading ? 's3:GET/HEAD' : 's3:PUT/COPY/POST/DELETE',
    // S3 scales per prefix; the sandbox takes the key's "directory" as its prefix.
    partition: `${bucket}/${key.slice(0, key.lastIndexOf('/') + 1)}`,
  });
  if (!bucket) return named(method === 'GET' ? 'ListBuckets' : method);
  if (key) {
    if (method === 'PUT' && raw.headers['x-amz-copy-source']) return named('CopyObject');
    if (raw.query.has('uploads')) return named('CreateMultipartUpload');
    if (raw.query.has('uploadId')) return named(MULTIPART_OPERATIONS[method] ?? method);
    const objectOperations: Record<string, string> = {
      GET: 'GetObject',
      HEAD: 'HeadObject',
      PUT: 'PutObject',
      DELETE: 'DeleteObject',
    };
    return named(objectOperations[method] ?? method);
  }
  const subResource = (table: readonly (readonly [string, string])[]) =>
    table.find(([name]) => raw.query.has(name))?.[1];
  if (method === 'GET') return named(subResource(BUCKET_READS) ?? 'ListObjects');
  if (method === 'PUT') return named(subResource(BUCKET_WRITES) ?? 'CreateBucket');
  if (method === 'HEAD') return named('HeadBucket');
  if (method === 'DELETE') return named('DeleteBucket');
  return named(method);
}
