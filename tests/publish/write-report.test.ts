import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PublishError } from '../../shared/errors.js';
import { reportKeys, updateLatestReport, writeReport } from '../../shared/publish/write-report.js';
import { buildReport } from '../../shared/report/build-report.js';
import { renderHtml } from '../../shared/report/html/render-html.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import { accountEvaluation, applicationEvaluation, finding, reportMeta } from '../support/audit-builders.js';

// The real renderer, which one test makes fail as V8 does for a string past its longest length.
vi.mock('../../shared/report/html/render-html.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/report/html/render-html.js')>();
  return { ...original, renderHtml: vi.fn(original.renderHtml) };
});

const s3Mock = mockClient(S3Client);
const report = buildReport(accountEvaluation([applicationEvaluation('orders', [finding()])]), reportMeta());

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
    const dated = 'kda-auditor/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d';
    expect(location).toEqual({
      bucket: 'audit-reports',
      key: `${dated}.json`,
      markdownKey: `${dated}.md`,
      htmlKey: `${dated}.html`,
      latestKey: 'kda-auditor/111122223333/latest.json',
      uri: `s3://audit-reports/${dated}.json`,
    });
    const json = JSON.stringify(report, null, 2);
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: 'audit-reports',
        Key: `${dated}.json`,
        Body: Buffer.from(json),
        ContentType: 'application/json',
      },
      {
        Bucket: 'audit-reports',
        Key: `${dated}.md`,
        Body: renderMarkdown(report),
        ContentType: 'text/markdown; charset=utf-8',
      },
      {
        Bucket: 'audit-reports',
        Key: `${dated}.html`,
        Body: renderHtml(report),
        ContentType: 'text/html; charset=utf-8',
      },
    ]);
  });

  it('writes a page pointing at the JSON report when the HTML is too long for one string', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const s3 = new S3Client({ region: 'eu-west-1' });
    vi.mocked(renderHtml).mockImplementationOnce(() => {
      throw new RangeError('Invalid string length');
    });

    // Act
    const location = await writeReport(s3, { bucket: 'audit-reports', prefix: 'kda-auditor' }, report);

    // Assess
    const html = s3Mock
      .commandCalls(PutObjectCommand)
      .find((call) => call.args[0].input.Key === location.htmlKey);
    const json = location.key.split('/').pop();
    expect(String(html?.args[0].input.Body)).toContain(
      `is too large to render as one page; the whole report is in <a href="${json}">${json}</a>, beside this file.`,
    );
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
        'Could not write the report to s3://audit-reports/kda-auditor/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d.json ' +
          "(AccessDenied: Access Denied). Check that the bucket exists and grant the auditor's role s3:PutObject on " +
          "arn:aws:s3:::audit-reports/* and kms:GenerateDataKey on the bucket's default KMS key, then run the scan again.",
        { cause: denied },
      ),
    );
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
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
  });

  it("writes the report as the account's latest.json", async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const s3 = new S3Client({ region: 'eu-west-1' });
    const location = await writeReport(s3, { bucket: 'audit-reports', prefix: 'kda-auditor' }, report);
    s3Mock.resetHistory();

    // Act
    await updateLatestReport(s3, location, report);

    // Assess
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: 'audit-reports',
        Key: 'kda-auditor/111122223333/latest.json',
        Body: Buffer.from(JSON.stringify(report, null, 2)),
        ContentType: 'application/json',
      },
    ]);
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
