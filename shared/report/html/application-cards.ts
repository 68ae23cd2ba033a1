import { SEVERITIES } from '../../checks/types.js';
import { capReason } from '../cap-reason.js';
import type { AuditReport, ReportApplication } from '../types.js';
import { applicationAnchor, dependencyAnchor, policyAnchor } from './anchors.js';
import { sparkline } from './charts.js';
import { dependencyGraphSvg, dependencyList } from './dependency-graph-svg.js';
import { html, type Markup } from './markup.js';
import { capSentence, scoreBadge } from './score-text.js';

/**
 * One card per application, worst first: score, grade, cap, counts, changes and the trend. Yields
 * the section piece by piece (one card each) so a writer never holds the page as one string.
 */
export function* applicationCards(report: AuditReport): Generator<string> {
  const heading =
    '<section aria-labelledby="applications-heading">\n<h2 id="applications-heading">Applications</h2>\n';
  if (report.applications.length === 0) {
    yield `${heading}<p>No application in scope.</p>\n</section>`;
    return;
  }
  yield `${heading}<ul class="cards">`;
  for (const [position, application] of report.applications.entries()) {
    yield card(report, application, position).toString();
  }
  yield '</ul>\n</section>';
}

function card(report: AuditReport, application: ReportApplication, position: number): Markup {
  const { failures, findings } = application.summary;
  const trend = sparkline(application.trend, `Score trend of ${application.applicationName}`);
  return html`<li class="card" id="${applicationAnchor(position)}">
<h3>${application.applicationName}</h3>
<p class="muted">${application.region} · ${application.runtimeEnvironment ?? 'runtime unknown'}</p>
<div class="card-score"><p>${scoreBadge(application.score, application.grade)}</p>${trend}</div>
${application.cappedBy && html`<p>${capSentence(capReason(application.cappedBy))}</p>`}
<p>Failing: ${SEVERITIES.map((severity) => html`<span class="badge severity-${severity}">${failures[severity]} ${severity}</span> `)}</p>
<p>${findings.ERROR} unverified (ERROR), ${findings.MUTED} muted</p>
${report.changes && html`<p>Since last scan: ${changeCounts(report, application)}</p>`}
<p><a href="#${dependencyAnchor(position)}">Dependencies${application.suggestedPolicy ? ' and suggested policy' : ''}</a></p>
</li>`;
}

function changeCounts(report: AuditReport, application: ReportApplication): string {
  const count = (change: string) =>
    application.findings.filter((finding) => finding.change === change).length;
  const resolved = (report.changes?.resolved ?? []).filter(
    (finding) => finding.applicationArn === application.applicationArn,
  ).length;
  return `${count('NEW')} new, ${count('REGRESSED')} regressed, ${count('PERSISTING')} persisting, ${resolved} resolved`;
}

/**
 * Per application: its dependency graph as a picture and as a list, and its suggested role policy.
 * Yields nothing without applications, else the section piece by piece (one application each).
 */
export function* dependencySections(report: AuditReport): Generator<string> {
  if (report.applications.length === 0) return;
  yield `<section class="dependencies" aria-labelledby="dependencies-heading">
<h2 id="dependencies-heading">Dependencies</h2>
<p>Dashed boxes are resources the scan found missing or could not read: checks on them report FAIL or ERROR. Hover a box or a line for its ARN and how it is used.</p>
`;
  for (const [position, application] of report.applications.entries()) {
    yield dependencyArticle(application, position).toString();
  }
  yield '\n</section>';
}

function dependencyArticle(application: ReportApplication, position: number): Markup {
  return html`<article id="${dependencyAnchor(position)}" aria-labelledby="${dependencyAnchor(position)}-heading">
<h3 id="${dependencyAnchor(position)}-heading">${application.applicationName} <span class="muted">(${application.region})</span></h3>
${
  application.dependencyGraph.nodes.length === 0
    ? html`<p>The report holds no dependency graph for this application.</p>`
    : html`<figure class="graph">${dependencyGraphSvg(application, position)}</figure>
<details><summary>Dependencies as a list (${application.dependencyGraph.edges.length})</summary>${dependencyList(application)}</details>`
}
${
  application.suggestedPolicy &&
  html`<details id="${policyAnchor(position)}"><summary>Suggested least-privilege policy (${application.suggestedPolicy.Statement.length} statements): review before use</summary>
<pre><code>${JSON.stringify(application.suggestedPolicy, null, 2)}</code></pre></details>`
}
</article>`;
}
