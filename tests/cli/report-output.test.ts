import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeLocalReport } from '../../cli/report-output.js';
import { buildReport } from '../../shared/report/build-report.js';
import { renderHtml } from '../../shared/report/html/render-html.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import { renderMarkdownSummary } from '../../shared/report/markdown-summary.js';
import { accountEvaluation, applicationEvaluation, finding, reportMeta } from '../support/audit-builders.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'kda-report-output-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('Function: writeLocalReport', () => {
  it('writes report.json, report.md, report.html and summary.md into a new directory and returns their paths', async () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([applicationEvaluation('orders', [finding({ status: 'FAIL' })])]),
      reportMeta(),
    );
    const out = join(directory, 'nested', 'out');

    // Act
    const files = await writeLocalReport(out, report);

    // Assess
    expect(files).toEqual({
      json: join(out, 'report.json'),
      markdown: join(out, 'report.md'),
      html: join(out, 'report.html'),
      summary: join(out, 'summary.md'),
    });
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json', 'report.md', 'summary.md']);
    expect([
      readFileSync(files.json, 'utf8'),
      readFileSync(files.markdown, 'utf8'),
      readFileSync(files.html, 'utf8'),
      readFileSync(files.summary, 'utf8'),
    ]).toEqual([
      `${JSON.stringify(report, null, 2)}\n`,
      renderMarkdown(report),
      renderHtml(report),
      renderMarkdownSummary(report),
    ]);
  });
});
