import { describe, expect, it } from 'vitest';
import { buildReport } from '../../shared/report/build-report.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import {
  accountEvaluation,
  applicationArn,
  applicationEvaluation,
  finding,
  reportMeta,
} from '../support/audit-builders.js';

describe('Function: renderMarkdown', () => {
  it('returns the account score, a table per application and each failure with its CLI fix', () => {
    // Prepare
    const failing = finding({
      checkId: 'kinesis-stream-encrypted',
      title: 'Source stream encrypted with KMS',
      severity: 'high',
      status: 'FAIL',
      resourceArn: 'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks',
      detail: 'Stream clicks has EncryptionType NONE | not encrypted.',
      remediation: {
        console: 'Kinesis console → clicks → Server-side encryption → Enable.',
        cli: 'aws kinesis start-stream-encryption --stream-name clicks --encryption-type KMS --key-id alias/aws/kinesis',
        cloudformation: 'StreamEncryption: { EncryptionType: KMS }',
        references: ['https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html'],
      },
    });
    const evaluation = accountEvaluation([
      applicationEvaluation('clicks', [finding({ severity: 'critical' }), failing]),
    ]);
    const report = buildReport(evaluation, reportMeta());

    // Act
    const markdown = renderMarkdown(report).split('\n');

    // Assess
    expect(markdown).toEqual(
      expect.arrayContaining([
        '# kda-auditor report: account 111122223333',
        '**Account score: 67/100 (grade D)**',
        '- Complete: every read succeeded.',
        '| clicks | eu-west-1 | FLINK-1_20 | 67 | D | 0 | 1 | 0 | 0 | 0 |',
        '## clicks (eu-west-1)',
        `ARN: \`${applicationArn('clicks')}\``,
        '| FAIL | high | Source stream encrypted with KMS | `arn:aws:kinesis:eu-west-1:111122223333:stream/clicks` | Stream clicks has EncryptionType NONE \\| not encrypted. |',
        '#### HIGH: Source stream encrypted with KMS (`kinesis-stream-encrypted`)',
        'aws kinesis start-stream-encryption --stream-name clicks --encryption-type KMS --key-id alias/aws/kinesis',
        'Console: Kinesis console → clicks → Server-side encryption → Enable.',
      ]),
    );
  });

  it('returns the cap reason and the failed reads of an incomplete scan', () => {
    // Prepare
    const evaluation = accountEvaluation([
      applicationEvaluation('orders', [
        finding({ severity: 'critical' }),
        finding({ severity: 'low', status: 'ERROR' }),
      ]),
    ]);
    const collectionError = {
      operation: 'kms:DescribeKey',
      resource: 'arn:aws:kms:eu-west-1:111122223333:key/1234',
      region: 'eu-west-1',
      code: 'AccessDeniedException',
      message: 'not authorized',
    };
    const report = buildReport(
      evaluation,
      reportMeta({ complete: false, collectionErrors: [collectionError] }),
    );

    // Act
    const markdown = renderMarkdown(report).split('\n');

    // Assess
    expect(markdown).toEqual(
      expect.arrayContaining([
        '**Account score: 89/100 (grade B), capped at 89: some checks could not be verified (ERROR)**',
        '- **Incomplete**: 1 read(s) failed; the checks that needed them report ERROR.',
        '## Reads that failed',
        '| kms:DescribeKey | eu-west-1 | arn:aws:kms:eu-west-1:111122223333:key/1234 | AccessDeniedException | not authorized |',
      ]),
    );
  });

  it('returns no fix section and no failed-reads section for a clean, complete scan', () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([applicationEvaluation('clean', [finding()])]),
      reportMeta(),
    );

    // Act
    const markdown = renderMarkdown(report);

    // Assess
    expect([markdown.includes('How to fix'), markdown.includes('Reads that failed')]).toEqual([false, false]);
  });

  it('returns the suggested least-privilege policy of an application, collapsed in a json block', () => {
    // Prepare
    const stream = 'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks';
    const evaluation = accountEvaluation([
      applicationEvaluation('clicks', [finding()], {
        requiredPermissions: [
          { action: 'kinesis:GetRecords', resource: stream, reason: 'reads source stream clicks' },
          { action: 'kinesis:DescribeStream', resource: stream, reason: 'reads source stream clicks' },
        ],
      }),
    ]);
    const report = buildReport(evaluation, reportMeta());

    // Act
    const markdown = renderMarkdown(report);

    // Assess
    const start = markdown.indexOf('### Suggested least-privilege policy');
    expect(markdown.slice(start)).toBe(
      [
        '### Suggested least-privilege policy',
        '',
        'What the execution role needs for the dependencies kda-auditor can see; review it before use.',
        '',
        '<details>',
        '<summary>Execution role policy (1 statement)</summary>',
        '',
        '```json',
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Sid": "KinesisStreamClicks",',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "kinesis:DescribeStream",',
        '        "kinesis:GetRecords"',
        '      ],',
        `      "Resource": "${stream}"`,
        '    }',
        '  ]',
        '}',
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('returns no suggested policy section when no policy is known for the application', () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([applicationEvaluation('clicks', [finding()])]),
      reportMeta(),
    );

    // Act
    const markdown = renderMarkdown(report);

    // Assess
    expect(markdown.includes('Suggested least-privilege policy')).toBe(false);
  });

  it('returns a note instead of tables when no application is in scope', () => {
    // Prepare
    const report = buildReport({ ...accountEvaluation([]), regions: [] }, reportMeta());

    // Act
    const markdown = renderMarkdown(report);

    // Assess
    expect(markdown).toBe(
      [
        '# kda-auditor report: account 111122223333',
        '',
        '**Account score: not scored (nothing to evaluate)**',
        '',
        '- Scan: `20261129T020000Z-0a1b2c3d` (snapshot), 2026-11-29T02:00:00.000Z to 2026-11-29T02:00:05.000Z',
        '- Regions evaluated: none',
        '- Applications: 0; findings: 0 PASS, 0 FAIL, 0 ERROR, 0 NOT_APPLICABLE, 0 MUTED',
        '- Complete: every read succeeded.',
        '',
        '## Applications',
        '',
        'No application in scope.',
        '',
      ].join('\n'),
    );
  });
});

describe('Function: renderMarkdown (time limit)', () => {
  it('returns the applications not reached, with the scan whose verdicts it shows, and how to pick them up', () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([applicationEvaluation('orders', [finding()])]),
      reportMeta({
        complete: false,
        notReached: {
          reason: 'TIME_LIMIT',
          reads: 4,
          regions: [],
          applications: [
            {
              applicationArn: applicationArn('orders'),
              applicationName: 'orders',
              region: 'eu-west-1',
              judgedIn: 'scan-1',
            },
            { applicationArn: applicationArn('fresh'), applicationName: 'fresh', region: 'eu-west-1' },
          ],
        },
      }),
    );

    // Act
    const markdown = renderMarkdown(report).split('\n');

    // Assess
    expect(markdown).toEqual(
      expect.arrayContaining([
        '- **Incomplete**: the time limit left 2 application(s) not reached (not judged by this scan; the next scan reads them first).',
        '## Not reached (time limit)',
        'The scan stopped starting reads at its time limit (4 read(s) not started). These applications were not judged by it; the next scan reads them first, and the scan function\'s payload `{"continuation": true}` scans them now.',
        '| orders | eu-west-1 | from scan scan-1 |',
        '| fresh | eu-west-1 | none yet |',
      ]),
    );
    expect(markdown).not.toContain('## Reads that failed');
  });
});
