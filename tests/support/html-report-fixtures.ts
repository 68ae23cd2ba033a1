import type { Finding } from '../../shared/checks/types.js';
import type { DependencyEdge, DependencyNode } from '../../shared/graph/types.js';
import { buildReport } from '../../shared/report/build-report.js';
import type { AuditReport } from '../../shared/report/types.js';
import {
  ACCOUNT_ID,
  accountEvaluation,
  applicationArn,
  applicationEvaluation,
  finding,
  reportMeta,
} from './audit-builders.js';

/** Builders and readers for the HTML report tests. */

/** Text that would run script or open an element if it reached the page unescaped. */
export const HOSTILE = `<script>alert("x")</script><img src=x onerror='alert(1)'> & more`;

/** HOSTILE as the page must spell it. */
export const HOSTILE_ESCAPED =
  '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; more';

export const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/orders-role`;
export const STREAM_ARN = `arn:aws:kinesis:eu-west-1:${ACCOUNT_ID}:stream/orders-in`;
export const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`;

/** A dependency graph node, present unless told otherwise. */
export function graphNode(
  overrides: Partial<DependencyNode> & Pick<DependencyNode, 'arn' | 'kind' | 'name'>,
): DependencyNode {
  return { state: 'present', origins: ['configuration'], region: 'eu-west-1', ...overrides };
}

/** orders' graph: application → role, application → stream (source), stream → key (unreadable). */
export function ordersGraph(): { applicationArn: string; nodes: DependencyNode[]; edges: DependencyEdge[] } {
  const app = applicationArn('orders');
  return {
    applicationArn: app,
    nodes: [
      graphNode({ arn: app, kind: 'application', name: 'orders' }),
      graphNode({ arn: ROLE_ARN, kind: 'iam-role', name: 'orders-role' }),
      graphNode({ arn: STREAM_ARN, kind: 'kinesis-stream', name: 'orders-in' }),
      graphNode({
        arn: KEY_ARN,
        kind: 'kms-key',
        name: 'key/1111aaaa',
        state: 'unreadable',
        origins: ['resource'],
      }),
    ],
    edges: [
      { from: app, to: ROLE_ARN, relation: 'execution-role' },
      { from: app, to: STREAM_ARN, relation: 'source' },
      { from: STREAM_ARN, to: KEY_ARN, relation: 'encryption-key' },
    ],
  };
}

/** orders' four findings, one per status that needs a row of its own, worst first. */
export function ordersFindings(): Finding[] {
  return [
    finding({
      checkId: 'role-admin-access',
      bestPractice: 'least-privilege',
      severity: 'critical',
      status: 'FAIL',
    }),
    finding({ checkId: 'kms-key-enabled', bestPractice: 'encryption', severity: 'high', status: 'ERROR' }),
    finding({
      checkId: 'application-logging-enabled',
      bestPractice: 'operations',
      severity: 'low',
      status: 'MUTED',
      suppression: {
        ruleId: 'logs-elsewhere',
        justification: 'Logs go to the sidecar.',
        expires: '2027-01-31',
        source: 'suppressions.yaml',
        line: 4,
      },
    }),
    finding({ checkId: 'role-exists', bestPractice: 'iam-roles', severity: 'medium', status: 'PASS' }),
  ];
}

/** Two applications: orders (graph, four findings, a suggested policy) and clicks (one PASS). */
export function htmlReport(): AuditReport {
  return buildReport(
    accountEvaluation([
      applicationEvaluation('orders', ordersFindings(), {
        graph: ordersGraph(),
        requiredPermissions: [
          { action: 'kinesis:GetRecords', resource: STREAM_ARN, reason: 'source stream' },
        ],
      }),
      applicationEvaluation('clicks', [finding({ resourceArn: applicationArn('clicks') })]),
    ]),
    reportMeta(),
  );
}

/** A report whose every free-text field, name and ARN holds HOSTILE. */
export function hostileReport(): AuditReport {
  const app = applicationArn('orders');
  const hostileFinding = finding({
    status: 'FAIL',
    title: HOSTILE,
    detail: HOSTILE,
    resourceArn: HOSTILE,
    checkId: HOSTILE,
    remediation: { console: HOSTILE, cli: HOSTILE, cloudformation: HOSTILE, references: [HOSTILE] },
  });
  const muted = finding({
    status: 'MUTED',
    suppression: { ruleId: HOSTILE, justification: HOSTILE, expires: HOSTILE, source: HOSTILE, line: 1 },
  });
  const report = buildReport(
    accountEvaluation([
      applicationEvaluation('orders', [hostileFinding, muted], {
        applicationName: HOSTILE,
        runtimeEnvironment: HOSTILE,
        graph: {
          applicationArn: app,
          nodes: [
            graphNode({ arn: app, kind: 'application', name: HOSTILE }),
            graphNode({ arn: HOSTILE, kind: 'kinesis-stream', name: HOSTILE, state: 'missing' }),
          ],
          edges: [{ from: app, to: HOSTILE, relation: 'source' }],
        },
      }),
    ]),
    reportMeta({
      scanId: HOSTILE,
      complete: false,
      collectionErrors: [
        { operation: HOSTILE, resource: HOSTILE, region: HOSTILE, code: HOSTILE, message: HOSTILE },
      ],
    }),
  );
  return {
    ...report,
    changes: {
      previousScanId: HOSTILE,
      previousCompletedAt: HOSTILE,
      counts: { new: 1, persisting: 0, regressed: 0, resolved: 1 },
      resolved: [
        {
          fingerprint: HOSTILE,
          checkId: HOSTILE,
          severity: 'high',
          title: HOSTILE,
          resourceArn: HOSTILE,
          applicationArn: app,
          applicationName: HOSTILE,
          region: HOSTILE,
        },
      ],
    },
    suppressions: {
      source: HOSTILE,
      rules: 1,
      applied: 1,
      expired: [{ ruleId: HOSTILE, line: 2, expires: HOSTILE, justification: HOSTILE }],
    },
  };
}

/** The attributes of every opening tag `name` in the page, in document order. */
export function tagAttributes(page: string, name: string): Record<string, string>[] {
  const tags = page.match(new RegExp(`<${name}(?=[\\s>])[^>]*>`, 'g')) ?? [];
  return tags.map((tag) =>
    Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((match) => [match[1], match[2]])),
  );
}

/** The text between `<name …>` and `</name>` of each such element (not nested in itself). */
export function elementTexts(page: string, name: string): string[] {
  return [...page.matchAll(new RegExp(`<${name}(?=[\\s>])[^>]*>([\\s\\S]*?)</${name}>`, 'g'))].map((match) =>
    (match[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
