import { SEVERITIES } from '../checks/types.js';
import { incompleteReasons } from './incomplete-note.js';
import type { AuditReport, ReportApplication, ReportFinding } from './types.js';

// A summary is pasted into an email, a ticket or a pull request comment: short, worst first.
const MAX_FINDINGS = 10;

/**
 * A short Markdown summary of a report: the account's score, what changed since the previous
 * scan, every application's score, and the most severe failures that need action (new and
 * regressed first). Quotes only the checks' (masked) details.
 */
export function renderMarkdownSummary(report: AuditReport, options: { reportLink?: string } = {}): string {
  const lines = [
    `### kda-auditor: account ${report.accountId} scores ${score(report.score, report.grade)}`,
    '',
    `Scan \`${report.scanId}\` (${report.completedAt}): ${report.summary.applications} application(s), ` +
      `${report.summary.findings.FAIL} failing, ${report.summary.findings.ERROR} unverified, ` +
      `${report.summary.findings.MUTED} muted.${report.complete ? '' : ` **Incomplete:** ${incompleteReasons(report).join('; ')}.`}`,
  ];
  if (report.changes) {
    const { counts } = report.changes;
    lines.push(
      '',
      `Since \`${report.changes.previousScanId}\`: ${counts.new} new, ${counts.regressed} regressed, ` +
        `${counts.persisting} persisting, ${counts.resolved} resolved.`,
    );
  }
  lines.push('', '| Application | Region | Score | Failing (critical/high) |', '| --- | --- | --- | --- |');
  for (const application of report.applications) lines.push(applicationRow(application));

  const failures = report.applications
    .flatMap((application) =>
      application.findings
        .filter((finding) => finding.status === 'FAIL')
        .map((finding) => ({ application, finding })),
    )
    .sort((a, b) => urgency(a.finding) - urgency(b.finding));
  if (failures.length > 0) {
    lines.push(
      '',
      `**Needs action** (${Math.min(failures.length, MAX_FINDINGS)} of ${failures.length}):`,
      '',
    );
    for (const { application, finding } of failures.slice(0, MAX_FINDINGS)) {
      const change = finding.change && finding.change !== 'PERSISTING' ? ` **${finding.change}**` : '';
      lines.push(
        `- \`${finding.severity}\`${change} ${application.applicationName}: ${finding.title} — ${oneLine(finding.detail)}`,
      );
    }
  }
  if (options.reportLink) lines.push('', `Full report: ${options.reportLink}`);
  return `${lines.join('\n')}\n`;
}

function applicationRow(application: ReportApplication): string {
  const { critical, high } = application.summary.failures;
  const cells = [
    application.applicationName,
    application.region,
    score(application.score, application.grade),
    `${critical}/${high}`,
  ];
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

// New and regressed failures first, then by severity.
function urgency(finding: ReportFinding): number {
  const fresh = finding.change === 'NEW' || finding.change === 'REGRESSED' ? 0 : 1;
  return fresh * SEVERITIES.length + SEVERITIES.indexOf(finding.severity);
}

function score(value: number | null, grade: string | null): string {
  return value === null ? 'n/a' : `${value}/100 (${grade})`;
}

// A detail may span lines or be long; a list item holds one short line.
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}
