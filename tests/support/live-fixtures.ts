import type { DependencyEdge, DependencyNode } from '../../shared/graph/types.js';
import type { CloudTrailChangeEvent } from '../../shared/live/types.js';
import type { AuditReport, ReportApplication } from '../../shared/report/types.js';

/** The account every live fixture belongs to. */
export const LIVE_ACCOUNT = '111122223333';

/** An application's ARN in the live fixtures' account. */
export function liveApplicationArn(name: string, region = 'eu-west-1'): string {
  return `arn:aws:kinesisanalytics:${region}:${LIVE_ACCOUNT}:application/${name}`;
}

/** A dependency-graph node of the given kind, present. */
export function graphNode(arn: string, kind: DependencyNode['kind'], name: string): DependencyNode {
  return { arn, kind, name, state: 'present', origins: ['configuration'] };
}

/** A report application with the given dependency graph (nothing else matters to the index). */
export function reportApplication(
  name: string,
  region: string,
  nodes: DependencyNode[],
  edges: DependencyEdge[] = [],
): ReportApplication {
  const arn = liveApplicationArn(name, region);
  return {
    applicationArn: arn,
    applicationName: name,
    region,
    runtimeEnvironment: 'FLINK-1_20',
    score: 100,
    grade: 'A',
    summary: {
      findings: { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, MUTED: 0 },
      failures: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    },
    dependencyGraph: { nodes: [graphNode(arn, 'application', name), ...nodes], edges },
    findings: [],
  };
}

/** A report of the live fixtures' account holding the given applications. */
export function liveReport(applications: ReportApplication[]): AuditReport {
  return {
    schemaVersion: '2.0.0',
    scanId: 'scan-20261129T020000Z-0001',
    accountId: LIVE_ACCOUNT,
    partition: 'aws',
    startedAt: '2026-11-29T02:00:00.000Z',
    completedAt: '2026-11-29T02:00:05.000Z',
    complete: true,
    source: 'live',
    scope: { regions: 'all', applications: 'all', evaluatedRegions: ['eu-west-1', 'us-east-1'] },
    score: 100,
    grade: 'A',
    summary: {
      findings: { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, MUTED: 0 },
      failures: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      applications: applications.length,
    },
    applications,
    collectionErrors: [],
  };
}

/** An "AWS API Call via CloudTrail" event as EventBridge delivers it. */
export function changeEvent(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown>,
  overrides: Partial<CloudTrailChangeEvent> = {},
): CloudTrailChangeEvent {
  const region = overrides.region ?? 'eu-west-1';
  return {
    version: '0',
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${eventSource.split('.')[0]}`,
    account: LIVE_ACCOUNT,
    region,
    detail: { eventSource, eventName, awsRegion: region, requestParameters, responseElements: null },
    ...overrides,
  };
}
