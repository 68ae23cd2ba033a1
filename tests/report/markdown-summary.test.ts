import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { buildReport } from '../../shared/report/build-report.js';
import { renderMarkdownSummary } from '../../shared/report/markdown-summary.js';
import { accountEvaluation, applicationEvaluation, finding, reportMeta } from '../support/audit-builders.js';

const failing = finding({
  checkId: 'stream-encrypted',
  status: 'FAIL',
  severity: 'high',
  detail: 'Stream orders-in is\nnot encrypted.',
});
const passing = finding({ checkId: 'role-trust', status: 'PASS', severity: 'critical' });

describe('Function: renderMarkdownSummary', () => {
  it('returns the score, every application and the failures that need action, on one line each', () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([
        applicationEvaluation('orders', [failing, passing]),
        applicationEvaluation('clicks', [passing]),
      ]),
      reportMeta(),
    );

    // Act
    const summary = renderMarkdownSummary(report, { reportLink: 's3://audit-reports/report.json' });

    // Assess
    expect(summary).toBe(
      [
        '### kda-auditor: account 111122223333 scores 70/100 (C)',
        '',
        'Scan `20261129T020000Z-0a1b2c3d` (2026-11-29T02:00:05.000Z): 2 application(s), 1 failing, 0 unverified, 0 muted.',
        '',
        '| Application | Region | Score | Failing (critical/high) |',
        '| --- | --- | --- | --- |',
        `| orders | eu-west-1 | ${report.applications[0]?.score}/100 (${report.applications[0]?.grade}) | 0/1 |`,
        '| clicks | eu-west-1 | 100/100 (A) | 0/0 |',
        '',
        '**Needs action** (1 of 1):',
        '',
        `- \`high\` orders: ${failing.title} — Stream orders-in is not encrypted.`,
        '',
        'Full report: s3://audit-reports/report.json',
        '',
      ].join('\n'),
    );
  });

  it('says what changed since the previous scan and marks new failures', () => {
    // Prepare
    const before = buildReport(accountEvaluation([applicationEvaluation('orders', [passing])]), reportMeta());
    const now = buildReport(accountEvaluation([applicationEvaluation('orders', [failing, passing])]), {
      ...reportMeta(),
      scanId: '20261130T020000Z-11111111',
    });

    // Act
    const summary = renderMarkdownSummary(compareWithPrevious(now, before));

    // Assess
    expect(summary).toContain(
      'Since `20261129T020000Z-0a1b2c3d`: 1 new, 0 regressed, 0 persisting, 0 resolved.',
    );
    expect(summary).toContain(`- \`high\` **NEW** orders: ${failing.title}`);
  });
});
