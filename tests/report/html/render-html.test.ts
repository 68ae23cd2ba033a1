import { describe, expect, it } from 'vitest';
import { REPORT_CSP, renderHtml } from '../../../shared/report/html/render-html.js';
import type { AuditReport } from '../../../shared/report/types.js';
import { applicationArn } from '../../support/audit-builders.js';
import {
  elementTexts,
  HOSTILE,
  HOSTILE_ESCAPED,
  hostileReport,
  htmlReport,
  tagAttributes,
} from '../../support/html-report-fixtures.js';

const ORDERS = applicationArn('orders');
const CLICKS = applicationArn('clicks');

/** The heading levels in document order. */
function headingLevels(page: string): number[] {
  return [...page.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}

/** htmlReport with a previous scan to compare with and a suppression file. */
function reportWithHistory(): AuditReport {
  const report = htmlReport();
  const [orders, clicks] = report.applications;
  if (!orders || !clicks) throw new Error('htmlReport() lost an application');
  return {
    ...report,
    applications: [
      {
        ...orders,
        trend: [
          { scanId: 'scan-0', completedAt: '2026-11-28T02:00:05.000Z', score: 60 },
          { scanId: 'scan-1', completedAt: '2026-11-29T02:00:05.000Z', score: orders.score },
        ],
        findings: orders.findings.map((finding) =>
          finding.status === 'FAIL' ? { ...finding, change: 'REGRESSED' as const } : finding,
        ),
      },
      { ...clicks, trend: [{ scanId: 'scan-1', completedAt: '2026-11-29T02:00:05.000Z', score: 100 }] },
    ],
    changes: {
      previousScanId: 'scan-0',
      previousCompletedAt: '2026-11-28T02:00:05.000Z',
      counts: { new: 0, persisting: 0, regressed: 1, resolved: 1 },
      resolved: [
        {
          fingerprint: 'f00d',
          checkId: 'kinesis-stream-encrypted',
          severity: 'high',
          title: 'Streams are encrypted',
          resourceArn: 'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks-in',
          applicationArn: CLICKS,
          applicationName: 'clicks',
          region: 'eu-west-1',
        },
      ],
    },
    suppressions: {
      source: 's3://audit/suppressions.yaml',
      rules: 2,
      applied: 1,
      expired: [{ ruleId: 'old-rule', line: 9, expires: '2026-10-01', justification: 'Migration done.' }],
    },
  };
}

describe('Function: renderHtml', () => {
  it('returns one page with a strict CSP, a viewport, landmarks and headings that skip no level', () => {
    // Act
    const page = renderHtml(htmlReport());

    // Assess
    expect(REPORT_CSP).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
    );
    expect(tagAttributes(page, 'meta')).toEqual([
      { charset: 'utf-8' },
      { 'http-equiv': 'Content-Security-Policy', content: REPORT_CSP.replaceAll("'", '&#39;') },
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      { name: 'referrer', content: 'no-referrer' },
    ]);
    expect(tagAttributes(page, 'html')).toEqual([{ lang: 'en' }]);
    expect(['header', 'nav', 'main', 'footer'].map((name) => tagAttributes(page, name).length)).toEqual([
      1, 1, 1, 1,
    ]);
    expect(headingLevels(page)).toEqual([1, 2, 2, 3, 3, 2, 3, 3, 2]);
    expect(elementTexts(page, 'h2')).toEqual([
      'Account 111122223333',
      'Applications',
      'Dependencies',
      'Findings',
    ]);
  });

  it('returns a page that loads nothing: no src, no link outside the page, no @import or url() but markers', () => {
    // Act
    const page = renderHtml(reportWithHistory());

    // Assess
    expect(page).not.toMatch(/\ssrc\s*=/i);
    expect(page).not.toMatch(/@import/i);
    expect(page).not.toMatch(/<link[\s>]/i);
    expect(page).not.toMatch(/https?:\/\/[^\s<"]*"\s*>/i);
    expect(tagAttributes(page, 'a').every((link) => link.href?.startsWith('#'))).toBe(true);
    expect([...page.matchAll(/url\(([^)]*)\)/g)].map((match) => match[1])).toEqual([
      '#arrow-0',
      '#arrow-0',
      '#arrow-0',
    ]);
    expect(tagAttributes(page, 'script')).toEqual([{}]);
  });

  it('returns every report string escaped, so hostile names and details stay text', () => {
    // Act
    const page = renderHtml(hostileReport());

    // Assess
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<img');
    expect(page.match(/<script/g)).toEqual(['<script']);
    expect(page).toContain(`<h3>${HOSTILE_ESCAPED}</h3>`);
    expect(page).toContain(`<div>${HOSTILE_ESCAPED}</div>`);
    expect(page).toContain(`<pre><code>${HOSTILE_ESCAPED}</code></pre>`);
    expect(page).toContain(`data-fingerprint="${HOSTILE_ESCAPED}"`);
    expect(page.split(HOSTILE_ESCAPED).length - 1).toBeGreaterThanOrEqual(30);
  });

  it('returns a row per finding carrying the severity, best practice, status and application the filters match', () => {
    // Act
    const page = renderHtml(htmlReport());

    // Assess
    const rows = tagAttributes(page, 'tr').filter((row) => row['data-status']);
    expect(
      rows.map((row) => [
        row['data-severity'],
        row['data-best-practice'],
        row['data-status'],
        row['data-application'],
      ]),
    ).toEqual([
      ['critical', 'least-privilege', 'FAIL', ORDERS],
      ['high', 'encryption', 'ERROR', ORDERS],
      ['low', 'operations', 'MUTED', ORDERS],
      ['medium', 'iam-roles', 'PASS', ORDERS],
      ['high', 'encryption', 'PASS', CLICKS],
    ]);
    expect(tagAttributes(page, 'select')).toEqual([
      { name: 'severity', id: 'filter-severity' },
      { name: 'bestPractice', id: 'filter-bestPractice' },
      { name: 'status', id: 'filter-status' },
      { name: 'application', id: 'filter-application' },
    ]);
    expect(tagAttributes(page, 'option').map((option) => option.value)).toEqual([
      ...['', 'critical', 'high', 'medium', 'low', 'info'],
      ...['', 'least-privilege', 'iam-roles', 'encryption', 'cloudtrail', 'operations'],
      ...['', 'PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE', 'MUTED'],
      ...['', ORDERS, CLICKS],
    ]);
    expect(elementTexts(page, 'p').filter((text) => text.startsWith('Showing'))).toEqual([
      'Showing 5 of 5 findings',
    ]);
  });

  it('returns a fix for FAIL, ERROR and MUTED findings only, the least-privilege one pointing to the suggested policy', () => {
    // Act
    const page = renderHtml(htmlReport());

    // Assess
    expect(elementTexts(page, 'summary')).toEqual([
      'Dependencies as a list (3)',
      'Suggested least-privilege policy (1 statements): review before use',
      'How to fix: console, CLI, CloudFormation',
      'How to fix: console, CLI, CloudFormation',
      'How to fix: console, CLI, CloudFormation',
    ]);
    expect(tagAttributes(page, 'a').filter((link) => link.href === '#policy-0')).toHaveLength(1);
    expect(tagAttributes(page, 'details').map((details) => details.id)).toEqual([
      undefined,
      'policy-0',
      undefined,
      undefined,
      undefined,
    ]);
    expect(page).toContain('&quot;Action&quot;: [\n        &quot;kinesis:GetRecords&quot;\n      ]');
  });

  it('returns each MUTED finding with the rule that muted it and its justification', () => {
    // Act
    const page = renderHtml(htmlReport());

    // Assess
    expect(elementTexts(page, 'p').filter((text) => text.startsWith('Muted by'))).toEqual([
      'Muted by rule logs-elsewhere (suppressions.yaml, line 4) until 2027-01-31: Logs go to the sidecar.',
    ]);
  });

  it('returns a score card per application with score, grade, cap and counts, and no change or trend without history', () => {
    // Act
    const page = renderHtml(htmlReport());

    // Assess
    const cards = elementTexts(page, 'li').filter((text) => text.includes('/100'));
    expect(cards).toEqual([
      'orders eu-west-1 · FLINK-1_20 17/100 grade F Failing: 1 critical 0 high 0 medium 0 low 0 info 1 unverified (ERROR), 1 muted Dependencies and suggested policy',
      'clicks eu-west-1 · FLINK-1_20 100/100 grade A Failing: 0 critical 0 high 0 medium 0 low 0 info 0 unverified (ERROR), 0 muted Dependencies',
    ]);
    expect(tagAttributes(page, 'svg').map((svg) => svg.class ?? svg.id)).toEqual([
      'severity-chart',
      'dependency-graph',
    ]);
  });

  it('returns change counts, a sparkline for two or more points, resolved findings and suppressions with history', () => {
    // Act
    const page = renderHtml(reportWithHistory());

    // Assess
    expect(elementTexts(page, 'dd').filter((text) => text.includes('resolved'))).toEqual([
      '0 new, 1 regressed, 0 persisting, 1 resolved (compared with scan-0 of 2026-11-28T02:00:05.000Z)',
    ]);
    expect(elementTexts(page, 'p').filter((text) => text.startsWith('Since last scan'))).toEqual([
      'Since last scan: 0 new, 1 regressed, 0 persisting, 0 resolved',
      'Since last scan: 0 new, 0 regressed, 0 persisting, 1 resolved',
    ]);
    expect(tagAttributes(page, 'svg').map((svg) => svg.class ?? svg.id)).toEqual([
      'severity-chart',
      'sparkline',
      'dependency-graph',
    ]);
    expect(elementTexts(page, 'h2')).toEqual([
      'Account 111122223333',
      'Applications',
      'Dependencies',
      'Findings',
      'Resolved since the previous scan',
      'Suppressions',
    ]);
    expect(tagAttributes(page, 'tr').filter((row) => row['data-fingerprint'] === 'f00d')).toHaveLength(1);
    expect(elementTexts(page, 'li').filter((text) => text.startsWith('Rule '))).toEqual([
      'Rule old-rule (line 9) expired on 2026-10-01 and no longer applies: Migration done.',
    ]);
    expect(elementTexts(page, 'span').filter((text) => text === 'REGRESSED')).toEqual(['REGRESSED']);
  });

  it('returns the failed reads and says the scan is incomplete when collection failed', () => {
    // Prepare
    const report: AuditReport = {
      ...htmlReport(),
      complete: false,
      collectionErrors: [
        {
          operation: 'kms:DescribeKey',
          region: 'eu-west-1',
          resource: 'key/1',
          code: 'AccessDenied',
          message: 'denied',
        },
      ],
    };

    // Act
    const page = renderHtml(report);

    // Assess
    expect(elementTexts(page, 'h2').at(-1)).toBe('Reads that failed');
    expect(elementTexts(page, 'td').slice(-4)).toEqual([
      'kms:DescribeKey',
      'eu-west-1',
      'key/1',
      'AccessDenied: denied',
    ]);
    expect(elementTexts(page, 'p').filter((text) => text.startsWith('Incomplete'))).toEqual([
      'Incomplete: 1 read(s) failed; the checks that needed them report ERROR (see Reads that failed).',
    ]);
  });

  it('returns why a capped score stopped where it did, for the account and each capped application', () => {
    // Prepare
    const report = htmlReport();
    const capped: AuditReport = {
      ...report,
      cappedBy: 'error',
      applications: report.applications.map((application) => ({ ...application, cappedBy: 'high' as const })),
    };

    // Act
    const page = renderHtml(capped);

    // Assess
    expect(elementTexts(page, 'p').filter((text) => text.startsWith('Capped'))).toEqual([
      'Capped at 89: some checks could not be verified (ERROR).',
      'Capped at 70: a high-severity check fails or could not be verified.',
      'Capped at 70: a high-severity check fails or could not be verified.',
    ]);
  });

  it('returns "not scored" and no cards for an account without applications', () => {
    // Act
    const page = renderHtml({
      ...htmlReport(),
      applications: [],
      score: null,
      grade: null,
      summary: { ...htmlReport().summary, applications: 0 },
    });

    // Assess
    expect(elementTexts(page, 'h2')).toEqual(['Account 111122223333', 'Applications', 'Findings']);
    expect(elementTexts(page, 'span').filter((text) => text === 'not scored')).toEqual(['not scored']);
    expect(elementTexts(page, 'p').filter((text) => text === 'No application in scope.')).toHaveLength(1);
    expect(tagAttributes(page, 'a').map((link) => link.href)).toEqual([
      '#findings-heading',
      '#account-heading',
      '#applications-heading',
      '#findings-heading',
    ]);
  });
});

describe('Function: renderHtml (time limit)', () => {
  it('returns the applications the time limit left, with the scan whose verdicts are shown, and says why the scan is incomplete', () => {
    // Prepare
    const report: AuditReport = {
      ...htmlReport(),
      complete: false,
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 4,
        regions: ['us-east-1'],
        applications: [
          { applicationArn: ORDERS, applicationName: 'orders', region: 'eu-west-1', judgedIn: 'scan-0' },
          { applicationArn: CLICKS, applicationName: 'clicks', region: 'eu-west-1' },
        ],
      },
    };

    // Act
    const page = renderHtml(report);

    // Assess
    expect(elementTexts(page, 'h2').at(-1)).toBe('Not reached (time limit)');
    expect(elementTexts(page, 'td').slice(-6)).toEqual([
      'orders',
      'eu-west-1',
      'from scan scan-0',
      'clicks',
      'eu-west-1',
      'none yet',
    ]);
    expect(elementTexts(page, 'p').filter((text) => text.startsWith('Incomplete'))).toEqual([
      'Incomplete: the time limit left 2 application(s) not reached and us-east-1 not listed (not judged by this scan; the next scan reads them first).',
    ]);
    expect(elementTexts(page, 'p')).toContain('Regions whose applications were not listed: us-east-1.');
  });
});
