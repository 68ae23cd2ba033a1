import { describe, expect, it } from 'vitest';
import { dependencyGraphSvg, dependencyList } from '../../../shared/report/html/dependency-graph-svg.js';
import type { ReportApplication } from '../../../shared/report/types.js';
import { applicationArn } from '../../support/audit-builders.js';
import {
  elementTexts,
  graphNode,
  htmlReport,
  KEY_ARN,
  ROLE_ARN,
  STREAM_ARN,
  tagAttributes,
} from '../../support/html-report-fixtures.js';

function orders(): ReportApplication {
  const application = htmlReport().applications.find((candidate) => candidate.applicationName === 'orders');
  if (!application) throw new Error('htmlReport() lost its orders application');
  return application;
}

describe('Function: dependencyGraphSvg', () => {
  it('returns the nodes in columns by kind, with only the columns that hold a node', () => {
    // Act
    const svg = String(dependencyGraphSvg(orders(), 0));

    // Assess
    const boxes = tagAttributes(svg, 'rect').map((box) => [box.x, box.y, box['stroke-dasharray']]);
    expect(boxes).toEqual([
      ['8', '40', 'none'],
      ['244', '40', 'none'],
      ['480', '40', 'none'],
      ['716', '40', '6 4'],
    ]);
    expect(elementTexts(svg, 'text').slice(0, 4)).toEqual(['Application', 'Role', 'Sources', 'Keys']);
    expect(tagAttributes(svg, 'svg')[0]).toEqual({
      class: 'dependency-graph',
      role: 'img',
      'aria-label': 'Dependency graph of orders: 4 resources (3 present, 1 unreadable), 3 uses',
      viewBox: '0 0 904 92',
      width: '904',
      height: '92',
    });
  });

  it('returns missing and unreadable nodes dashed, saying so in words, with the ARN in their hover title', () => {
    // Act
    const svg = String(dependencyGraphSvg(orders(), 0));

    // Assess
    const nodes = tagAttributes(svg, 'g').filter((group) => group.class?.startsWith('node'));
    expect(nodes.map((node) => [node['data-kind'], node['data-state']])).toEqual([
      ['application', 'present'],
      ['iam-role', 'present'],
      ['kinesis-stream', 'present'],
      ['kms-key', 'unreadable'],
    ]);
    expect(elementTexts(svg, 'text').slice(-2)).toEqual(['KMS key · unreadable', 'key/1111aaaa']);
    expect(elementTexts(svg, 'title').at(-1)).toBe(
      `key/1111aaaa (KMS key, unreadable) ${KEY_ARN} Learnt from: resource`,
    );
  });

  it('returns one titled edge per use, routed between the boxes, with a marker id unique to the graph', () => {
    // Act
    const svg = String(dependencyGraphSvg(orders(), 3));

    // Assess
    const edges = tagAttributes(svg, 'path').filter((path) => path.class === 'edge');
    expect(edges.map((edge) => [edge.d, edge['marker-end']])).toEqual([
      ['M188 62H244', 'url(#arrow-3)'],
      ['M188 62H204.8V33H463.2V62H480', 'url(#arrow-3)'],
      ['M660 62H716', 'url(#arrow-3)'],
    ]);
    expect(elementTexts(svg, 'title').filter((title) => title.includes(' uses '))).toEqual([
      'orders uses orders-role as execution-role',
      'orders uses orders-in as source',
      'orders-in uses key/1111aaaa as encryption-key',
    ]);
    expect(tagAttributes(svg, 'marker').map((marker) => marker.id)).toEqual(['arrow-3']);
  });

  it('returns streams written to in the sinks column and long names shortened', () => {
    // Prepare
    const app = applicationArn('orders');
    const sink = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders-out-with-a-very-long-name';
    const application: ReportApplication = {
      ...orders(),
      dependencyGraph: {
        nodes: [
          graphNode({ arn: app, kind: 'application', name: 'orders' }),
          graphNode({
            arn: sink,
            kind: 'kinesis-stream',
            name: 'orders-out-with-a-very-long-name',
            state: 'missing',
          }),
        ],
        edges: [{ from: app, to: sink, relation: 'sink' }],
      },
    };

    // Act
    const svg = String(dependencyGraphSvg(application, 0));

    // Assess
    expect(elementTexts(svg, 'text')).toEqual([
      'Application',
      'Sinks',
      'Application',
      'orders',
      'Kinesis stream · missing',
      'orders-out-with-a-very-…',
    ]);
  });
});

describe('Function: dependencyList', () => {
  it('returns one item per use, naming the target ARN and its state when not present', () => {
    // Act
    const list = String(dependencyList(orders()));

    // Assess
    expect(elementTexts(list, 'li')).toEqual([
      `orders → execution-role → ${ROLE_ARN}`,
      `orders → source → ${STREAM_ARN}`,
      `orders-in → encryption-key → ${KEY_ARN} (unreadable)`,
    ]);
  });
});
