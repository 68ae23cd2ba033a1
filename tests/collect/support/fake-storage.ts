/** The fake S3 and S3 Control services. */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { BucketDetail, BucketObject } from '../../../shared/snapshot/types.js';
import { type Answer, awsError, type FakeAccount } from './fake-wire.js';

/**
 * Answers the bucket reads from the snapshot's `s3` section. Like S3, a bucket's own settings are
 * only served by its region's endpoint (PermanentRedirect elsewhere); its location by any region.
 */
export function fakeS3(stubs: { s3: object; s3Control: object }, account: FakeAccount, answer: Answer): void {
  const bucket = (name: string, region?: string): BucketDetail => {
    const found = account.snapshot.s3?.buckets?.find((candidate) => candidate.Name === name);
    if (!found) throw awsError('NoSuchBucket', 'The specified bucket does not exist');
    if (region && (found.Region ?? 'us-east-1') !== region) {
      throw awsError(
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint.',
      );
    }
    return found;
  };
  answer(stubs.s3, GetBucketLocationCommand, (input: { Bucket: string }) => {
    const region = bucket(input.Bucket).Region ?? 'us-east-1';
    return region === 'us-east-1' ? {} : { LocationConstraint: region };
  });
  answer(stubs.s3, GetBucketEncryptionCommand, (input: { Bucket: string }, region) => {
    const configuration = bucket(input.Bucket, region).ServerSideEncryptionConfiguration;
    if (!configuration) {
      throw awsError(
        'ServerSideEncryptionConfigurationNotFoundError',
        'The server side encryption configuration was not found',
      );
    }
    return { ServerSideEncryptionConfiguration: configuration };
  });
  answer(stubs.s3, GetBucketPolicyCommand, (input: { Bucket: string }, region) => {
    const policy = bucket(input.Bucket, region).Policy;
    if (!policy) throw awsError('NoSuchBucketPolicy', 'The bucket policy does not exist');
    return { Policy: typeof policy === 'string' ? policy : JSON.stringify(policy) };
  });
  answer(stubs.s3, GetPublicAccessBlockCommand, (input: { Bucket: string }, region) => {
    const configuration = bucket(input.Bucket, region).PublicAccessBlockConfiguration;
    if (!configuration) {
      throw awsError(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    }
    return { PublicAccessBlockConfiguration: configuration };
  });
  answer(stubs.s3, GetBucketVersioningCommand, (input: { Bucket: string }, region) => {
    return bucket(input.Bucket, region).Versioning ?? {};
  });
  // Objects are served from `Objects` entries with ContentBase64, like S3: ETag is the MD5 of the content.
  const object = (input: ObjectInput, region: string): { entry: BucketObject; body: Buffer } => {
    const entry = bucket(input.Bucket, region).Objects?.find(
      (candidate) =>
        candidate.Key === input.Key && (!input.VersionId || candidate.VersionId === input.VersionId),
    );
    if (!entry)
      throw awsError(input.VersionId ? 'NoSuchVersion' : 'NoSuchKey', 'The specified key does not exist.');
    return { entry, body: Buffer.from(entry.ContentBase64 ?? '', 'base64') };
  };
  const metadata = ({ entry, body }: { entry: BucketObject; body: Buffer }) => ({
    ContentLength: body.length,
    ETag: `"${createHash('md5').update(body).digest('hex')}"`,
    LastModified: new Date('2026-11-01T00:00:00Z'),
    ...(entry.VersionId ? { VersionId: entry.VersionId } : {}),
  });
  answer(stubs.s3, HeadObjectCommand, (input: ObjectInput, region) => metadata(object(input, region)));
  answer(stubs.s3, GetObjectCommand, (input: ObjectInput & { IfMatch?: string }, region) => {
    const found = object(input, region);
    const head = metadata(found);
    if (input.IfMatch && input.IfMatch !== head.ETag) {
      throw awsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    return { ...head, Body: Readable.from([found.body]) };
  });
  answer(stubs.s3Control, GetAccountPublicAccessBlockCommand, () => {
    const configuration = account.snapshot.s3?.accountPublicAccessBlock;
    if (!configuration) {
      throw awsError(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    }
    return { PublicAccessBlockConfiguration: configuration };
  });
}

interface ObjectInput {
  Bucket: string;
  Key: string;
  VersionId?: string;
}
