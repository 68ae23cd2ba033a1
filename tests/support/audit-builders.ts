import type { Check, Finding, Severity } from '../../shared/checks/types.js';
import type { AccountEvaluation, ApplicationEvaluation } from '../../shared/evaluate/evaluate-account.js';
import type { ReportMeta } from '../../shared/report/types.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';

/** Builders for findings, evaluations and report metadata used by the score/report/alert tests. */

export const ACCOUNT_ID = '111122223333';

/** The ARN of a test application in eu-west-1. */
export function applicationArn(name: string, region = 'eu-west-1'): string {
  return `arn:aws:kinesisanalytics:${region}:${ACCOUNT_ID}:application/${name}`;
}

/** A finding with readable defaults: a high-severity PASS on a test application. */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    checkId: 'test-check',
    bestPractice: 'encryption',
    severity: 'high',
    status: 'PASS',
    resourceArn: applicationArn('orders'),
    title: 'Test check',
    detail: 'orders is fine.',
    remediation: {
      console: 'Open the console and fix it.',
      cli: 'aws kinesisanalyticsv2 update-application --application-name orders',
      cloudformation: 'Set the property.',
      references: ['https://docs.aws.amazon.com/managed-flink/latest/java/security.html'],
    },
    ...overrides,
  };
}

/** `count` findings of one status and severity. */
export function findings(count: number, overrides: Partial<Finding>): Finding[] {
  return Array.from({ length: count }, () => finding(overrides));
}

/** One application's evaluation with an empty dependency graph. */
export function applicationEvaluation(
  name: string,
  appFindings: Finding[],
  overrides: Partial<ApplicationEvaluation> = {},
): ApplicationEvaluation {
  const region = overrides.region ?? 'eu-west-1';
  const arn = applicationArn(name, region);
  return {
    applicationArn: arn,
    applicationName: name,
    region,
    runtimeEnvironment: 'FLINK-1_20',
    graph: { applicationArn: arn, nodes: [], edges: [] },
    findings: appFindings,
    ...overrides,
  };
}

/** An account evaluation over the given applications. */
export function accountEvaluation(applications: ApplicationEvaluation[]): AccountEvaluation {
  return { accountId: ACCOUNT_ID, partition: 'aws', regions: ['eu-west-1'], applications };
}

/** Report metadata for a complete snapshot scan of everything. */
export function reportMeta(overrides: Partial<ReportMeta> = {}): ReportMeta {
  return {
    scanId: '20261129T020000Z-0a1b2c3d',
    startedAt: new Date('2026-11-29T02:00:00Z'),
    completedAt: new Date('2026-11-29T02:00:05Z'),
    complete: true,
    source: 'snapshot',
    scope: {},
    collectionErrors: [],
    ...overrides,
  };
}

/** A snapshot with two bare applications in eu-west-1 and one in us-east-1. */
export function auditSnapshot(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  const application = (name: string, region = 'eu-west-1') => ({
    ApplicationARN: applicationArn(name, region),
    ApplicationName: name,
    RuntimeEnvironment: 'FLINK-1_20',
  });
  return {
    snapshotVersion: 1,
    accountId: ACCOUNT_ID,
    partition: 'aws',
    regions: {
      'eu-west-1': { applications: [application('orders'), application('clicks')] },
      'us-east-1': { applications: [application('billing', 'us-east-1')] },
    },
    ...overrides,
  };
}

/** A check that FAILs the named applications at a severity and passes every other one. */
export function failingCheck(severity: Severity, failing: readonly string[]): Check {
  return {
    metadata: {
      id: `fails-${severity}`,
      title: `Fails at ${severity}`,
      bestPractice: 'encryption',
      severity,
      description: 'A test check.',
      logic: 'FAIL for the named applications, PASS otherwise.',
      risk: 'None.',
      remediation: finding().remediation,
    },
    evaluate: ({ application }) => [
      {
        status: failing.includes(application.ApplicationName) ? 'FAIL' : 'PASS',
        resourceArn: application.ApplicationARN,
        detail: `${application.ApplicationName} was judged.`,
      },
    ],
  };
}
