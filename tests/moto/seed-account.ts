import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { parseArn } from '../../shared/arn.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import { tlsOnlyStatement } from '../../shared/checks/encryption/tls-only-statement.js';
import { parsePolicyDocument } from '../../shared/policy/document.js';
import type { AccountSnapshot, CollectionError } from '../../shared/snapshot/types.js';
import { IdMapping } from './id-mapping.js';
import { MotoCrossCheckError } from './moto-errors.js';
import { seedApplications } from './seed-applications.js';
import { defaultVersion, type PolicyVersions, seedIam } from './seed-iam.js';
import { seedKeys } from './seed-kms.js';
import { seedLogGroups, seedTrails } from './seed-monitoring.js';
import { createPlainBucket, seedBuckets } from './seed-s3.js';
import { seedDeliveryStreams, seedStreams } from './seed-streams.js';

/** A snapshot seeded into moto, and the same snapshot as moto names it. */
export interface SeededAccount {
  /** The "moto-adjusted" snapshot: same structure, moto's account, key, role and policy ids. */
  expected: AccountSnapshot;
  /** The regions the snapshot holds: the scan's scope. */
  regions: string[];
  /** Every snapshot id and moto's id for it. */
  mapping: IdMapping;
}

/**
 * Seeds moto from a snapshot with real SDK create calls: KMS keys first (every other resource
 * names them, and moto picks their ids), then IAM, S3, then each region's streams, delivery
 * streams, log groups, trails and applications. Returns the moto-adjusted snapshot that
 * evaluating offline must agree with. Throws MotoCrossCheckError for what cannot be seeded.
 */
export async function seedMoto(clients: ClientFactory, snapshot: AccountSnapshot): Promise<SeededAccount> {
  requireReproducibleErrors(snapshot);
  const regions = Object.keys(snapshot.regions ?? {});
  const homeRegion = regions[0] ?? 'us-east-1';
  const mapping = new IdMapping();
  const identity = await clients.sts(homeRegion).send(new GetCallerIdentityCommand({}));
  if (!identity.Account)
    throw new MotoCrossCheckError('moto answered GetCallerIdentity without an account id.');
  mapping.add(snapshot.accountId, identity.Account);

  await seedKeys(clients, mapping.apply(snapshot), mapping);
  const target = mapping.apply(snapshot);
  const versions = await seedIam(clients, target, mapping);
  await Promise.all([seedBuckets(clients, target, homeRegion), createTrailBuckets(clients, target)]);
  await Promise.all(
    regions.map(async (region) => {
      const section = target.regions?.[region] ?? {};
      await Promise.all([
        seedStreams(clients, region, section.streams ?? []),
        seedDeliveryStreams(clients, region, section.deliveryStreams ?? []),
        seedLogGroups(clients, region, section.logGroups ?? []),
        seedTrails(clients, region, section.trails ?? []),
      ]);
      await seedApplications(clients, region, section.applications ?? []);
    }),
  );
  return { expected: motoAdjusted(mapping.apply(snapshot), versions), regions, mapping };
}

// CreateTrail refuses a bucket that does not exist; a trail's log bucket is rarely in the snapshot.
async function createTrailBuckets(clients: ClientFactory, snapshot: AccountSnapshot): Promise<void> {
  const described = new Set((snapshot.s3?.buckets ?? []).map((bucket) => bucket.Name));
  const missing = new Map<string, string>();
  for (const [region, section] of Object.entries(snapshot.regions ?? {})) {
    for (const trail of section.trails ?? []) {
      if (!trail.S3BucketName) {
        throw new MotoCrossCheckError(`Trail ${trail.TrailARN} has no S3BucketName; CreateTrail needs one.`);
      }
      if (!described.has(trail.S3BucketName)) missing.set(trail.S3BucketName, trail.HomeRegion || region);
    }
  }
  await Promise.all([...missing].map(([name, region]) => createPlainBucket(clients, name, region)));
}

/**
 * Customer managed policies carry the version id moto gave their document. And moto serves plain
 * HTTP and enforces aws:SecureTransport, so a TLS-only bucket policy denies every read of the
 * bucket's objects (403 with no error body, which the SDK names "Unknown"): the scan records those
 * reads as failed, where on AWS, over HTTPS, it reads them.
 */
function motoAdjusted(snapshot: AccountSnapshot, versions: PolicyVersions): AccountSnapshot {
  const policies = (snapshot.iam?.policies ?? []).map((policy) => {
    const versionId = versions.get(policy.Arn);
    const version = defaultVersion(policy);
    if (!versionId || !version) return policy;
    return {
      ...policy,
      DefaultVersionId: versionId,
      PolicyVersionList: [{ ...version, VersionId: versionId, IsDefaultVersion: true }],
    };
  });
  const denied: CollectionError[] = [];
  const buckets = (snapshot.s3?.buckets ?? []).map((bucket) => {
    if (!bucket.Objects?.length || !bucket.Policy) return bucket;
    if (!tlsOnlyStatement(parsePolicyDocument(bucket.Policy), `arn:aws:s3:::${bucket.Name}/*`)) return bucket;
    for (const object of bucket.Objects) {
      denied.push({
        operation: 's3:HeadObject',
        region: bucket.Region ?? 'us-east-1',
        resource: `arn:aws:s3:::${bucket.Name}/${object.Key}`,
        code: 'Unknown',
        message: 'UnknownError',
      });
    }
    const { Objects: _unreadable, ...rest } = bucket;
    return rest;
  });
  const collectionErrors = [...(snapshot.collectionErrors ?? []), ...denied];
  return {
    ...snapshot,
    iam: { ...snapshot.iam, policies },
    s3: { ...snapshot.s3, buckets },
    ...(collectionErrors.length > 0 ? { collectionErrors } : {}),
  };
}

// moto reproduces a denied kms:DescribeKey through a key policy; it has no way to deny other reads.
function requireReproducibleErrors(snapshot: AccountSnapshot): void {
  for (const error of snapshot.collectionErrors ?? []) {
    const resource = parseArn(error.resource ?? '')?.resource ?? '';
    if (error.operation === 'kms:DescribeKey' && resource.startsWith('key/')) continue;
    throw new MotoCrossCheckError(
      `The snapshot's collection error ${error.operation} on ${error.resource ?? 'the account'} cannot be ` +
        'reproduced in moto; remove it from the snapshot or teach seed-kms.ts to reproduce it.',
    );
  }
}
