import { createHash } from 'node:crypto';
import { bucketArn } from '../../shared/arn.js';
import type { BucketDetail } from '../../shared/snapshot/types.js';
import type { BucketRecord, SandboxState } from '../state.js';
import type { OperationContext, SandboxRequest, SandboxResponse } from '../types.js';
import { guard } from './lookups.js';
import { S3Error } from './s3-xml.js';

/** One S3 request with the bucket and key its path-style URL addresses ('' when it names none). */
export interface S3Call {
  request: SandboxRequest;
  context: OperationContext;
  bucket: string;
  key: string;
}

/** An S3 operation of the sandbox. */
export type S3Operation = (call: S3Call) => SandboxResponse;

/** A bucket the request may act on, with its snapshot settings (undefined for a bucket created since). */
export interface AddressedBucket {
  record: BucketRecord;
  detail: BucketDetail | undefined;
}

/** The ARN the collector records a bucket's failures under. */
export function bucketArnOf(call: S3Call): string {
  return bucketArn(call.context.state.partition, call.bucket);
}

/** The ARN of the object a request names. */
export function objectArnOf(call: S3Call): string {
  return `${bucketArnOf(call)}/${call.key}`;
}

/** S3's answer for a bucket that does not exist. */
export function noSuchBucket(bucket: string): S3Error {
  return new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
}

/**
 * The bucket a request acts on, after the checks S3 makes first: a failure the snapshot recorded
 * for this operation, the bucket's existence, the expected owner, and the region: a bucket is
 * only served by its own region's endpoint, anywhere else S3 redirects (301 PermanentRedirect
 * with `x-amz-bucket-region`, which the SDK's region redirect reads).
 */
export function addressedBucket(
  call: S3Call,
  operation: string,
  resource = bucketArnOf(call),
): AddressedBucket {
  const { context, bucket, request } = call;
  guard(context, operation, resource);
  const record = context.state.bucketRecord(bucket);
  if (!record) throw noSuchBucket(bucket);
  const owner = request.headers['x-amz-expected-bucket-owner'];
  if (owner !== undefined && owner !== context.state.accountId) {
    throw new S3Error('AccessDenied', 'Access Denied', 403);
  }
  if (record.region !== context.region) {
    throw new S3Error(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint. ' +
        'Please send all future requests to this endpoint.',
      301,
      { Endpoint: `s3.${record.region}.amazonaws.com`, Bucket: bucket },
      { 'x-amz-bucket-region': record.region },
    );
  }
  return { record, detail: context.state.index.bucket(bucket) };
}

/** The account's canonical user id as S3 shows it in Owner elements (64 hex digits). */
export function canonicalUserId(state: SandboxState): string {
  return createHash('sha256').update(`sandbox-canonical-user:${state.accountId}`).digest('hex');
}

/** Orders keys and bucket names as S3 lists them: by their UTF-8 bytes. */
export function byUtf8Bytes(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

/** An InvalidArgument error naming the argument, as S3 reports a bad query parameter. */
export function invalidArgument(message: string, name: string, value: string): S3Error {
  return new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });
}

/** A non-negative integer query parameter within S3's bounds, or the default when absent. */
export function integerParam(
  call: S3Call,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const text = call.request.query.get(name);
  if (text === null) return bounds.fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < bounds.min || value > bounds.max) {
    throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, text);
  }
  return value;
}
