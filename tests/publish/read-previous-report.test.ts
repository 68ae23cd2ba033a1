import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { comparisonBaseline } from '../../shared/changes/comparison-baseline.js';
import { readPreviousBaseline, readPreviousReport } from '../../shared/publish/read-previous-report.js';
import { ACCOUNT_ID } from '../support/audit-builders.js';
import { scanReport } from '../support/report-history.js';

const s3Mock = mockClient(S3Client);
const TARGET = { bucket: 'audit-reports', prefix: '/kda/' };
const KEY = `kda/${ACCOUNT_ID}/latest.json`;
const LOCATION = `s3://audit-reports/${KEY}`;

/** A GetObject body as the SDK returns it, reduced to what the reader uses. */
function body(text: string) {
  return {
    Body: {
      transformToString: async () => text,
      transformToByteArray: async () => new TextEncoder().encode(text),
    },
  } as never;
}

function s3Error(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

describe('Function: readPreviousReport', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it('returns the report read from latest.json under the prefix', async () => {
    // Prepare
    const report = scanReport(1, { orders: { c1: 'FAIL' } });
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(report)));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousReport(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous).toEqual({ status: 'found', location: LOCATION, report });
    expect(s3Mock).toReceiveCommandWith(GetObjectCommand, { Bucket: 'audit-reports', Key: KEY });
  });

  it('returns none when there is no latest.json yet (NoSuchKey)', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 'The specified key does not exist.'));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousReport(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous).toEqual({ status: 'none', location: LOCATION });
  });

  it('returns unusable naming the permissions when S3 denies the read', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(s3Error('AccessDenied', 'Access Denied'));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousReport(s3, { bucket: 'audit-reports' }, ACCOUNT_ID);

    // Assess
    const key = `${ACCOUNT_ID}/latest.json`;
    expect(previous).toEqual({
      status: 'unusable',
      location: `s3://audit-reports/${key}`,
      reason:
        `The previous report s3://audit-reports/${key} could not be read (AccessDenied: Access Denied). This scan ` +
        `has no change tracking. Grant the auditor's role s3:GetObject on arn:aws:s3:::audit-reports/${key}, ` +
        "s3:ListBucket on arn:aws:s3:::audit-reports (so a missing report reads as none) and kms:Decrypt on the bucket's key.",
    });
  });

  it('returns unusable saying why when latest.json is too large to read as one string', async () => {
    // Prepare: what Node throws when decoding bytes past V8's longest string
    const tooLong = Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), {
      code: 'ERR_STRING_TOO_LONG',
    });
    s3Mock.on(GetObjectCommand).resolves({
      Body: {
        transformToString: async () => {
          throw tooLong;
        },
      },
    } as never);
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousReport(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous).toEqual({
      status: 'unusable',
      location: LOCATION,
      reason: `The previous report ${LOCATION} is too large to read as one string (Cannot create a string longer than 0x1fffffe8 characters); this scan has no change tracking.`,
    });
  });

  it('returns unusable when latest.json is not JSON', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).resolves(body('<html>'));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousReport(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous).toEqual({
      status: 'unusable',
      location: LOCATION,
      reason: expect.stringMatching(
        /^The previous report s3:\/\/audit-reports\/kda\/111122223333\/latest\.json was ignored: it is not JSON \(Unexpected token '<'.*\)\. This scan has no change tracking; the next one compares with this report\.$/,
      ),
    });
  });

  it('returns unusable when latest.json is a report of another account', async () => {
    // Prepare
    const report = { ...scanReport(1, {}), accountId: '444455556666' };
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(report)));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousReport(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous).toEqual({
      status: 'unusable',
      location: LOCATION,
      reason:
        `The previous report ${LOCATION} was ignored: it is a report of account 444455556666, not ${ACCOUNT_ID}. ` +
        'This scan has no change tracking; the next one compares with this report.',
    });
  });
});

describe('Function: readPreviousBaseline', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it.each([
    {
      layout: 'as kda-auditor writes it (read an application at a time)',
      text: (report: object) => JSON.stringify(report, null, 2),
    },
    { layout: 'in any other layout (read whole)', text: (report: object) => JSON.stringify(report) },
  ])('returns what change tracking reads of latest.json laid out $layout', async ({ text }) => {
    // Prepare
    const report = scanReport(1, { orders: { c1: 'FAIL', c2: 'PASS' } });
    s3Mock.on(GetObjectCommand).resolves(body(text(report)));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousBaseline(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous).toEqual({ status: 'found', location: LOCATION, baseline: comparisonBaseline(report) });
  });

  it("returns unusable for another account's report, read an application at a time", async () => {
    // Prepare
    const report = { ...scanReport(1, { orders: { c1: 'FAIL' } }), accountId: '999999999999' };
    s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(report, null, 2)));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousBaseline(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous.status === 'unusable' ? previous.reason : previous.status).toContain(
      `it is a report of account 999999999999, not ${ACCOUNT_ID}`,
    );
  });

  it('returns none when latest.json does not exist', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 'The specified key does not exist.'));
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const previous = await readPreviousBaseline(s3, TARGET, ACCOUNT_ID);

    // Assess
    expect(previous).toEqual({ status: 'none', location: LOCATION });
  });
});
