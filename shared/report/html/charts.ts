import { SEVERITIES, type Severity } from '../../checks/types.js';
import type { TrendPoint } from '../types.js';
import { html, type Markup } from './markup.js';
import { SEVERITY_COLOURS } from './styles.js';

const BAR = { label: 70, track: 260, count: 40, height: 22, gap: 8 } as const;

/** A horizontal bar per severity: how many checks FAIL at it; labelled with numbers, not colour alone. */
export function severityChart(failures: Record<Severity, number>, id: string): Markup {
  const largest = Math.max(1, ...SEVERITIES.map((severity) => failures[severity]));
  const width = BAR.label + BAR.track + BAR.count;
  const height = SEVERITIES.length * (BAR.height + BAR.gap);
  const total = SEVERITIES.reduce((sum, severity) => sum + failures[severity], 0);
  const description = SEVERITIES.map((severity) => `${failures[severity]} ${severity}`).join(', ');
  const bars = SEVERITIES.map((severity, row) => {
    const count = failures[severity];
    const y = row * (BAR.height + BAR.gap);
    // A zero keeps a sliver of a bar, so the row still reads as a bar chart row.
    const length = count === 0 ? 2 : Math.max(4, Math.round((count / largest) * BAR.track));
    return html`<g class="bar" data-severity="${severity}">
<title>${count} failing ${severity} finding${count === 1 ? '' : 's'}</title>
<text x="0" y="${y + 16}" fill="#1a1a1a" font-size="13">${severity}</text>
<rect x="${BAR.label}" y="${y}" width="${length}" height="${BAR.height}" rx="3" fill="${SEVERITY_COLOURS[severity]}"></rect>
<text x="${BAR.label + length + 6}" y="${y + 16}" fill="#1a1a1a" font-size="13">${count}</text>
</g>`;
  });
  return html`<figure class="chart">
<svg id="${id}" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<title id="${id}-title">Failing findings by severity: ${description}</title>
${bars}
</svg>
<figcaption>${total} failing finding${total === 1 ? '' : 's'} by severity</figcaption>
</figure>`;
}

const SPARK = { width: 160, height: 40, pad: 4 } as const;

/**
 * A score trend line over 0–100, oldest left; unscored scans break the line. Undefined for fewer
 * than two points: one point is no trend.
 */
export function sparkline(trend: readonly TrendPoint[] | undefined, label: string): Markup | undefined {
  if (!trend || trend.length < 2) return undefined;
  const step = (SPARK.width - 2 * SPARK.pad) / (trend.length - 1);
  const x = (position: number) => round(SPARK.pad + position * step);
  const y = (score: number) => round(SPARK.pad + ((100 - score) / 100) * (SPARK.height - 2 * SPARK.pad));
  const runs: string[][] = [[]];
  trend.forEach((point, position) => {
    if (point.score === null) runs.push([]);
    else runs.at(-1)?.push(`${x(position)},${y(point.score)}`);
  });
  const lines = runs
    .filter((run) => run.length > 1)
    .map(
      (run) =>
        html`<polyline points="${run.join(' ')}" fill="none" stroke="#0b57d0" stroke-width="2"></polyline>`,
    );
  const dots = trend.map((point, position) =>
    point.score === null
      ? undefined
      : html`<circle cx="${x(position)}" cy="${y(point.score)}" r="2.5" fill="#0b57d0"><title>${point.completedAt}: ${point.score}</title></circle>`,
  );
  const scores = trend.map((point) => (point.score === null ? 'not scored' : String(point.score))).join(', ');
  return html`<svg class="sparkline" role="img" aria-label="${label}: ${scores} (oldest first)" viewBox="0 0 ${SPARK.width} ${SPARK.height}" width="${SPARK.width}" height="${SPARK.height}">
<line x1="0" y1="${SPARK.height - 1}" x2="${SPARK.width}" y2="${SPARK.height - 1}" stroke="#c8ccd2"></line>
${lines}${dots}
</svg>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
