import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../shared/errors.js';
import { renderOrganizationMarkdown } from '../../shared/organization/organization-markdown.js';
import { writeOrganizationReport } from '../../shared/organization/write-organization-report.js';
import { failedResult, ORG_SCAN_ID, organizationReport } from '../support/organization-fixtures.js';

const s3Mock = mockClient(S3Client);
const BUCKET = 'audit-reports';

describe('Function: writeOrganizationReport', () => {
  beforeEach(() => {
    s3Mock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
  });

  it('returns the keys it wrote: dated JSON and Markdown under organization/, then latest.json', async () => {
    // Prepare
    const report = organizationReport();

    // Act
    const location = await writeOrganizationReport(
      new S3Client({ region: 'eu-west-1' }),
      { bucket: BUCKET, prefix: '/kda/' },
      report,
    );

    // Assess
    const dated = `kda/organization/2026/11/29/${ORG_SCAN_ID}`;
    expect(location).toEqual({
      key: `${dated}.json`,
      markdownKey: `${dated}.md`,
      latestKey: 'kda/organization/latest.json',
      uri: `s3://${BUCKET}/${dated}.json`,
    });
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: BUCKET,
        Key: `${dated}.json`,
        Body: JSON.stringify(report, null, 2),
        ContentType: 'application/json',
      },
      {
        Bucket: BUCKET,
        Key: `${dated}.md`,
        Body: renderOrganizationMarkdown(report),
        ContentType: 'text/markdown; charset=utf-8',
      },
      {
        Bucket: BUCKET,
        Key: 'kda/organization/latest.json',
        Body: JSON.stringify(report, null, 2),
        ContentType: 'application/json',
      },
    ]);
  });

  it('returns keys at the bucket root without a prefix', async () => {
    // Act
    const location = await writeOrganizationReport(
      new S3Client({ region: 'eu-west-1' }),
      { bucket: BUCKET },
      organizationReport(),
    );

    // Assess
    expect([location.key, location.latestKey]).toEqual([
      `organization/2026/11/29/${ORG_SCAN_ID}.json`,
      'organization/latest.json',
    ]);
  });

  it('throws PublishError naming the permission, and leaves latest.json alone, when a write fails', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    // Act
    const writing = writeOrganizationReport(
      new S3Client({ region: 'eu-west-1' }),
      { bucket: BUCKET, prefix: 'kda' },
      organizationReport(),
    );

    // Assess
    await expect(writing).rejects.toThrow(
      new PublishError(
        `Could not write the organisation report to s3://${BUCKET}/kda/organization/2026/11/29/${ORG_SCAN_ID}.json (AccessDenied: Access Denied). Grant the aggregation function's role s3:PutObject on arn:aws:s3:::${BUCKET}/* and kms:GenerateDataKey on the bucket's default KMS key, then run the organisation scan again.`,
      ),
    );
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(1);
  });
});

describe('Function: renderOrganizationMarkdown', () => {
  it('returns totals, accounts, worst applications, failed targets and skipped accounts, cells escaped', () => {
    // Prepare
    const failed = failedResult();
    const report = organizationReport({
      complete: false,
      worstApplications: [
        {
          applicationArn: 'arn:aws:kinesisanalytics:eu-west-1:222222222222:application/orders',
          applicationName: 'orders|v2',
          score: 100,
          grade: 'A',
          accountId: '222222222222',
          accountName: 'prod',
          region: 'eu-west-1',
        },
      ],
      failedTargets: [
        {
          accountId: failed.accountId,
          accountName: 'dev',
          region: 'eu-west-1',
          reason: 'role *missing*',
          errorName: failed.errorName,
        },
      ],
      skipped: [
        { accountId: '444444444444', accountName: 'old', reason: 'the account is SUSPENDED, not ACTIVE' },
      ],
    });

    // Act
    const markdown = renderOrganizationMarkdown(report);

    // Assess
    expect(markdown).toEqual(
      [
        '# kda-auditor organisation report o-a1b2c3d4e5',
        '',
        `Scan ${ORG_SCAN_ID}, 2026-11-29T02:00:00.000Z to 2026-11-29T02:10:00.000Z. **Incomplete**: some targets failed or could not be read in full.`,
        '',
        '**Organisation score: 100 (A)**',
        '',
        '| Accounts listed | Scanned | Partly scanned | Failed | Skipped | Targets scanned | Applications | New failing findings |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| 1 | 1 | 0 | 0 | 0 | 1 of 1 | 1 | 0 |',
        '',
        '## Accounts (worst first)',
        '',
        '| Account | Name | Status | Score | Applications | Failures | Errors | New | Regions |',
        '| --- | --- | --- | --- | ---: | --- | ---: | --- | --- |',
        '| 222222222222 | prod | scanned | 100 (A) | 1 | 0 | 0 | 0 | eu-west-1 100 (A) |',
        '',
        '## Worst applications',
        '',
        '| Application | Account | Region | Score |',
        '| --- | --- | --- | --- |',
        '| orders\\|v2 | 222222222222 | eu-west-1 | 100 (A) |',
        '',
        '## Targets not scanned',
        '',
        '| Account | Region | Error | Reason |',
        '| --- | --- | --- | --- |',
        '| 333333333333 | eu-west-1 | MemberAccessError | role \\*missing\\* |',
        '',
        '## Accounts skipped',
        '',
        '- 444444444444 (old): the account is SUSPENDED, not ACTIVE',
        '',
      ].join('\n'),
    );
  });
});
