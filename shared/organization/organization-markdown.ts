import type { Severity } from '../checks/types.js';
import type { OrganizationReport } from './types.js';

/** The organisation report as Markdown: totals, accounts worst first, worst applications, failures. */
export function renderOrganizationMarkdown(report: OrganizationReport): string {
  const { totals } = report;
  const lines = [
    `# kda-auditor organisation report ${cell(report.organizationId ?? '')}`.trimEnd(),
    '',
    `Scan ${cell(report.orgScanId)}, ${report.startedAt} to ${report.completedAt}.` +
      (report.complete ? '' : ' **Incomplete**: some targets failed or could not be read in full.'),
    '',
    `**Organisation score: ${scoreCell(report.score, report.grade)}**`,
    '',
    '| Accounts listed | Scanned | Partly scanned | Failed | Skipped | Targets scanned | Applications | New failing findings |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${totals.accounts.listed} | ${totals.accounts.scanned} | ${totals.accounts.partial} | ${totals.accounts.failed} | ${totals.accounts.skipped} | ${totals.targets.scanned} of ${totals.targets.total} | ${totals.applications} | ${severityText(totals.newFindings)} |`,
    '',
    '## Accounts (worst first)',
    '',
    '| Account | Name | Status | Score | Applications | Failures | Errors | New | Regions |',
    '| --- | --- | --- | --- | ---: | --- | ---: | --- | --- |',
    ...report.accounts.map(
      (account) =>
        `| ${account.accountId} | ${cell(account.accountName ?? '')} | ${account.status} | ${scoreCell(account.score, account.grade)} | ${account.applications} | ${severityText(account.failures)} | ${account.errors} | ${severityText(account.newFindings)} | ${account.regions
          .map(
            (region) =>
              `${region.region} ${region.status === 'failed' ? 'failed' : scoreCell(region.score, region.grade)}`,
          )
          .join(', ')} |`,
    ),
    '',
    '## Worst applications',
    '',
    ...(report.worstApplications.length === 0
      ? ['No application was scanned.']
      : [
          '| Application | Account | Region | Score |',
          '| --- | --- | --- | --- |',
          ...report.worstApplications.map(
            (application) =>
              `| ${cell(application.applicationName)} | ${application.accountId} | ${application.region} | ${scoreCell(application.score, application.grade)} |`,
          ),
        ]),
    ...(report.failedTargets.length === 0
      ? []
      : [
          '',
          '## Targets not scanned',
          '',
          '| Account | Region | Error | Reason |',
          '| --- | --- | --- | --- |',
          ...report.failedTargets.map(
            (target) =>
              `| ${target.accountId ?? 'unknown'} | ${target.region ?? 'unknown'} | ${cell(target.errorName)} | ${cell(target.reason)} |`,
          ),
        ]),
    ...(report.skipped.length === 0
      ? []
      : [
          '',
          '## Accounts skipped',
          '',
          ...report.skipped.map(
            (account) =>
              `- ${account.accountId}${account.accountName ? ` (${cell(account.accountName)})` : ''}: ${cell(account.reason)}`,
          ),
        ]),
    ...(report.mapError
      ? ['', `The map run failed: ${cell(report.mapError.error)}, ${cell(report.mapError.cause)}`]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

function scoreCell(score: number | null, grade: string | null): string {
  return score === null ? 'not scored' : `${score} (${grade})`;
}

function severityText(counts: Record<Severity, number>): string {
  const listed = Object.entries(counts).filter(([, count]) => count > 0);
  return listed.length === 0 ? '0' : listed.map(([severity, count]) => `${count} ${severity}`).join(', ');
}

// Names and reasons come from other accounts: keep them from breaking the table or adding markup.
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[|\\`*_<>[\]]/g, (character) => `\\${character}`);
}
