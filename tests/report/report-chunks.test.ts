import { beforeAll, describe, expect, it } from 'vitest';
import { generateAccount } from '../../sandbox/generator/generate-account.js';
import { runAudit } from '../../shared/audit.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { buildReport } from '../../shared/report/build-report.js';
import { htmlChunks, renderHtml } from '../../shared/report/html/render-html.js';
import { markdownChunks, renderMarkdown } from '../../shared/report/markdown.js';
import type { AuditReport } from '../../shared/report/types.js';
import { accountEvaluation, reportMeta } from '../support/audit-builders.js';

const reports: Record<string, AuditReport> = {};

function occurrences(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

// The pieces are what the S3 writer streams; renderHtml/renderMarkdown what the tests and the CLI read.
describe('Renderers in pieces: htmlChunks and markdownChunks', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    reports.demo = (await runAudit({}, { kind: 'snapshot', snapshot: demoAccount })).report;
    const generated = generateAccount({ applications: 60, regions: 3, seed: 11 });
    reports.generated = (await runAudit({}, { kind: 'snapshot', snapshot: generated })).report;
    reports.empty = buildReport(accountEvaluation([]), reportMeta());
  });

  it.each(['demo', 'generated', 'empty'])(
    'joins into the whole page and document of the %s account',
    (name) => {
      // Prepare
      const report = reports[name] as AuditReport;

      // Act
      const html = [...htmlChunks(report)];
      const markdown = [...markdownChunks(report)];

      // Assess
      expect(html.join('')).toBe(renderHtml(report));
      expect(markdown.join('')).toBe(renderMarkdown(report));
      expect(html.join('')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    },
  );

  it('gives each application its own HTML pieces: card, filter option, dependencies, finding rows', () => {
    // Prepare
    const report = reports.generated as AuditReport;

    // Act
    const chunks = [...htmlChunks(report)];

    // Assess
    const perApplication = [/<li class="card"/g, /<option value="arn:/g, /<article id=/g];
    for (const pattern of perApplication) {
      const holding = chunks.filter((chunk) => occurrences(chunk, pattern) > 0);
      expect([holding.length, Math.max(...holding.map((chunk) => occurrences(chunk, pattern)))]).toEqual([
        60, 1,
      ]);
    }
    const rows = chunks.filter((chunk) => chunk.startsWith('<tr data-severity'));
    expect(
      rows.map((chunk) => new Set([...chunk.matchAll(/data-application="([^"]+)"/g)].map((m) => m[1])).size),
    ).toEqual(report.applications.filter((application) => application.findings.length > 0).map(() => 1));
  });

  it('gives each application its own Markdown pieces: overview row and section', () => {
    // Prepare
    const report = reports.generated as AuditReport;

    // Act
    const chunks = [...markdownChunks(report)];

    // Assess
    for (const application of report.applications) {
      const heading = `\n\n## ${application.applicationName} (${application.region})\n`;
      const row = `\n| ${application.applicationName} | ${application.region} |`;
      expect(
        chunks.filter((chunk) => chunk.includes(heading)).map((chunk) => chunk.startsWith(heading)),
      ).toEqual([true]);
      expect(chunks.filter((chunk) => chunk.startsWith(row))).toHaveLength(1);
    }
  });
});
