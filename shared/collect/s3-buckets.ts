import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { bucketArn } from '../arn.js';
import type {
  BucketDetail,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
} from '../snapshot/types.js';
import { callAws, type ScanContext } from './collection-context.js';
import { snapshotShape } from './snapshot-shape.js';

const NO_SUCH_BUCKET = 'NoSuchBucket';
const NO_PUBLIC_ACCESS_BLOCK = 'NoSuchPublicAccessBlockConfiguration';

/**
 * An S3 bucket: its region (GetBucketLocation, asked from the home region: it answers for any
 * bucket of the caller), then, in that region, default encryption, bucket policy, Block Public
 * Access and versioning. A setting that is not configured is null; one that could not be read
 * is left out and recorded, so it stays unknown. Undefined when the bucket does not exist or its
 * region is unreadable.
 */
export async function readBucket(context: ScanContext, name: string): Promise<BucketDetail | undefined> {
  const resource = bucketArn(context.partition, name);
  const located = await callAws(
    context,
    { operation: 's3:GetBucketLocation', region: context.homeRegion, resource, absentOn: [NO_SUCH_BUCKET] },
    () => context.clients.s3(context.homeRegion).send(new GetBucketLocationCommand({ Bucket: name })),
  );
  if (located.status !== 'ok') return undefined;
  const region = bucketRegion(located.value.LocationConstraint);
  const s3 = context.clients.s3(region);
  const call = (operation: string, absentOn: string[]) => ({
    operation,
    region,
    resource,
    absentOn: [NO_SUCH_BUCKET, ...absentOn],
  });
  const [encryption, policy, publicAccessBlock, versioning] = await Promise.all([
    callAws(context, call('s3:GetBucketEncryption', ['ServerSideEncryptionConfigurationNotFoundError']), () =>
      s3.send(new GetBucketEncryptionCommand({ Bucket: name })),
    ),
    callAws(context, call('s3:GetBucketPolicy', ['NoSuchBucketPolicy']), () =>
      s3.send(new GetBucketPolicyCommand({ Bucket: name })),
    ),
    callAws(context, call('s3:GetPublicAccessBlock', [NO_PUBLIC_ACCESS_BLOCK]), () =>
      s3.send(new GetPublicAccessBlockCommand({ Bucket: name })),
    ),
    callAws(context, call('s3:GetBucketVersioning', []), () =>
      s3.send(new GetBucketVersioningCommand({ Bucket: name })),
    ),
  ]);
  const outcomes = [encryption, policy, publicAccessBlock, versioning];
  // Deleted while being read: it does not exist.
  if (outcomes.some((outcome) => outcome.status === 'absent' && outcome.code === NO_SUCH_BUCKET)) {
    return undefined;
  }
  const bucket: BucketDetail = { Name: name, Region: region };
  // Safe casts below: each value is the named S3 response field, Dates turned into strings.
  if (encryption.status !== 'failed') {
    const configuration =
      encryption.status === 'ok' ? encryption.value.ServerSideEncryptionConfiguration : null;
    bucket.ServerSideEncryptionConfiguration = configuration
      ? (snapshotShape(configuration) as ServerSideEncryptionConfiguration)
      : null;
  }
  if (policy.status !== 'failed') bucket.Policy = (policy.status === 'ok' && policy.value.Policy) || null;
  if (publicAccessBlock.status !== 'failed') {
    const configuration =
      publicAccessBlock.status === 'ok' ? publicAccessBlock.value.PublicAccessBlockConfiguration : null;
    bucket.PublicAccessBlockConfiguration = configuration ? snapshotShape(configuration) : null;
  }
  if (versioning.status !== 'failed') {
    // A bucket whose versioning was never enabled answers with neither Status nor MFADelete.
    const state = versioning.status === 'ok' ? snapshotShape(versioning.value) : {};
    bucket.Versioning = Object.keys(state).length > 0 ? state : null;
  }
  return bucket;
}

/**
 * The account-level S3 Block Public Access settings (s3control GetPublicAccessBlock): null when
 * none are set, undefined when the read failed (recorded).
 */
export async function readAccountPublicAccessBlock(
  context: ScanContext,
): Promise<PublicAccessBlockConfiguration | null | undefined> {
  const region = context.homeRegion;
  const outcome = await callAws(
    context,
    { operation: 's3control:GetPublicAccessBlock', region, absentOn: [NO_PUBLIC_ACCESS_BLOCK] },
    () =>
      context.clients
        .s3Control(region)
        .send(new GetAccountPublicAccessBlockCommand({ AccountId: context.accountId })),
  );
  if (outcome.status === 'absent') return null;
  if (outcome.status === 'failed') return undefined;
  const configuration = outcome.value.PublicAccessBlockConfiguration;
  return configuration ? snapshotShape(configuration) : null;
}

/** GetBucketLocation's answer as a region: empty means us-east-1, and "EU" is eu-west-1's old name. */
export function bucketRegion(locationConstraint: string | null | undefined): string {
  if (!locationConstraint) return 'us-east-1';
  return locationConstraint === 'EU' ? 'eu-west-1' : locationConstraint;
}
