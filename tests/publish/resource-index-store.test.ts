import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../shared/errors.js';
import { resourceIndex } from '../../shared/live/resource-index.js';
import {
  readResourceIndex,
  resourceIndexKey,
  writeResourceIndex,
} from '../../shared/publish/resource-index-store.js';
import { graphNode, LIVE_ACCOUNT, liveReport, reportApplication } from '../support/live-fixtures.js';

const s3Mock = mockClient(S3Client);
const TARGET = { bucket: 'audit-reports', prefix: '/kda/' };
const KEY = `kda/${LIVE_ACCOUNT}/live/resource-index.json`;
const STREAM = `arn:aws:kinesis:eu-west-1:${LIVE_ACCOUNT}:stream/orders-in`;

function storedIndex() {
  return resourceIndex(
    liveReport([
      reportApplication('orders-router', 'eu-west-1', [graphNode(STREAM, 'kinesis-stream', 'orders-in')]),
    ]),
  );
}

/** A GetObject body as the SDK returns it, reduced to what the reader uses. */
function body(text: string) {
  return { Body: { transformToString: async () => text } } as never;
}

function s3Error(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

function unusable(reason: string) {
  return {
    status: 'unusable',
    reason: `The resource index s3://audit-reports/${KEY} is not used: ${reason}. Run a full scan to write it again.`,
  };
}

describe('Function: resourceIndexKey', () => {
  it('returns the key beside latest.json, under the prefix without its slashes', () => {
    // Act
    const keys = [resourceIndexKey('/kda/', LIVE_ACCOUNT), resourceIndexKey(undefined, LIVE_ACCOUNT)];

    // Assess
    expect(keys).toEqual([KEY, `${LIVE_ACCOUNT}/live/resource-index.json`]);
  });
});

describe('Function: writeResourceIndex', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it('writes the index as JSON and returns its key', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const index = storedIndex();

    // Act
    const key = await writeResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, index);

    // Assess
    expect(key).toEqual(KEY);
    expect(s3Mock).toReceiveCommandWith(PutObjectCommand, {
      Bucket: 'audit-reports',
      Key: KEY,
      Body: JSON.stringify(index),
      ContentType: 'application/json',
    });
  });

  it('throws PublishError naming the permissions when S3 denies the write', async () => {
    // Prepare
    const denied = s3Error('AccessDenied', 'Access Denied');
    s3Mock.on(PutObjectCommand).rejects(denied);

    // Act
    const write = writeResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, storedIndex());

    // Assess
    await expect(write).rejects.toEqual(
      new PublishError(
        `Could not write the resource index to s3://audit-reports/${KEY} (AccessDenied: Access Denied). Live ` +
          "re-audits use the previous index until a scan writes it. Grant the auditor's role s3:PutObject on " +
          "arn:aws:s3:::audit-reports/* and kms:GenerateDataKey on the bucket's default KMS key, then run the " +
          'scan again.',
        { cause: denied },
      ),
    );
  });
});

describe('Function: readResourceIndex', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it('returns the index read beside latest.json', async () => {
    // Prepare
    const index = storedIndex();
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(index)));

    // Act
    const stored = await readResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, LIVE_ACCOUNT);

    // Assess
    expect(stored).toEqual({ status: 'found', index });
    expect(s3Mock).toReceiveCommandWith(GetObjectCommand, { Bucket: 'audit-reports', Key: KEY });
  });

  it('returns missing when no full scan wrote one yet (NoSuchKey)', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 'The specified key does not exist.'));

    // Act
    const stored = await readResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, LIVE_ACCOUNT);

    // Assess
    expect(stored).toEqual({ status: 'missing' });
  });

  it('returns unusable naming the permissions when S3 denies the read', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(s3Error('AccessDenied', 'Access Denied'));

    // Act
    const stored = await readResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, LIVE_ACCOUNT);

    // Assess
    expect(stored).toEqual(
      unusable(
        "it could not be read (AccessDenied: Access Denied); grant the auditor's role s3:GetObject on " +
          `arn:aws:s3:::audit-reports/${KEY}, s3:ListBucket on arn:aws:s3:::audit-reports and kms:Decrypt on ` +
          "the bucket's key",
      ),
    );
  });

  it('returns unusable when the object is not JSON', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).resolves(body('<html>'));

    // Act
    const stored = await readResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, LIVE_ACCOUNT);

    // Assess
    expect(stored).toEqual(unusable(`it is not JSON (Unexpected token '<', "<html>" is not valid JSON)`));
  });

  it('returns unusable when the index has another format version', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify({ ...storedIndex(), formatVersion: 2 })));

    // Act
    const stored = await readResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, LIVE_ACCOUNT);

    // Assess
    expect(stored).toEqual(
      unusable('it is not a resource index of format 1 (formatVersion: Invalid input: expected 1)'),
    );
  });

  it('returns unusable when the index is of another account', async () => {
    // Prepare
    s3Mock
      .on(GetObjectCommand)
      .resolves(body(JSON.stringify({ ...storedIndex(), accountId: '444455556666' })));

    // Act
    const stored = await readResourceIndex(new S3Client({ region: 'eu-west-1' }), TARGET, LIVE_ACCOUNT);

    // Assess
    expect(stored).toEqual(unusable(`it indexes account 444455556666, not ${LIVE_ACCOUNT}`));
  });
});
