import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SEVERITIES, type Severity } from '../shared/checks/types.js';
import { reportJsonChunks } from '../shared/publish/report-json.js';
import { htmlChunks } from '../shared/report/html/render-html.js';
import { markdownChunks } from '../shared/report/markdown.js';
import { renderMarkdownSummary } from '../shared/report/markdown-summary.js';
import { summaryTable } from '../shared/report/summary-table.js';
import type { AuditReport } from '../shared/report/types.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** The report files `--out DIR` produces. */
export interface LocalReport {
  json: string;
  markdown: string;
  html: string;
  /** A short Markdown summary for an email, a ticket or a pull request comment. */
  summary: string;
}

/**
 * Writes DIR/report.json, DIR/report.md, DIR/report.html and DIR/summary.md, creating DIR when needed, and each
 * application's suggested policy under DIR/policies (see writeSuggestedPolicies).
 */
export async function writeLocalReport(directory: string, report: AuditReport): Promise<LocalReport> {
  await mkdir(directory, { recursive: true });
  const files = {
    json: join(directory, 'report.json'),
    markdown: join(directory, 'report.md'),
    html: join(directory, 'report.html'),
    summary: join(directory, 'summary.md'),
  };
  // Written piece by piece: a large account's report is longer than the longest string V8 holds.
  await writeFile(files.json, endingWithNewline(reportJsonChunks(report)));
  await writeFile(files.markdown, markdownChunks(report));
  await writeFile(files.html, htmlChunks(report));
  await writeFile(files.summary, renderMarkdownSummary(report));
  await writeSuggestedPolicies(directory, report);
  return files;
}

function* endingWithNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield '\n';
}

/**
 * Writes each application's suggested policy to DIR/policies/<application>.json, ready for
 * `aws iam put-role-policy --policy-document file://…`; returns the files written. A name found in
 * several regions gets the region too (<application>.<region>.json), so no file is overwritten.
 */
export async function writeSuggestedPolicies(directory: string, report: AuditReport): Promise<string[]> {
  const withPolicy = report.applications.filter((application) => application.suggestedPolicy);
  if (withPolicy.length === 0) return [];
  const folder = join(directory, 'policies');
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const { applicationName, region, suggestedPolicy } of withPolicy) {
    const shared = withPolicy.filter((other) => other.applicationName === applicationName).length > 1;
    // Application names are [A-Za-z0-9_.-]+, so they are safe file names as they are.
    const file = join(folder, shared ? `${applicationName}.${region}.json` : `${applicationName}.json`);
    await writeFile(file, `${JSON.stringify(suggestedPolicy, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

/** FAIL findings of a severity or worse, across every application. */
export function failuresAtOrAbove(report: AuditReport, threshold: Severity): number {
  const worst = SEVERITIES.slice(0, SEVERITIES.indexOf(threshold) + 1);
  return worst.reduce((total, severity) => total + report.summary.failures[severity], 0);
}

/**
 * Prints the summary table and where the report went on stdout, and turns --fail-on into the
 * exit status: 1 when a failure at or above it exists, else 0.
 */
export function presentReport(
  io: CliIo,
  report: AuditReport,
  options: { written?: readonly string[]; failOn?: Severity },
): ExitCode {
  io.stdout.write(`${summaryTable(report)}\n`);
  for (const place of options.written ?? []) io.stdout.write(`Report: ${displayPath(io, place)}\n`);
  if (!options.failOn) return EXIT_CODES.ok;
  const failures = failuresAtOrAbove(report, options.failOn);
  if (failures === 0) return EXIT_CODES.ok;
  io.stderr.write(
    `${failures} check(s) failed at severity ${options.failOn} or worse (--fail-on ${options.failOn}).\n`,
  );
  return EXIT_CODES.findingsAtThreshold;
}

/** A path as the user would type it from where they are; S3 URIs unchanged. */
export function displayPath(io: CliIo, place: string): string {
  if (place.startsWith('s3://')) return place;
  const shown = relative(io.cwd, place);
  return shown && !shown.startsWith('..') ? shown : place;
}
