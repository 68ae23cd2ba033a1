import { incompleteReasons } from './incomplete-note.js';
import type { AuditReport, ReportSummary } from './types.js';

const HEADER = ['APPLICATION', 'REGION', 'SCORE', 'GRADE', 'CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'ERRORS'];
// Names and regions read left-aligned; numbers line up on the right.
const RIGHT_ALIGNED = new Set([2, 4, 5, 6, 7, 8]);

/**
 * The plain-text table the CLI prints on stdout: one line per application (worst first) with its
 * failures by severity and ERROR count, then the account line.
 */
export function summaryTable(report: AuditReport): string {
  const rows = report.applications.map((application) =>
    row(
      application.applicationName,
      application.region,
      application.score,
      application.grade,
      application.summary,
    ),
  );
  const plural = report.summary.applications === 1 ? '' : 's';
  const account = row(
    `ACCOUNT ${report.accountId}`,
    `${report.summary.applications} app${plural}`,
    report.score,
    report.grade,
    report.summary,
  );
  const table = [HEADER, ...rows, account];
  const widths = HEADER.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const lines = table.map((cells) =>
    cells
      .map((cell, column) =>
        RIGHT_ALIGNED.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
  const rule = '-'.repeat(Math.max(...lines.map((line) => line.length)));
  const notes = report.complete ? [] : [`Incomplete: ${incompleteReasons(report).join('; ')}.`];
  return [...lines.slice(0, -1), rule, lines.at(-1) ?? '', ...notes].join('\n');
}

function row(
  name: string,
  region: string,
  score: number | null,
  grade: string | null,
  summary: ReportSummary,
): string[] {
  const { critical, high, medium, low } = summary.failures;
  return [
    name,
    region,
    score === null ? '-' : String(score),
    grade ?? '-',
    ...[critical, high, medium, low, summary.findings.ERROR].map(String),
  ];
}
