import { SEVERITIES } from '../../checks/types.js';
import type { AuditReport, ReportApplication } from '../types.js';
import { applicationAnchor, dependencyAnchor, policyAnchor } from './anchors.js';
import { sparkline } from './charts.js';
import { dependencyGraphSvg, dependencyList } from './dependency-graph-svg.js';
import { html, type Markup } from './markup.js';
import { CAP_REASONS, scoreBadge } from './score-text.js';

/** One card per application, worst first: score, grade, cap, counts, changes and the trend. */
export function applicationCards(report: AuditReport): Markup {
  const cards =
    report.applications.length === 0
      ? html`<p>No application in scope.</p>`
      : html`<ul class="cards">${report.applications.map((application, position) => card(report, application, position))}</ul>`;
  return html`<section aria-labelledby="applications-heading">
<h2 id="applications-heading">Applications</h2>
${cards}
</section>`;
}

function card(report: AuditReport, application: ReportApplication, position: number): Markup {
  const { failures, findings } = application.summary;
  const trend = sparkline(application.trend, `Score trend of ${application.applicationName}`);
  return html`<li class="card" id="${applicationAnchor(position)}">
<h3>${application.applicationName}</h3>
<p class="muted">${application.region} · ${application.runtimeEnvironment ?? 'runtime unknown'}</p>
<div class="card-score"><p>${scoreBadge(application.score, application.grade)}</p>${trend}</div>
${application.cappedBy && html`<p>${CAP_REASONS[application.cappedBy]}</p>`}
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

/** Per application: its dependency graph as a picture and as a list, and its suggested role policy. */
export function dependencySections(report: AuditReport): Markup | undefined {
  if (report.applications.length === 0) return undefined;
  return html`<section class="dependencies" aria-labelledby="dependencies-heading">
<h2 id="dependencies-heading">Dependencies</h2>
<p>Dashed boxes are resources the scan found missing or could not read: checks on them report FAIL or ERROR. Hover a box or a line for its ARN and how it is used.</p>
${report.applications.map(
  (
    application,
    position,
  ) => html`<article id="${dependencyAnchor(position)}" aria-labelledby="${dependencyAnchor(position)}-heading">
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
</article>`,
)}
</section>`;
}
