import { accountCapReason } from '../cap-reason.js';
import { incompleteReasons } from '../incomplete-note.js';
import type { AuditReport } from '../types.js';
import { severityChart } from './charts.js';
import { html, type Markup } from './markup.js';
import { capSentence, scoreBadge } from './score-text.js';

/** The account's score and grade, the scan's facts, what changed since the last scan and the chart. */
export function accountSection(report: AuditReport): Markup {
  const { findings } = report.summary;
  const regions = report.scope.evaluatedRegions.join(', ') || 'none';
  const cap = accountCapReason(report);
  return html`<section aria-labelledby="account-heading">
<h2 id="account-heading">Account ${report.accountId}</h2>
<div class="account">
<div>
<p>${scoreBadge(report.score, report.grade)}</p>
${cap && html`<p>${capSentence(cap)}</p>`}
<p>${
    report.complete
      ? 'Complete: every read succeeded.'
      : html`<strong>Incomplete:</strong> ${incompleteReasons(report).join('; ')}${report.collectionErrors.length > 0 ? html` (see <a href="#errors-heading">Reads that failed</a>)` : ''}.`
  }</p>
</div>
<div>
<dl class="facts">
<dt>Scan</dt><dd><code>${report.scanId}</code> (${report.source})</dd>
<dt>Ran</dt><dd>${report.startedAt} to ${report.completedAt}</dd>
<dt>Regions</dt><dd>${regions}</dd>
<dt>Applications</dt><dd>${report.summary.applications}</dd>
<dt>Findings</dt><dd>${findings.FAIL} FAIL, ${findings.ERROR} ERROR, ${findings.MUTED} MUTED, ${findings.PASS} PASS, ${findings.NOT_APPLICABLE} not applicable</dd>
${
  report.changes &&
  html`<dt>Since last scan</dt><dd>${report.changes.counts.new} new, ${report.changes.counts.regressed} regressed, ${report.changes.counts.persisting} persisting, ${report.changes.counts.resolved} resolved (compared with <code>${report.changes.previousScanId}</code> of ${report.changes.previousCompletedAt})</dd>`
}
</dl>
${severityChart(report.summary.failures, 'severity-chart')}
</div>
</div>
</section>`;
}
