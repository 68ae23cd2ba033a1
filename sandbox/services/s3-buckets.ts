import type {
  BucketDetail,
  PublicAccessBlockConfiguration,
  RawPolicyDocument,
  ServerSideEncryptionConfiguration,
} from '../../shared/snapshot/types.js';
import { paginate } from '../state.js';
import { guard } from './lookups.js';
import { xmlContentOf } from './query-wire.js';
import {
  addressedBucket,
  bucketArnOf,
  byUtf8Bytes,
  canonicalUserId,
  integerParam,
  noSuchBucket,
  type S3Operation,
} from './s3-call.js';
import { requestIdHeaders, S3Error, s3Document, xmlResponse } from './s3-xml.js';

// What S3 gives every bucket created since 2023: SSE-S3 and Block Public Access on.
const NEW_BUCKET_ENCRYPTION: ServerSideEncryptionConfiguration = {
  Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
};
const NEW_BUCKET_PUBLIC_ACCESS_BLOCK: PublicAccessBlockConfiguration = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

// S3's general purpose bucket naming rules.
const BUCKET_NAME =
  /^(?!xn--|sthree-)(?!.*\.\.)(?!.*(-s3alias|--ol-s3|--x-s3)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
const LIST_BUCKETS_PARAMETERS = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'] as const;

/** ListBuckets (GET /): every bucket by name; BucketRegion only when a parameter is given, as S3 does. */
export const listBuckets: S3Operation = (call) => {
  const { context, request } = call;
  guard(context, 's3:ListBuckets', undefined);
  const { query } = request;
  const prefix = query.get('prefix') ?? undefined;
  const region = query.get('bucket-region') ?? undefined;
  const limit = integerParam(call, 'max-buckets', { min: 1, max: 10000, fallback: 10000 });
  const buckets = [...context.state.bucketRecords()]
    .filter(([name, record]) => name.startsWith(prefix ?? '') && (!region || record.region === region))
    .sort(([left], [right]) => byUtf8Bytes(left, right));
  const page = paginate(buckets, {
    token: query.get('continuation-token') ?? undefined,
    limit,
    defaultLimit: 10000,
    state: context.state,
    invalidTokenCode: 'InvalidArgument',
  });
  const withRegion = LIST_BUCKETS_PARAMETERS.some((name) => query.has(name));
  return xmlResponse(
    s3Document('ListAllMyBucketsResult', {
      Buckets: {
        Bucket: page.items.map(([name, record]) => ({
          Name: name,
          CreationDate: record.creationDate,
          BucketRegion: withRegion ? record.region : undefined,
        })),
      },
      Owner: { ID: canonicalUserId(context.state) },
      ContinuationToken: page.nextToken,
      Prefix: prefix,
    }),
  );
};

/**
 * CreateBucket (PUT /{bucket}): in the LocationConstraint's region, which must be the endpoint's
 * own unless the request went to us-east-1. Creating a bucket you own again answers 200 in
 * us-east-1 (legacy behaviour) and BucketAlreadyOwnedByYou elsewhere.
 */
export const createBucket: S3Operation = (call) => {
  const { context, bucket } = call;
  guard(context, 's3:CreateBucket', bucketArnOf(call));
  if (!BUCKET_NAME.test(bucket) || IP_ADDRESS.test(bucket)) {
    throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
  }
  const constraint = locationConstraint(call.request.body);
  if (constraint === 'us-east-1') {
    throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    });
  }
  const region = constraint === 'EU' ? 'eu-west-1' : (constraint ?? 'us-east-1');
  if (context.region !== 'us-east-1' && region !== context.region) {
    throw new S3Error(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  }
  const existing = context.state.bucketRecord(bucket);
  if (existing && !(existing.region === 'us-east-1' && context.region === 'us-east-1')) {
    throw new S3Error(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: bucket },
    );
  }
  context.state.createBucket(bucket, region);
  const location = region === 'us-east-1' ? `/${bucket}` : `http://${bucket}.s3.amazonaws.com/`;
  return { status: 200, headers: { ...requestIdHeaders(), location }, body: '' };
};

/** HeadBucket (HEAD /{bucket}): 200 with the bucket's region, or the status alone. */
export const headBucket: S3Operation = (call) => {
  const { record } = addressedBucket(call, 's3:HeadBucket');
  return {
    status: 200,
    headers: {
      ...requestIdHeaders(),
      'content-type': 'application/xml',
      'x-amz-bucket-region': record.region,
      'x-amz-access-point-alias': 'false',
    },
    body: '',
  };
};

/** GetBucketLocation (GET /{bucket}?location): any region's endpoint answers; us-east-1 is empty. */
export const getBucketLocation: S3Operation = (call) => {
  const { context, bucket } = call;
  guard(context, 's3:GetBucketLocation', bucketArnOf(call));
  const record = context.state.bucketRecord(bucket);
  if (!record) throw noSuchBucket(bucket);
  return xmlResponse(s3Document('LocationConstraint', record.region === 'us-east-1' ? '' : record.region));
};

/** GetBucketEncryption (GET /{bucket}?encryption): the default encryption rules. */
export const getBucketEncryption: S3Operation = (call) => {
  const { detail } = addressedBucket(call, 's3:GetBucketEncryption');
  const configuration = detail ? detail.ServerSideEncryptionConfiguration : NEW_BUCKET_ENCRYPTION;
  if (!configuration) {
    throw new S3Error(
      'ServerSideEncryptionConfigurationNotFoundError',
      'The server side encryption configuration was not found',
      404,
      { BucketName: call.bucket },
    );
  }
  return xmlResponse(
    s3Document('ServerSideEncryptionConfiguration', { Rule: xmlContentOf(configuration.Rules ?? []) }),
  );
};

/** GetBucketPolicy (GET /{bucket}?policy): the policy's JSON text as the whole body. */
export const getBucketPolicy: S3Operation = (call) => {
  const { detail } = addressedBucket(call, 's3:GetBucketPolicy');
  if (!detail?.Policy) {
    throw new S3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, {
      BucketName: call.bucket,
    });
  }
  return {
    status: 200,
    headers: { ...requestIdHeaders(), 'content-type': 'application/json' },
    body: policyText(detail.Policy),
  };
};

/** GetPublicAccessBlock (GET /{bucket}?publicAccessBlock): the bucket's Block Public Access. */
export const getPublicAccessBlock: S3Operation = (call) => {
  const { detail } = addressedBucket(call, 's3:GetPublicAccessBlock');
  const configuration = detail ? detail.PublicAccessBlockConfiguration : NEW_BUCKET_PUBLIC_ACCESS_BLOCK;
  if (!configuration) {
    throw new S3Error(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      404,
      { BucketName: call.bucket },
    );
  }
  return xmlResponse(s3Document('PublicAccessBlockConfiguration', publicAccessBlockXml(configuration)));
};

/** GetBucketVersioning (GET /{bucket}?versioning): empty when versioning was never enabled. */
export const getBucketVersioning: S3Operation = (call) => {
  const { detail } = addressedBucket(call, 's3:GetBucketVersioning');
  const versioning: BucketDetail['Versioning'] = detail?.Versioning;
  return xmlResponse(
    s3Document('VersioningConfiguration', { Status: versioning?.Status, MfaDelete: versioning?.MFADelete }),
  );
};

/** The four Block Public Access settings in S3's element order. */
export function publicAccessBlockXml(configuration: PublicAccessBlockConfiguration) {
  return {
    BlockPublicAcls: configuration.BlockPublicAcls,
    IgnorePublicAcls: configuration.IgnorePublicAcls,
    BlockPublicPolicy: configuration.BlockPublicPolicy,
    RestrictPublicBuckets: configuration.RestrictPublicBuckets,
  };
}

// S3 returns the policy as JSON text; a snapshot may hold it as an object or URL-encoded.
function policyText(policy: RawPolicyDocument): string {
  if (typeof policy !== 'string') return JSON.stringify(policy);
  if (policy.trim().startsWith('{')) return policy;
  try {
    return decodeURIComponent(policy);
  } catch {
    return policy;
  }
}

function locationConstraint(body: Buffer): string | undefined {
  const text = body.toString('utf8').trim();
  if (!text) return undefined;
  if (!/<CreateBucketConfiguration[\s>]/.test(text) || !/<\/CreateBucketConfiguration>\s*$/.test(text)) {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  return /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(text)?.[1]?.trim() || undefined;
}
