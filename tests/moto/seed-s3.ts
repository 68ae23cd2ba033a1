import {
  type BucketLocationConstraint,
  type BucketVersioningStatus,
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, BucketDetail } from '../../shared/snapshot/types.js';
import { policyText } from './seed-iam.js';

/**
 * Creates the snapshot's S3 buckets in their regions (CreateBucket with a LocationConstraint
 * outside us-east-1), each with the settings the snapshot gives it: PutBucketEncryption,
 * PutBucketPolicy, PutPublicAccessBlock, PutBucketVersioning; then the account's S3 Block Public
 * Access (s3control PutPublicAccessBlock). Code objects with content (ContentBase64) are uploaded, for
 * the code artifact scan to read.
 */
export async function seedBuckets(
  clients: ClientFactory,
  snapshot: AccountSnapshot,
  homeRegion: string,
): Promise<void> {
  await Promise.all((snapshot.s3?.buckets ?? []).map((bucket) => createBucket(clients, bucket)));
  const accountBlock = snapshot.s3?.accountPublicAccessBlock;
  if (!accountBlock) return;
  await clients.s3Control(homeRegion).send(
    new PutAccountPublicAccessBlockCommand({
      AccountId: snapshot.accountId,
      PublicAccessBlockConfiguration: accountBlock,
    }),
  );
}

/** Creates an empty bucket (a trail's log bucket the snapshot does not describe: CreateTrail needs it). */
export async function createPlainBucket(clients: ClientFactory, name: string, region: string): Promise<void> {
  await clients.s3(region).send(
    new CreateBucketCommand({
      Bucket: name,
      // Safe: a region name is a location constraint; us-east-1 is the one that must be left out.
      ...(region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
    }),
  );
}

async function createBucket(clients: ClientFactory, bucket: BucketDetail): Promise<void> {
  const region = bucket.Region ?? 'us-east-1';
  const s3 = clients.s3(region);
  await createPlainBucket(clients, bucket.Name, region);
  const rules = bucket.ServerSideEncryptionConfiguration?.Rules ?? [];
  if (rules.length > 0) {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket.Name,
        ServerSideEncryptionConfiguration: {
          Rules: rules.map((rule) => ({
            ...(rule.ApplyServerSideEncryptionByDefault
              ? {
                  ApplyServerSideEncryptionByDefault: {
                    // Safe: the snapshot holds GetBucketEncryption's own algorithm names.
                    SSEAlgorithm: rule.ApplyServerSideEncryptionByDefault
                      .SSEAlgorithm as ServerSideEncryption,
                    KMSMasterKeyID: rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
                  },
                }
              : {}),
            ...(rule.BucketKeyEnabled !== undefined ? { BucketKeyEnabled: rule.BucketKeyEnabled } : {}),
          })),
        },
      }),
    );
  }
  // Before the policy: moto enforces a TLS-only policy on its plain-HTTP endpoint, uploads included.
  for (const object of bucket.Objects ?? []) {
    if (object.ContentBase64 === undefined) continue;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket.Name,
        Key: object.Key,
        Body: Buffer.from(object.ContentBase64, 'base64'),
      }),
    );
  }
  if (bucket.Policy) {
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket.Name, Policy: policyText(bucket.Policy) }));
  }
  if (bucket.PublicAccessBlockConfiguration) {
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket.Name,
        PublicAccessBlockConfiguration: bucket.PublicAccessBlockConfiguration,
      }),
    );
  }
  if (bucket.Versioning?.Status) {
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucket.Name,
        // Safe: GetBucketVersioning's own status values (Enabled, Suspended).
        VersioningConfiguration: { Status: bucket.Versioning.Status as BucketVersioningStatus },
      }),
    );
  }
}
