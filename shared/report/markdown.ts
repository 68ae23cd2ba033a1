import type { Remediation } from '../checks/types.js';
import type { SuggestedPolicy } from '../permissions/suggested-policy.js';
import { accountCapReason, type CapReason, capReason } from './cap-reason.js';
import { incompleteReasons } from './incomplete-note.js';
import type { AuditReport, ReportApplication, ReportFinding } from './types.js';

/** Renders the report as Markdown (report.md): account score, a table per application, fixes, suggested policies. */
export function renderMarkdown(report: AuditReport): string {
  return [...markdownChunks(report)].join('');
}

/**
 * The same document in pieces (one application's table or section each); joined, they are
 * renderMarkdown's text byte for byte, and a writer never holds the document as one string.
 */
export function* markdownChunks(report: AuditReport): Generator<string> {
  yield header(report);
  yield* overview(report);
  for (const application of report.applications) yield `\n\n${applicationSection(application)}`;
  for (const section of [notReached(report), collectionErrors(report)]) {
    if (section !== '') yield `\n\n${section}`;
  }
  yield '\n';
}

function header(report: AuditReport): string {
  const regions = report.scope.evaluatedRegions.join(', ') || 'none';
  return [
    `# kda-auditor report: account ${report.accountId}`,
    '',
    `**Account score: ${scoreText(report.score, report.grade, accountCapReason(report))}**`,
    '',
    `- Scan: \`${report.scanId}\` (${report.source}), ${report.startedAt} to ${report.completedAt}`,
    `- Regions evaluated: ${regions}`,
    `- Applications: ${report.summary.applications}; findings: ${statusCounts(report.summary.findings)}`,
    report.complete
      ? '- Complete: every read succeeded.'
      : `- **Incomplete**: ${incompleteReasons(report).join('; ')}.`,
  ].join('\n');
}

function* overview(report: AuditReport): Generator<string> {
  if (report.applications.length === 0) {
    yield '\n\n## Applications\n\nNo application in scope.';
    return;
  }
  yield [
    '\n\n## Applications',
    '',
    '| Application | Region | Runtime | Score | Grade | Critical | High | Medium | Low | Errors |',
    '| --- | --- | --- | ---: | :---: | ---: | ---: | ---: | ---: | ---: |',
  ].join('\n');
  for (const application of report.applications) {
    const { critical, high, medium, low } = application.summary.failures;
    yield `\n${tableRow([
      application.applicationName,
      application.region,
      application.runtimeEnvironment ?? '-',
      application.score === null ? '-' : String(application.score),
      application.grade ?? '-',
      ...[critical, high, medium, low, application.summary.findings.ERROR].map(String),
    ])}`;
  }
}

function applicationSection(application: ReportApplication): string {
  const findings = application.findings.map((finding) =>
    tableRow([finding.status, finding.severity, finding.title, `\`${finding.resourceArn}\``, finding.detail]),
  );
  const failures = application.findings.filter((finding) => finding.status === 'FAIL');
  return [
    `## ${application.applicationName} (${application.region})`,
    '',
    `Score: ${scoreText(
      application.score,
      application.grade,
      application.cappedBy && capReason(application.cappedBy),
    )}  `,
    `ARN: \`${application.applicationArn}\``,
    '',
    '| Status | Severity | Check | Resource | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...findings,
    ...(failures.length ? ['', '### How to fix the failures', '', failures.map(fix).join('\n\n')] : []),
    ...(application.suggestedPolicy ? ['', suggestedPolicySection(application.suggestedPolicy)] : []),
  ].join('\n');
}

// Collapsed: a policy runs to dozens of lines and matters only to whoever fixes the role.
function suggestedPolicySection(policy: SuggestedPolicy): string {
  const statements = policy.Statement.length;
  return [
    '### Suggested least-privilege policy',
    '',
    'What the execution role needs for the dependencies kda-auditor can see; review it before use.',
    '',
    '<details>',
    `<summary>Execution role policy (${statements} statement${statements === 1 ? '' : 's'})</summary>`,
    '',
    '```json',
    JSON.stringify(policy, null, 2),
    '```',
    '',
    '</details>',
  ].join('\n');
}

function fix(finding: ReportFinding): string {
  const { remediation } = finding;
  return [
    `#### ${finding.severity.toUpperCase()}: ${finding.title} (\`${finding.checkId}\`)`,
    '',
    `Resource: \`${finding.resourceArn}\`  `,
    finding.detail,
    // Every FAIL carries its fix (schema 2.0.0 leaves it out only of PASS and NOT_APPLICABLE).
    ...(remediation ? fixSteps(remediation) : []),
  ].join('\n');
}

function fixSteps(remediation: Remediation): string[] {
  return [
    '',
    '```sh',
    remediation.cli,
    '```',
    '',
    `Console: ${remediation.console}`,
    ...(remediation.references.length ? ['', `References: ${remediation.references.join(', ')}`] : []),
  ];
}

function notReached(report: AuditReport): string {
  const missed = report.notReached;
  if (!missed) return '';
  return [
    '## Not reached (time limit)',
    '',
    `The scan stopped starting reads at its time limit (${missed.reads} read(s) not started). These applications were not judged by it; the next scan reads them first, and the scan function's payload \`{"continuation": true}\` scans them now.`,
    ...(missed.regions.length > 0
      ? ['', `Regions whose applications were not listed: ${missed.regions.join(', ')}.`]
      : []),
    '',
    '| Application | Region | Verdicts shown above |',
    '| --- | --- | --- |',
    ...missed.applications.map((application) =>
      tableRow([
        application.applicationName,
        application.region,
        application.judgedIn ? `from scan ${application.judgedIn}` : 'none yet',
      ]),
    ),
  ].join('\n');
}

function collectionErrors(report: AuditReport): string {
  if (report.collectionErrors.length === 0) return '';
  return [
    '## Reads that failed',
    '',
    'Every resource below is unknown, so the checks that need it report ERROR. Grant the auditor read access and scan again.',
    '',
    '| Operation | Region | Resource | Code | Message |',
    '| --- | --- | --- | --- | --- |',
    ...report.collectionErrors.map((error) =>
      tableRow([error.operation, error.region ?? '-', error.resource ?? '-', error.code, error.message]),
    ),
  ].join('\n');
}

function scoreText(score: number | null, grade: string | null, cap: CapReason | undefined): string {
  if (score === null) return 'not scored (nothing to evaluate)';
  return `${score}/100 (grade ${grade})${cap ? `, capped at ${cap.ceiling}: ${cap.clause}` : ''}`;
}

function statusCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
}

// A pipe or line break inside a cell would end the cell or the table.
function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}
