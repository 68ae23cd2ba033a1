import type { AuditReport } from '../types.js';
import { html, type Markup } from './markup.js';

/** Findings that failed in the previous scan and no longer do; absent without a previous scan. */
export function resolvedSection(report: AuditReport): Markup | undefined {
  const { changes } = report;
  if (!changes) return undefined;
  const body =
    changes.resolved.length === 0
      ? html`<p>No finding resolved since scan <code>${changes.previousScanId}</code>.</p>`
      : html`<table class="stack"><thead><tr><th scope="col">Severity</th><th scope="col">Application</th><th scope="col">Check</th><th scope="col">Resource</th></tr></thead>
<tbody>${changes.resolved.map(
          (finding) => html`<tr data-fingerprint="${finding.fingerprint}">
<td data-label="Severity"><span class="badge severity-${finding.severity}">${finding.severity}</span></td>
<td data-label="Application">${finding.applicationName} <span class="muted">(${finding.region})</span></td>
<td data-label="Check">${finding.title} <span class="muted">(<code>${finding.checkId}</code>)</span></td>
<td data-label="Resource"><code>${finding.resourceArn}</code></td>
</tr>`,
        )}</tbody></table>`;
  return html`<section aria-labelledby="resolved-heading">
<h2 id="resolved-heading">Resolved since the previous scan</h2>
${body}
</section>`;
}

/** What the suppression file did: rules read, findings muted, and rules that expired. */
export function suppressionsSection(report: AuditReport): Markup | undefined {
  const { suppressions } = report;
  if (!suppressions) return undefined;
  const expired = suppressions.expired.map(
    (rule) =>
      html`<li>Rule <code>${rule.ruleId}</code> (line ${rule.line}) expired on ${rule.expires} and no longer applies: ${rule.justification}</li>`,
  );
  return html`<section aria-labelledby="suppressions-heading">
<h2 id="suppressions-heading">Suppressions</h2>
<p>${suppressions.rules} rule(s) read from <code>${suppressions.source}</code>; ${suppressions.applied} finding(s) muted. Muted findings do not count in the score or in alerts; filter the findings by status MUTED to see each one with its justification.</p>
${expired.length > 0 && html`<p><strong>Expired rules:</strong></p><ul>${expired}</ul>`}
</section>`;
}

/** What the time limit left unjudged: each application, the scan whose verdicts are shown, how to pick them up. */
export function notReachedSection(report: AuditReport): Markup | undefined {
  const missed = report.notReached;
  if (!missed) return undefined;
  return html`<section aria-labelledby="not-reached-heading">
<h2 id="not-reached-heading">Not reached (time limit)</h2>
<p>The scan stopped starting reads at its time limit (${missed.reads} read(s) not started). These applications were not judged by it; the next scan reads them first, and the scan function's payload <code>{"continuation": true}</code> scans them now.</p>
${missed.regions.length > 0 && html`<p>Regions whose applications were not listed: ${missed.regions.join(', ')}.</p>`}
<table class="stack"><thead><tr><th scope="col">Application</th><th scope="col">Region</th><th scope="col">Verdicts shown</th></tr></thead>
<tbody>${missed.applications.map(
    (application) => html`<tr>
<td data-label="Application">${application.applicationName}</td>
<td data-label="Region">${application.region}</td>
<td data-label="Verdicts shown">${application.judgedIn ? html`from scan <code>${application.judgedIn}</code>` : 'none yet'}</td>
</tr>`,
  )}</tbody></table>
</section>`;
}

/** Reads that failed: each made something unknown, so the checks that need it report ERROR. */
export function collectionErrorsSection(report: AuditReport): Markup | undefined {
  if (report.collectionErrors.length === 0) return undefined;
  return html`<section aria-labelledby="errors-heading">
<h2 id="errors-heading">Reads that failed</h2>
<p>Every resource below is unknown, so the checks that need it report ERROR. Grant the auditor read access and scan again.</p>
<table class="stack"><thead><tr><th scope="col">Operation</th><th scope="col">Region</th><th scope="col">Resource</th><th scope="col">Error</th></tr></thead>
<tbody>${report.collectionErrors.map(
    (error) => html`<tr>
<td data-label="Operation"><code>${error.operation}</code></td>
<td data-label="Region">${error.region ?? '–'}</td>
<td data-label="Resource"><code>${error.resource ?? '–'}</code></td>
<td data-label="Error"><code>${error.code}</code>: ${error.message}</td>
</tr>`,
  )}</tbody></table>
</section>`;
}
