import { BEST_PRACTICES, type BestPractice, type Check, type CheckMetadata } from './types.js';

const HEADINGS: Record<BestPractice, string> = {
  'least-privilege': 'Least privilege of the service execution role',
  'iam-roles': 'IAM roles, never stored credentials',
  encryption: 'Server-side encryption of dependent resources',
  cloudtrail: 'CloudTrail monitoring',
  operations: 'Operations (beyond the four best practices)',
};

/**
 * Renders the check catalog (docs/checks.md) from the checks' own metadata, so the documentation
 * cannot drift from what the code decides. `npm run docs:checks` writes it; a test compares.
 */
export function renderCheckCatalog(checks: readonly Check[]): string {
  const lines = [
    '# Check catalog',
    '',
    "<!-- Generated from the checks' metadata by `npm run docs:checks`; do not edit by hand. -->",
    '',
    'Every check judges one application together with what it depends on (see',
    '[the dependency graph](dependency-graph.md)) and gives one finding per resource it judges:',
    '',
    '- **PASS**: the best practice is proven to hold.',
    '- **FAIL**: it is proven not to hold.',
    '- **ERROR**: kda-auditor could not decide (the resource or a setting could not be read). Unknown is',
    '  never compliant: an ERROR is never counted as a pass (see [scoring](scoring.md)). An application',
    '  whose configuration could not be described gets ERROR from every check. An ERROR carries the',
    '  severity of the worst FAIL its check can give ("up to critical" below): it may hide that failure.',
    '- **NOT_APPLICABLE**: the application has nothing this check judges.',
    '',
    '| Id | Best practice | Severity | Title |',
    '| --- | --- | --- | --- |',
    ...checks.map(
      ({ metadata: m }) =>
        `| [\`${m.id}\`](#${m.id}) | ${m.bestPractice} | ${severityText(m)} | ${m.title} |`,
    ),
    '',
  ];
  for (const practice of BEST_PRACTICES) {
    const group = checks.filter((check) => check.metadata.bestPractice === practice);
    if (group.length === 0) continue;
    lines.push(`## ${HEADINGS[practice]}`, '');
    for (const { metadata: m } of group) {
      lines.push(
        `### ${m.id}`,
        '',
        `**${m.title}**. Best practice: \`${m.bestPractice}\`. Severity: **${severityText(m)}**.`,
        '',
        m.description,
        '',
        `**Logic.** ${m.logic}`,
        '',
        `**Risk.** ${m.risk}`,
        '',
        '**Remediation.**',
        '',
        `- Console: ${m.remediation.console}`,
        '- AWS CLI:',
        '',
        '  ```sh',
        ...m.remediation.cli.split('\n').map((line) => `  ${line}`),
        '  ```',
        '',
        '- CloudFormation:',
        '',
        '  ```yaml',
        ...m.remediation.cloudformation.split('\n').map((line) => `  ${line}`),
        '  ```',
        '',
        ...(m.remediation.references.length
          ? [`References: ${m.remediation.references.map((url) => `<${url}>`).join(', ')}`, '']
          : []),
      );
    }
  }
  return `${lines
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd()}\n`;
}

function severityText(metadata: CheckMetadata): string {
  return metadata.escalatesTo ? `${metadata.severity}, up to ${metadata.escalatesTo}` : metadata.severity;
}
