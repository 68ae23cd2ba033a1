import { createHash } from 'node:crypto';
import { DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetAccessKeyInfoCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallGovernor } from '../../shared/aws/governor.js';
import { scanCodeArtifact } from '../../shared/code-artifact/scan-code-artifact.js';
import { collectAccount } from '../../shared/collect/collect-account.js';
import { ScanFailedError } from '../../shared/errors.js';
import { readSnapshot } from '../../shared/snapshot/read.js';
import type { AccountSnapshot, RawPolicyDocument } from '../../shared/snapshot/types.js';
import fixture from '../fixtures/example-account.json' with { type: 'json' };
import {
  classWith,
  codeBucket,
  jar,
  PLANTED_KEY_ID,
  PLANTED_SECRET,
  withCleanCode,
} from '../support/code-artifact-fixtures.js';
import {
  ACCOUNT_ID,
  account,
  application,
  deliveryStream,
  REGION,
  role,
} from './support/account-builders.js';
import { fakeAws, fakeClients, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';

const COLLECTED_AT = new Date('2026-11-29T02:00:00Z');
// The example account names code objects it does not hold: served with a clean JAR for each.
const example = withCleanCode(readSnapshot(fixture));
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A snapshot's timestamps as collection writes them (Date#toISOString, milliseconds included). */
function withCollectedTimestamps<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, field: unknown) =>
    typeof field === 'string' && ISO_TIMESTAMP.test(field) ? new Date(field).toISOString() : field,
  ) as T;
}

/** A policy document as IAM returns it. */
function urlEncoded(document: RawPolicyDocument | undefined): RawPolicyDocument | undefined {
  return typeof document === 'object' ? encodeURIComponent(JSON.stringify(document)) : document;
}

/**
 * The example account as a live scan of it reads back: IAM documents URL-encoded, the bucket
 * policy as GetBucketPolicy's string, empty region sections left out.
 */
function exampleAsCollected(): AccountSnapshot {
  const expected = withCollectedTimestamps(example);
  for (const entry of expected.iam?.roles ?? []) {
    entry.AssumeRolePolicyDocument = urlEncoded(entry.AssumeRolePolicyDocument);
    for (const inline of entry.RolePolicyList ?? [])
      inline.PolicyDocument = urlEncoded(inline.PolicyDocument)!;
  }
  for (const policy of expected.iam?.policies ?? []) {
    for (const version of policy.PolicyVersionList ?? []) version.Document = urlEncoded(version.Document);
  }
  for (const entry of expected.s3?.buckets ?? []) {
    if (entry.Policy && typeof entry.Policy === 'object') entry.Policy = JSON.stringify(entry.Policy);
    // Code objects are recorded by HeadObject's answer and the scan of their content.
    entry.Objects = entry.Objects?.map(({ Key, ContentBase64 }) => {
      const content = Buffer.from(ContentBase64 ?? '', 'base64');
      return {
        Key,
        VersionId: null,
        Size: content.length,
        ETag: `"${createHash('md5').update(content).digest('hex')}"`,
        LastModified: '2026-11-01T00:00:00.000Z',
        CredentialScan: scanCodeArtifact(content),
      };
    });
  }
  delete expected.regions?.['eu-west-1']?.trails;
  // Collection lists resources in a stable order: by ARN (buckets by name).
  expected.iam?.roles?.sort(by((entry) => entry.Arn));
  expected.s3?.buckets?.sort(by((entry) => entry.Name));
  for (const content of Object.values(expected.regions ?? {})) {
    content.streams?.sort(by((entry) => entry.StreamARN));
    content.keys?.sort(by((entry) => entry.KeyMetadata.Arn));
  }
  return { ...expected, collectedAt: COLLECTED_AT.toISOString() };
}

function by<T>(id: (item: T) => string) {
  return (a: T, b: T) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

describe('Function: collectAccount', () => {
  afterEach(() => restoreAws());

  it('returns the example account field for field when scanning every enabled region', async () => {
    // Prepare
    fakeAws(example);

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), clock: () => COLLECTED_AT });

    // Assess
    expect(snapshot).toEqual(exampleAsCollected());
    expect(readSnapshot(snapshot)).toEqual(snapshot);
  });

  it('returns only the applications asked for, by name or ARN, and what they depend on', async () => {
    // Prepare
    const wanted = application('wanted', { role: 'wanted-role' });
    fakeAws(
      account({
        regions: { [REGION]: { applications: [wanted, application('other', { role: 'other-role' })] } },
        roles: [role('wanted-role'), role('other-role')],
      }),
    );

    // Act
    const scan = (applications: string[]) =>
      collectAccount({ clients: fakeClients(), regions: [REGION], applications, clock: () => COLLECTED_AT });
    const byName = await scan(['wanted']);
    const byArn = await scan([wanted.ApplicationARN]);

    // Assess
    expect(byName.regions).toEqual({ [REGION]: { applications: [wanted] } });
    expect(byName.iam?.roles?.map((entry) => entry.RoleName)).toEqual(['wanted-role']);
    expect(byArn).toEqual(byName);
  });

  it('throws ScanFailedError telling the user to check credentials when STS cannot identify the account', async () => {
    // Prepare
    const stubs = fakeAws(account({}));
    const denied = awsError('InvalidClientTokenId', 'The security token included in the request is invalid.');
    stubs.sts.rejects(denied);

    // Act
    const scan = collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    await expect(scan).rejects.toThrow(
      new ScanFailedError(
        'Could not identify the AWS account (sts:GetCallerIdentity in eu-west-1 failed with ' +
          'InvalidClientTokenId: The security token included in the request is invalid.). Check that AWS ' +
          'credentials are configured and valid, and that the region is enabled, then scan again.',
      ),
    );
    await expect(scan).rejects.toHaveProperty('cause', denied);
  });

  it('returns the home region only, with the failure recorded, when the enabled regions cannot be listed', async () => {
    // Prepare
    const stubs = fakeAws(account({ regions: { [REGION]: {}, 'us-east-1': {} } }));
    stubs.ec2.rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const progress: string[] = [];

    // Act
    const snapshot = await collectAccount({
      clients: fakeClients(),
      homeRegion: REGION,
      progress: (line) => progress.push(line),
      clock: () => COLLECTED_AT,
    });

    // Assess
    expect(snapshot).toEqual({
      snapshotVersion: 1,
      accountId: ACCOUNT_ID,
      partition: 'aws',
      collectedAt: '2026-11-29T02:00:00.000Z',
      iam: { roles: [], policies: [] },
      s3: { buckets: [], accountPublicAccessBlock: null },
      regions: { [REGION]: { applications: [] } },
      collectionErrors: [
        {
          operation: 'ec2:DescribeRegions',
          region: REGION,
          code: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
        },
      ],
    });
    expect(progress).toContain('Could not list the enabled regions; scanning eu-west-1 only.');
  });

  it('sends every AWS call through the governor it is given', async () => {
    // Prepare
    fakeAws(
      account({
        regions: { [REGION]: { applications: [application('app', { role: 'app-role' })] } },
        roles: [role('app-role')],
      }),
    );
    const governor = new CallGovernor();

    // Act
    await collectAccount({ clients: fakeClients(), governor, regions: [REGION] });

    // Assess
    expect(governor.stats()).toEqual({
      'iam:GetRole': 1,
      'iam:ListAttachedRolePolicies': 1,
      'iam:ListRolePolicies': 1,
      'kinesisanalytics:DescribeApplication': 1,
      'kinesisanalytics:ListApplications': 1,
      's3control:GetPublicAccessBlock': 1,
      'sts:GetCallerIdentity': 1,
      'cloudtrail:DescribeTrails': 1,
    });
  });

  it('scans code objects and looks up the keys they hold while a slower dependency is still being read', async () => {
    // Prepare: the application's delivery stream answers only once the test lets it.
    const leaky = jar({
      'com/acme/Uploader.class': classWith('com/acme/Uploader', [
        'accessKey',
        PLANTED_KEY_ID,
        'secretKey',
        PLANTED_SECRET,
      ]),
    });
    const app = application('app', { code: 'code', properties: { 'delivery.stream.name': 'slow' } });
    const stubs = fakeAws(
      account({
        regions: { [REGION]: { applications: [app] } },
        buckets: [{ ...codeBucket('code', { 'app.jar': leaky }), Policy: null }],
      }),
    );
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    stubs.firehose.on(DescribeDeliveryStreamCommand).callsFake(async () => {
      await answered;
      return { DeliveryStreamDescription: deliveryStream('slow', []) };
    });
    stubs.sts.on(GetAccessKeyInfoCommand).resolves({ Account: '444455556666' });

    // Act
    const scan = collectAccount({ clients: fakeClients(), regions: [REGION], clock: () => COLLECTED_AT });
    await vi.waitFor(() =>
      expect(stubs.sts).toHaveReceivedCommandWith(GetAccessKeyInfoCommand, { AccessKeyId: PLANTED_KEY_ID }),
    );
    const objectsReadBeforeStream = stubs.s3.commandCalls(GetObjectCommand).length;
    answer();
    const snapshot = await scan;

    // Assess
    expect(objectsReadBeforeStream).toBe(1);
    expect(snapshot.regions?.[REGION]?.deliveryStreams).toEqual([deliveryStream('slow', [])]);
    expect(snapshot.iam?.accessKeys).toEqual([{ AccessKeyId: PLANTED_KEY_ID, Account: '444455556666' }]);
    const findings = snapshot.s3?.buckets?.[0]?.Objects?.[0]?.CredentialScan?.Findings ?? [];
    expect(findings.flatMap(({ AccessKeyId }) => (AccessKeyId ? [AccessKeyId] : []))).toEqual([
      PLANTED_KEY_ID,
    ]);
  });
});
