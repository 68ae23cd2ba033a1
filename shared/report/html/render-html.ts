import type { AuditReport } from '../types.js';
import { accountSection } from './account-summary.js';
import { applicationCards, dependencySections } from './application-cards.js';
import { FILTER_SCRIPT } from './filter-script.js';
import { findingsSection } from './findings-table.js';
import { html, trusted } from './markup.js';
import {
  collectionErrorsSection,
  notReachedSection,
  resolvedSection,
  suppressionsSection,
} from './scan-notes.js';
import { STYLE_SHEET } from './styles.js';

/**
 * The report's Content Security Policy: nothing may load from anywhere, so the file works offline,
 * from S3 or an email attachment, and a hostile string that slipped past escaping could fetch nothing.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/**
 * Renders the report as one self-contained HTML page (report.html): inline CSS, script and SVG, no
 * external request. Every report value is escaped. Past ~8,000 applications the page is longer
 * than V8's longest string: write htmlChunks instead.
 */
export function renderHtml(report: AuditReport): string {
  return [...htmlChunks(report)].join('');
}

/**
 * The same page in pieces: the head, then each section, the long ones (cards, dependencies,
 * findings) one application at a time; joined, they are renderHtml's page byte for byte.
 */
export function* htmlChunks(report: AuditReport): Generator<string> {
  const withDependencies = report.applications.length > 0;
  const resolved = resolvedSection(report);
  const suppressions = suppressionsSection(report);
  const missed = notReachedSection(report);
  const errors = collectionErrorsSection(report);
  const links = [
    ['account-heading', 'Account'],
    ['applications-heading', 'Applications'],
    ...(withDependencies ? [['dependencies-heading', 'Dependencies']] : []),
    ['findings-heading', 'Findings'],
    ...(resolved ? [['resolved-heading', 'Resolved']] : []),
    ...(suppressions ? [['suppressions-heading', 'Suppressions']] : []),
    ...(missed ? [['not-reached-heading', 'Not reached']] : []),
    ...(errors ? [['errors-heading', 'Reads that failed']] : []),
  ];
  yield html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>kda-auditor report: account ${report.accountId}, ${report.startedAt}</title>
<style>${trusted(STYLE_SHEET)}</style>
</head>
<body>
<a class="skip" href="#findings-heading">Skip to findings</a>
<header>
<h1>kda-auditor report: account ${report.accountId}</h1>
<p class="muted">Amazon Managed Service for Apache Flink applications, scan <code>${report.scanId}</code>, completed ${report.completedAt}</p>
<nav aria-label="Sections"><ul>${links.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>
</header>
<main>
${accountSection(report)}
`.toString();
  yield* applicationCards(report);
  yield '\n';
  yield* dependencySections(report);
  yield '\n';
  yield* findingsSection(report);
  yield html`
${resolved}
${suppressions}
${missed}
${errors}
</main>
<footer class="muted"><p>Report format ${report.schemaVersion}. The same report as JSON sits beside this file (report.json).</p></footer>
<script>${trusted(FILTER_SCRIPT)}</script>
</body>
</html>
`.toString();
}
