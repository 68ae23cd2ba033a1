import { CopyObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../shared/errors.js';
import { reportKeys, updateLatestReport, writeReport } from '../../shared/publish/write-report.js';
import { buildReport } from '../../shared/report/build-report.js';
import { renderHtml } from '../../shared/report/html/render-html.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import { accountEvaluation, applicationEvaluation, finding, reportMeta } from '../support/audit-builders.js';

const s3Mock = mockClient(S3Client);
const report = buildReport(accountEvaluation([applicationEvaluation('orders', [finding()])]), reportMeta());
const DATED = 'kda-auditor/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d';
const LATEST = 'kda-auditor/111122223333/latest.json';

function accessDenied(): Error {
  return Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
}

describe('Function: writeReport', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it('writes the dated JSON, its Markdown and HTML, not latest.json, and returns where they are', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const location = await writeReport(s3, { bucket: 'audit-reports', prefix: 'kda-auditor' }, report);

    // Assess
    expect(location).toEqual({
      bucket: 'audit-reports',
      key: `${DATED}.json`,
      markdownKey: `${DATED}.md`,
      htmlKey: `${DATED}.html`,
      latestKey: LATEST,
      uri: `s3://audit-reports/${DATED}.json`,
    });
    const json = JSON.stringify(report, null, 2);
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: 'audit-reports',
        Key: `${DATED}.json`,
        Body: Buffer.from(json),
        ContentType: 'application/json',
      },
      {
        Bucket: 'audit-reports',
        Key: `${DATED}.md`,
        Body: Buffer.from(renderMarkdown(report)),
        ContentType: 'text/markdown; charset=utf-8',
      },
      {
        Bucket: 'audit-reports',
        Key: `${DATED}.html`,
        Body: Buffer.from(renderHtml(report)),
        ContentType: 'text/html; charset=utf-8',
      },
    ]);
  });

  it('writes the three formats at once', async () => {
    // Prepare: each write waits until the three have started (or a second has passed).
    let started = 0;
    let release: () => void = () => undefined;
    const allStarted = new Promise<void>((resolve) => {
      release = resolve;
      setTimeout(resolve, 1000);
    });
    s3Mock.on(PutObjectCommand).callsFake(async () => {
      started += 1;
      if (started === 3) release();
      await allStarted;
      return { startedWhenDone: started };
    });

    // Act
    await writeReport(new S3Client({ region: 'eu-west-1' }), { bucket: 'audit-reports' }, report);

    // Assess
    const results = await Promise.all(s3Mock.commandCalls(PutObjectCommand).map((call) => call.returnValue));
    expect(results).toEqual([{ startedWhenDone: 3 }, { startedWhenDone: 3 }, { startedWhenDone: 3 }]);
  });

  it('throws PublishError naming the bucket and the permission, and writes no latest.json, on AccessDenied', async () => {
    // Prepare
    const denied = accessDenied();
    s3Mock.on(PutObjectCommand).rejects(denied);
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    const write = writeReport(s3, { bucket: 'audit-reports', prefix: 'kda-auditor' }, report);

    // Assess
    await expect(write).rejects.toEqual(
      new PublishError(
        `Could not write the report to s3://audit-reports/${DATED}.json ` +
          "(AccessDenied: Access Denied). Check that the bucket exists and grant the auditor's role s3:PutObject on " +
          "arn:aws:s3:::audit-reports/* and kms:GenerateDataKey on the bucket's default KMS key, then run the scan again.",
        { cause: denied },
      ),
    );
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual([
      `${DATED}.json`,
      `${DATED}.md`,
      `${DATED}.html`,
    ]);
    expect(s3Mock).not.toHaveReceivedCommand(CopyObjectCommand);
  });

  it('returns only once every format has settled, when one fails', async () => {
    // Prepare
    let htmlWritten = false;
    s3Mock.on(PutObjectCommand, { Key: `${DATED}.json` }).rejects(accessDenied());
    s3Mock.on(PutObjectCommand, { Key: `${DATED}.html` }).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      htmlWritten = true;
      return {};
    });

    // Act
    const write = writeReport(
      new S3Client({ region: 'eu-west-1' }),
      { bucket: 'audit-reports', prefix: 'kda-auditor' },
      report,
    );

    // Assess
    await expect(write).rejects.toBeInstanceOf(PublishError);
    expect(htmlWritten).toBe(true);
  });

  it('sets no per-object server-side encryption: the bucket default applies', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const s3 = new S3Client({ region: 'eu-west-1' });

    // Act
    await writeReport(s3, { bucket: 'audit-reports' }, report);

    // Assess
    const inputs = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => [input.ServerSideEncryption, input.SSEKMSKeyId])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});

describe('Function: updateLatestReport', () => {
  beforeEach(() => {
    s3Mock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock.on(CopyObjectCommand).resolves({});
  });

  it('copies the report just written to latest.json inside S3, uploading nothing', async () => {
    // Prepare
    const s3 = new S3Client({ region: 'eu-west-1' });
    const location = await writeReport(s3, { bucket: 'audit-reports', prefix: 'kda-auditor' }, report);
    s3Mock.resetHistory();

    // Act
    await updateLatestReport(s3, location);

    // Assess
    expect(s3Mock.commandCalls(CopyObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'audit-reports', Key: LATEST, CopySource: `audit-reports/${DATED}.json` },
    ]);
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('URL-encodes each segment of the copy source', async () => {
    // Prepare
    const s3 = new S3Client({ region: 'eu-west-1' });
    const location = await writeReport(s3, { bucket: 'audit-reports', prefix: 'reports+eu/é t' }, report);

    // Act
    await updateLatestReport(s3, location);

    // Assess
    expect(s3Mock.commandCalls(CopyObjectCommand)[0]?.args[0].input.CopySource).toEqual(
      'audit-reports/reports%2Beu/%C3%A9%20t/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d.json',
    );
  });

  it('throws PublishError naming both objects and the permissions when the copy fails', async () => {
    // Prepare
    const denied = accessDenied();
    s3Mock.on(CopyObjectCommand).rejects(denied);
    const s3 = new S3Client({ region: 'eu-west-1' });
    const location = await writeReport(s3, { bucket: 'audit-reports', prefix: 'kda-auditor' }, report);

    // Act
    const update = updateLatestReport(s3, location);

    // Assess
    await expect(update).rejects.toEqual(
      new PublishError(
        `Could not copy the report s3://audit-reports/${DATED}.json to s3://audit-reports/${LATEST} ` +
          "(AccessDenied: Access Denied). Check that the bucket exists and grant the auditor's role s3:GetObject " +
          "and s3:PutObject on arn:aws:s3:::audit-reports/* and kms:Decrypt and kms:GenerateDataKey on the bucket's " +
          'default KMS key, then run the scan again.',
        { cause: denied },
      ),
    );
  });
});

describe('Function: reportKeys', () => {
  it('returns keys at the bucket root when the prefix is empty', () => {
    // Act
    const keys = reportKeys('', {
      accountId: '111122223333',
      scanId: 'scan-1',
      startedAt: '2026-01-05T10:00:00.000Z',
    });

    // Assess
    expect(keys).toEqual({
      key: '111122223333/2026/01/05/scan-1.json',
      markdownKey: '111122223333/2026/01/05/scan-1.md',
      htmlKey: '111122223333/2026/01/05/scan-1.html',
      latestKey: '111122223333/latest.json',
    });
  });

  it('returns keys under a prefix given with stray slashes', () => {
    // Act
    const keys = reportKeys('/reports//kda/', {
      accountId: '111122223333',
      scanId: 's',
      startedAt: '2026-01-05T10:00:00Z',
    });

    // Assess
    expect(keys).toEqual({
      key: 'reports/kda/111122223333/2026/01/05/s.json',
      markdownKey: 'reports/kda/111122223333/2026/01/05/s.md',
      htmlKey: 'reports/kda/111122223333/2026/01/05/s.html',
      latestKey: 'reports/kda/111122223333/latest.json',
    });
  });

  it('returns the UTC date of the start, not the local one', () => {
    // Act: 23:30 on 31 December at UTC-2 is 01:30 on 1 January UTC
    const keys = reportKeys('r', {
      accountId: '111122223333',
      scanId: 's',
      startedAt: '2026-12-31T23:30:00-02:00',
    });

    // Assess
    expect(keys.key).toBe('r/111122223333/2027/01/01/s.json');
  });
});
