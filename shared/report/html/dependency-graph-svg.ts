import type { DependencyEdge, DependencyKind, DependencyNode, DependencyState } from '../../graph/types.js';
import type { ReportApplication } from '../types.js';
import { html, type Markup } from './markup.js';

/** Columns, left to right: what runs, as whom, what it reads, writes, stores, encrypts with, logs to. */
const COLUMNS = [
  { id: 'application', label: 'Application' },
  { id: 'role', label: 'Role' },
  { id: 'sources', label: 'Sources' },
  { id: 'sinks', label: 'Sinks' },
  { id: 'buckets', label: 'Buckets' },
  { id: 'keys', label: 'Keys' },
  { id: 'logs', label: 'Logs' },
  { id: 'network', label: 'Network, catalog' },
] as const;
type ColumnId = (typeof COLUMNS)[number]['id'];

const KIND_LABELS = {
  application: 'Application',
  'iam-role': 'IAM role',
  'kinesis-stream': 'Kinesis stream',
  'firehose-delivery-stream': 'Firehose stream',
  's3-bucket': 'S3 bucket',
  'kms-key': 'KMS key',
  'log-group': 'Log group',
  'lambda-function': 'Lambda function',
  'glue-database': 'Glue database',
  vpc: 'VPC',
} as const satisfies Record<DependencyKind, string>;

// Missing and unreadable nodes are drawn dashed and say so in words: colour alone is not enough.
const STATE_STYLES = {
  present: { fill: '#eef3fb', stroke: '#1d4f91', dash: '', note: '' },
  missing: { fill: '#fbeeee', stroke: '#9b1c1c', dash: '6 4', note: 'missing' },
  unreadable: { fill: '#f3eefa', stroke: '#5b2d91', dash: '6 4', note: 'unreadable' },
  external: { fill: '#f4f5f7', stroke: '#4a4a4a', dash: '2 3', note: 'other account' },
  'not-collected': { fill: '#f4f5f7', stroke: '#4a4a4a', dash: '2 3', note: 'not read' },
} as const satisfies Record<DependencyState, { fill: string; stroke: string; dash: string; note: string }>;

const BOX = {
  width: 180,
  height: 44,
  columnGap: 56,
  rowGap: 14,
  top: 40,
  margin: 8,
  nameLength: 24,
} as const;

interface Placed {
  node: DependencyNode;
  x: number;
  y: number;
}

/**
 * The application's dependency graph as an SVG picture: nodes in columns by kind, edges as curves,
 * each with a hover title; `index` keeps marker ids unique in the page.
 */
export function dependencyGraphSvg(application: ReportApplication, index: number): Markup {
  const { nodes, edges } = application.dependencyGraph;
  const columns = COLUMNS.map((column) => ({
    ...column,
    nodes: nodes.filter((node) => columnOf(node, edges) === column.id),
  })).filter((column) => column.nodes.length > 0);
  const placed = new Map<string, Placed>();
  columns.forEach((column, position) => {
    column.nodes.forEach((node, row) => {
      const x = BOX.margin + position * (BOX.width + BOX.columnGap);
      placed.set(node.arn, { node, x, y: BOX.top + row * (BOX.height + BOX.rowGap) });
    });
  });
  const width = Math.max(1, columns.length) * (BOX.width + BOX.columnGap) - BOX.columnGap + 2 * BOX.margin;
  const tallest = Math.max(1, ...columns.map((column) => column.nodes.length));
  const height = BOX.top + tallest * (BOX.height + BOX.rowGap) - BOX.rowGap + BOX.margin;
  const marker = `arrow-${index}`;
  const counts = Object.entries(countStates(nodes))
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');
  return html`<svg class="dependency-graph" role="img" aria-label="Dependency graph of ${application.applicationName}: ${nodes.length} resources (${counts}), ${edges.length} uses" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<defs><marker id="${marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#4a4a4a"></path></marker></defs>
${columns.map((column, position) => html`<text x="${BOX.margin + position * (BOX.width + BOX.columnGap)}" y="18" fill="#4a4a4a" font-weight="600">${column.label}</text>`)}
${edges.map((edge) => edgePath(edge, placed, marker))}
${[...placed.values()].map(nodeBox)}
</svg>`;
}

/** The graph as a list, for screen readers and for copying ARNs. */
export function dependencyList(application: ReportApplication): Markup {
  const { nodes, edges } = application.dependencyGraph;
  const byArn = new Map(nodes.map((node) => [node.arn, node]));
  return html`<ul>${edges.map((edge) => {
    const target = byArn.get(edge.to);
    const state = target && target.state !== 'present' ? ` (${STATE_STYLES[target.state].note})` : '';
    return html`<li>${byArn.get(edge.from)?.name ?? edge.from} → ${edge.relation} → <code>${edge.to}</code>${state}</li>`;
  })}</ul>`;
}

function columnOf(node: DependencyNode, edges: readonly DependencyEdge[]): ColumnId {
  const relations = new Set(edges.filter((edge) => edge.to === node.arn).map((edge) => edge.relation));
  switch (node.kind) {
    case 'application':
      return 'application';
    case 'iam-role':
      return 'role';
    case 'kinesis-stream':
    case 'firehose-delivery-stream':
      return relations.has('sink') ? 'sinks' : 'sources';
    case 'lambda-function':
      return 'sinks';
    case 's3-bucket':
      return 'buckets';
    case 'kms-key':
      return 'keys';
    case 'log-group':
      return 'logs';
    default:
      return 'network';
  }
}

function nodeBox({ node, x, y }: Placed): Markup {
  const style = STATE_STYLES[node.state];
  const kind = KIND_LABELS[node.kind] + (style.note ? ` · ${style.note}` : '');
  const name = node.name.length > BOX.nameLength ? `${node.name.slice(0, BOX.nameLength - 1)}…` : node.name;
  return html`<g class="node state-${node.state}" data-kind="${node.kind}" data-state="${node.state}">
<title>${node.name} (${KIND_LABELS[node.kind]}, ${node.state})
${node.arn}
Learnt from: ${node.origins.join(', ')}</title>
<rect x="${x}" y="${y}" width="${BOX.width}" height="${BOX.height}" rx="6" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5" stroke-dasharray="${style.dash || 'none'}"></rect>
<text x="${x + 8}" y="${y + 17}" fill="#4a4a4a">${kind}</text>
<text x="${x + 8}" y="${y + 34}" fill="#1a1a1a" font-weight="600">${name}</text>
</g>`;
}

/**
 * Routes an edge through the gaps between columns and the channels between rows, never across a
 * box: otherwise a line from the application to a far column would seem to join every box on the way.
 */
function edgePath(edge: DependencyEdge, placed: Map<string, Placed>, marker: string): Markup | undefined {
  const from = placed.get(edge.from);
  const to = placed.get(edge.to);
  if (!from || !to) return undefined;
  const fromY = from.y + BOX.height / 2;
  const toY = to.y + BOX.height / 2;
  const exitX = from.x + BOX.width + BOX.columnGap * 0.3;
  const channelY = to.y - BOX.rowGap / 2;
  const forward = to.x > from.x;
  const entryX = forward ? to.x - BOX.columnGap * 0.3 : to.x + BOX.width + BOX.columnGap * 0.6;
  const endX = forward ? to.x : to.x + BOX.width;
  const d =
    forward && to.y === from.y && to.x === from.x + BOX.width + BOX.columnGap
      ? `M${from.x + BOX.width} ${fromY}H${endX}`
      : `M${from.x + BOX.width} ${fromY}H${exitX}V${channelY}H${entryX}V${toY}H${endX}`;
  return html`<path class="edge" d="${d}" fill="none" stroke="#6b6f76" stroke-width="1.5" marker-end="url(#${marker})"><title>${from.node.name} uses ${to.node.name} as ${edge.relation}</title></path>`;
}

function countStates(nodes: readonly DependencyNode[]): Partial<Record<DependencyState, number>> {
  const counts: Partial<Record<DependencyState, number>> = {};
  for (const node of nodes) counts[node.state] = (counts[node.state] ?? 0) + 1;
  return counts;
}
