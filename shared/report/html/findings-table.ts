import { BEST_PRACTICES, SEVERITIES, STATUSES } from '../../checks/types.js';
import type { AuditReport, ReportApplication, ReportFinding } from '../types.js';
import { policyAnchor } from './anchors.js';
import { html, type Markup, trusted } from './markup.js';
import { BEST_PRACTICE_LABELS } from './styles.js';

/** The filter controls: each names the data attribute of the rows it matches. */
export const FINDING_FILTERS = [
  { name: 'severity', label: 'Severity', options: SEVERITIES.map((value) => ({ value, label: value })) },
  {
    name: 'bestPractice',
    label: 'Best practice',
    options: BEST_PRACTICES.map((value) => ({ value, label: BEST_PRACTICE_LABELS[value] })),
  },
  { name: 'status', label: 'Status', options: STATUSES.map((value) => ({ value, label: value })) },
] as const;

/**
 * Every finding of every application in one table, with filters that hide rows by data attribute.
 * Yields the section piece by piece (the rows of one application each), never as one string.
 */
export function* findingsSection(report: AuditReport): Generator<string> {
  const count = report.applications.reduce((total, application) => total + application.findings.length, 0);
  yield html`<section aria-labelledby="findings-heading">
<h2 id="findings-heading">Findings</h2>
<form id="finding-filters" class="filters" role="search" aria-label="Filter findings" hidden>
${FINDING_FILTERS.map((filter) => html`${filterOpening(filter.name, filter.label)}${filter.options.map(filterOption)}${FILTER_CLOSING}`)}${filterOpening('application', 'Application')}`.toString();
  // The application filter has an option per application: one piece each, like the rows.
  for (const application of report.applications) {
    yield filterOption({
      value: application.applicationArn,
      label: `${application.applicationName} (${application.region})`,
    }).toString();
  }
  yield html`${FILTER_CLOSING}
<button type="reset">Show all</button>
</form>
<p id="finding-count" aria-live="polite">Showing ${count} of ${count} findings</p>
<p id="findings-empty" hidden>No finding matches these filters.</p>
<table id="findings" class="findings stack">
<caption class="muted">Worst application first; within one, failures first.</caption>
<colgroup><col class="c-status"><col class="c-severity"><col class="c-application"><col></colgroup>
<thead><tr><th scope="col">Status</th><th scope="col">Severity</th><th scope="col">Application</th><th scope="col">Finding</th></tr></thead>
<tbody>
`.toString();
  for (const [position, application] of report.applications.entries()) {
    yield html`${application.findings.map((finding) => findingRow(application, position, finding))}`.toString();
  }
  yield '\n</tbody>\n</table>\n</section>';
}

const FILTER_CLOSING = trusted('\n</select></label>');

function filterOpening(name: string, label: string): Markup {
  return html`<label>${label}
<select name="${name}" id="filter-${name}">
<option value="">All</option>
`;
}

function filterOption(option: { value: string; label: string }): Markup {
  return html`<option value="${option.value}">${option.label}</option>`;
}

function findingRow(application: ReportApplication, position: number, finding: ReportFinding): Markup {
  return html`<tr data-severity="${finding.severity}" data-best-practice="${finding.bestPractice}" data-status="${finding.status}" data-application="${application.applicationArn}" data-fingerprint="${finding.fingerprint}">
<td data-label="Status"><span class="badge status-${finding.status}">${finding.status}</span>${finding.change && html` <span class="badge change">${finding.change}</span>`}</td>
<td data-label="Severity"><span class="badge severity-${finding.severity}">${finding.severity}</span></td>
<td data-label="Application">${application.applicationName}<br><span class="muted">${application.region}</span></td>
<td>
<strong>${finding.title}</strong> <span class="muted">(<code>${finding.checkId}</code>, ${BEST_PRACTICE_LABELS[finding.bestPractice]})</span>
<div>${finding.detail}</div>
<div class="muted">Resource: <code>${finding.resourceArn}</code></div>
${finding.suppression && suppressionNote(finding)}
${remediation(finding, application, position)}
</td>
</tr>`;
}

function suppressionNote(finding: ReportFinding): Markup | undefined {
  const rule = finding.suppression;
  if (!rule) return undefined;
  return html`<p class="suppression">Muted by rule <code>${rule.ruleId}</code> (${rule.source}, line ${rule.line}) until ${rule.expires}: ${rule.justification}</p>`;
}

function remediation(
  finding: ReportFinding,
  application: ReportApplication,
  position: number,
): Markup | undefined {
  const { remediation: fix } = finding;
  // Absent only where no action is needed: PASS and NOT_APPLICABLE (report schema 2.0.0).
  if (!fix) return undefined;
  // A least-privilege fix is the suggested policy: point to it rather than repeat it on every row.
  const policy = finding.bestPractice === 'least-privilege' && application.suggestedPolicy;
  return html`<details><summary>How to fix: console, CLI, CloudFormation</summary>
<p class="fix-label">Console</p><p>${fix.console}</p>
<p class="fix-label">CLI</p><pre><code>${fix.cli}</code></pre>
<p class="fix-label">CloudFormation</p><pre><code>${fix.cloudformation}</code></pre>
${fix.references.length > 0 && html`<p class="fix-label">References</p><ul>${fix.references.map((reference) => html`<li><code>${reference}</code></li>`)}</ul>`}
${policy && html`<p><a href="#${policyAnchor(position)}">Suggested least-privilege policy for ${application.applicationName}</a></p>`}
</details>`;
}
