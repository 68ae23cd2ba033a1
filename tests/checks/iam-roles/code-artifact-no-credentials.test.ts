import { describe, expect, it } from 'vitest';
import { codeArtifactNoCredentials } from '../../../shared/checks/iam-roles/code-artifact-no-credentials.js';
import { maskKeyId } from '../../../shared/secrets/mask.js';
import type { ArtifactCredentialScan } from '../../../shared/snapshot/artifact-scan.js';
import type { BucketDetail, CollectionError } from '../../../shared/snapshot/types.js';
import { userKey } from '../../support/access-key-fixtures.js';
import {
  applicationWithCode,
  classWith,
  cleanJar,
  codeBucket,
  jar,
  PLANTED_KEY_ID,
  PLANTED_SECRET,
} from '../../support/code-artifact-fixtures.js';
import {
  accountSnapshot,
  application,
  applicationArn,
  checkContext,
} from '../../support/snapshot-builder.js';

const OBJECT_ARN = 'arn:aws:s3:::acme-code/orders/app.jar';
const SUBJECT = 'The code of orders-enricher, s3://acme-code/orders/app.jar,';
const CLEAN_READ = '3 entries, 2 text file(s), 1 class file(s), 0 nested archive(s)';

function evaluate(options: {
  buckets?: BucketDetail[];
  collectionErrors?: CollectionError[];
  version?: string;
}) {
  const snapshot = accountSnapshot({
    applications: [applicationWithCode('acme-code', 'orders/app.jar', options.version)],
    buckets: options.buckets ?? [],
    ...(options.collectionErrors ? { collectionErrors: options.collectionErrors } : {}),
  });
  return { snapshot, outcomes: () => codeArtifactNoCredentials.evaluate(checkContext(snapshot)) };
}

const leakyJar = () =>
  jar({
    'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n',
    'com/acme/Uploader.class': classWith('com/acme/Uploader', [
      'accessKey',
      PLANTED_KEY_ID,
      'secretKey',
      PLANTED_SECRET,
    ]),
  });

describe('Check: code-artifact-no-credentials', () => {
  it('returns NOT_APPLICABLE when the code is not an S3 object', () => {
    // Prepare
    const snapshot = accountSnapshot({ applications: [application()] });

    // Act
    const outcomes = codeArtifactNoCredentials.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'NOT_APPLICABLE',
        resourceArn: applicationArn('orders-enricher'),
        detail:
          'orders-enricher has no code object in S3 (its code is inline), so there is no artifact to scan.',
      },
    ]);
  });

  it('returns PASS when the whole artifact was read and holds no credential', () => {
    // Act
    const outcomes = evaluate({
      buckets: [codeBucket('acme-code', { 'orders/app.jar': cleanJar() })],
    }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: OBJECT_ARN,
        detail: `${SUBJECT} holds no AWS credentials (${CLEAN_READ} read).`,
      },
    ]);
  });

  it('returns PASS and says so when the only keys are AWS documentation examples', () => {
    // Prepare
    const sdkJar = jar({
      'com/amazonaws/docs/credentials.txt': 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n',
    });

    // Act
    const outcomes = evaluate({
      buckets: [codeBucket('acme-code', { 'orders/app.jar': sdkJar })],
    }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: OBJECT_ARN,
        detail:
          `${SUBJECT} holds no AWS credentials (1 entries, 1 text file(s), 0 class file(s), 0 nested archive(s) read).` +
          ' 1 example key(s) from the AWS documentation were ignored.',
      },
    ]);
  });

  it('returns FAIL naming the entry and the masked keys, and that the key was not looked up', () => {
    // Act
    const outcomes = evaluate({
      buckets: [codeBucket('acme-code', { 'orders/app.jar': leakyJar() })],
    }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: OBJECT_ARN,
        detail:
          `${SUBJECT} holds AWS credentials: com/acme/Uploader.class holds an access key id ` +
          `(${maskKeyId(PLANTED_KEY_ID)}; not looked up: the snapshot holds no lookup of it); com/acme/Uploader.class ` +
          `holds what looks like a secret access key (${PLANTED_SECRET.slice(0, 4)}${'*'.repeat(36)}).`,
      },
    ]);
    expect(JSON.stringify(outcomes)).not.toContain(PLANTED_KEY_ID);
    expect(JSON.stringify(outcomes)).not.toContain(PLANTED_SECRET);
  });

  it('returns FAIL of critical severity when the key is active in this account', () => {
    // Prepare
    const fixture = evaluate({ buckets: [codeBucket('acme-code', { 'orders/app.jar': leakyJar() })] });
    fixture.snapshot.iam = { ...fixture.snapshot.iam, accessKeys: [userKey(PLANTED_KEY_ID)] };

    // Act
    const [outcome] = fixture.outcomes();

    // Assess
    expect(outcome?.severity).toBe('critical');
    expect(outcome?.detail).toContain(
      `(${maskKeyId(PLANTED_KEY_ID)}; an active key of IAM user ci-deployer in this account, last used 2026-11-27 by s3 in eu-west-1)`,
    );
  });

  it('returns FAIL of critical severity when the key could not be looked up: it may be active', () => {
    // Prepare
    const lookup: CollectionError = {
      operation: 'sts:GetAccessKeyInfo',
      resource: PLANTED_KEY_ID,
      code: 'ServiceUnavailable',
      message: 'The request has failed due to a temporary failure of the server.',
    };
    const fixture = evaluate({
      buckets: [codeBucket('acme-code', { 'orders/app.jar': leakyJar() })],
      collectionErrors: [lookup],
    });

    // Act
    const [outcome] = fixture.outcomes();

    // Assess
    expect(outcome?.status).toBe('FAIL');
    expect(outcome?.severity).toBe('critical');
    expect(outcome?.detail).toContain(
      `(${maskKeyId(PLANTED_KEY_ID)}; not looked up: sts:GetAccessKeyInfo failed (ServiceUnavailable))`,
    );
  });

  it('judges the scan collection recorded when the snapshot holds no content', () => {
    // Prepare
    const recorded: ArtifactCredentialScan = {
      ScannerVersion: 1,
      Entries: 900,
      TextsRead: 40,
      ClassesRead: 850,
      NestedArchives: 2,
      Findings: [],
    };
    const bucket = {
      Name: 'acme-code',
      Region: 'eu-west-1',
      Objects: [{ Key: 'orders/app.jar', CredentialScan: recorded }],
    };

    // Act
    const outcomes = evaluate({ buckets: [bucket] }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: OBJECT_ARN,
        detail: `${SUBJECT} holds no AWS credentials (900 entries, 40 text file(s), 850 class file(s), 2 nested archive(s) read).`,
      },
    ]);
  });

  it('returns ERROR when the scan could not read everything and found nothing', () => {
    // Act
    const outcomes = evaluate({
      buckets: [codeBucket('acme-code', { 'orders/app.jar': new TextEncoder().encode('not a jar') })],
    }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: OBJECT_ARN,
        detail: expect.stringMatching(
          /^The code of orders-enricher, s3:\/\/acme-code\/orders\/app\.jar, holds no AWS credentials in what could be read \(0 entries, 0 text file\(s\), 0 class file\(s\), 0 nested archive\(s\)\), but not a ZIP\/JAR archive: /,
        ),
      },
    ]);
  });

  it('returns ERROR with the recorded failure when the object could not be read', () => {
    // Prepare
    const tooLarge: CollectionError = {
      operation: 's3:GetObject',
      resource: OBJECT_ARN,
      code: 'ArtifactTooLarge',
      message: 'The code object is 90000000 bytes, more than the scan cap of 67108864 bytes',
    };

    // Act
    const outcomes = evaluate({
      buckets: [codeBucket('acme-code')],
      collectionErrors: [tooLarge],
    }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: OBJECT_ARN,
        detail:
          `${SUBJECT} could not be scanned: s3:GetObject failed (ArtifactTooLarge: The code object is 90000000 ` +
          'bytes, more than the scan cap of 67108864 bytes).',
      },
    ]);
  });

  it('returns ERROR when the code bucket is not in the snapshot', () => {
    // Act
    const outcomes = evaluate({}).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: OBJECT_ARN,
        detail: `${SUBJECT} could not be scanned: its bucket is not in the snapshot (it does not exist, or was not collected).`,
      },
    ]);
  });

  it('returns ERROR when the snapshot holds neither the content nor a scan of the object', () => {
    // Act
    const outcomes = evaluate({ buckets: [codeBucket('acme-code')] }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: OBJECT_ARN,
        detail:
          `${SUBJECT} could not be scanned: the snapshot holds neither its content nor a scan of it (a live scan ` +
          'collects it; a hand-made snapshot can add it under the bucket\'s "Objects" with ContentBase64).',
      },
    ]);
  });

  it('judges only the version the application pins', () => {
    // Prepare
    const bucket: BucketDetail = {
      Name: 'acme-code',
      Region: 'eu-west-1',
      Objects: [
        { Key: 'orders/app.jar', VersionId: 'v1', ContentBase64: Buffer.from(leakyJar()).toString('base64') },
        { Key: 'orders/app.jar', VersionId: 'v2', ContentBase64: Buffer.from(cleanJar()).toString('base64') },
      ],
    };

    // Act
    const outcomes = evaluate({ buckets: [bucket], version: 'v2' }).outcomes();

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: OBJECT_ARN,
        detail: `The code of orders-enricher, s3://acme-code/orders/app.jar (version v2), holds no AWS credentials (${CLEAN_READ} read).`,
      },
    ]);
  });
});
