import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../shared/alert/alert-message.js';
import type { AlertPayload } from '../../shared/alert/alert-payload.js';
import { type AlertOptions, decideAlerts } from '../../shared/alert/decide-alerts.js';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import type { Severity } from '../../shared/checks/types.js';
import type { AuditReport } from '../../shared/report/types.js';
import { ACCOUNT_ID } from '../support/audit-builders.js';
import { arnOf, type ScanOptions, STREAM_ARN, scanReport, type Verdicts } from '../support/report-history.js';

const REPORT = `s3://audit-reports/kda/${ACCOUNT_ID}/2026/11/02/scan-2.json`;
const REMEDIATION_LINES = [
  '  Fix (console): Open the console and fix it.',
  '  Fix (CLI): aws kinesisanalyticsv2 update-application --application-name orders',
  '  Docs: https://docs.aws.amazon.com/managed-flink/latest/java/security.html',
];
const FOOTER = [
  '--',
  'kda-auditor alerts only on what changed: a finding already reported in the previous scan is not repeated.',
];

type Scan = Record<string, Verdicts> | { applications: Record<string, Verdicts>; options: ScanOptions };

/** The last of a sequence of scans, each compared with the one before it. */
function lastOf(...scans: Scan[]): AuditReport {
  let previous: AuditReport | undefined;
  scans.forEach((scan, index) => {
    const { applications, options } = 'applications' in scan ? scan : { applications: scan, options: {} };
    previous = compareWithPrevious(
      scanReport(index + 1, applications as Record<string, Verdicts>, options),
      previous,
    );
  });
  if (!previous) throw new Error('no scan given');
  return previous;
}

/** An alert with its MessageStructure json opened: the text variants and the payload. */
function opened(alert: AlertMessage | undefined) {
  const variants = JSON.parse(alert?.message ?? '{}') as Record<string, string | undefined>;
  const payload = (variant: string | undefined) => JSON.parse(variant ?? '{}') as AlertPayload;
  return {
    ...alert,
    message: {
      default: variants.default,
      email: variants.email,
      lambda: payload(variants.lambda),
      sqs: payload(variants.sqs),
      http: variants.http,
      https: variants.https,
    },
  };
}

describe('Function: decideAlerts (what triggers)', () => {
  const cases: {
    name: string;
    scans: Scan[];
    options?: AlertOptions;
    expected: [string, string, Severity][];
  }[] = [
    {
      name: 'a first scan: every FAIL at or above the threshold is new, one message per application',
      scans: [{ orders: { c1: 'FAIL', c2: 'FAIL:medium' }, clicks: { c1: 'FAIL:critical' } }],
      expected: [
        ['NEW_FINDINGS', 'clicks', 'critical'],
        ['NEW_FINDINGS', 'orders', 'high'],
      ],
    },
    {
      name: 'a first scan failing only below the threshold',
      scans: [{ orders: { c1: 'FAIL:medium' } }],
      expected: [],
    },
    {
      name: 'a lower threshold',
      scans: [{ orders: { c1: 'FAIL:medium' } }],
      options: { threshold: 'medium' },
      expected: [['NEW_FINDINGS', 'orders', 'medium']],
    },
    {
      name: 'a critical threshold and a high failure',
      scans: [{ orders: { c1: 'FAIL' } }],
      options: { threshold: 'critical' },
      expected: [],
    },
    {
      name: 'a critical ERROR in a complete scan',
      scans: [{ orders: { c1: 'ERROR:critical' } }],
      expected: [],
    },
    {
      name: 'a muted critical finding',
      scans: [{ orders: { c1: 'MUTED:critical' } }],
      expected: [],
    },
    {
      name: 'the same FAIL three scans in a row (PERSISTING never alerts)',
      scans: [
        { orders: { c1: 'FAIL', c2: 'PASS' } },
        { orders: { c1: 'FAIL', c2: 'PASS' } },
        { orders: { c1: 'FAIL', c2: 'PASS' } },
      ],
      expected: [],
    },
    {
      name: 'a FAIL that passed in the previous scan (REGRESSED), with the score drop it causes',
      scans: [
        { orders: { c1: 'PASS', c2: 'PASS', c3: 'PASS', c4: 'PASS' } },
        { orders: { c1: 'FAIL', c2: 'PASS', c3: 'PASS', c4: 'PASS' } },
      ],
      expected: [
        ['NEW_FINDINGS', 'orders', 'high'],
        ['SCORE_DROP', '*', 'high'],
        ['SCORE_DROP', 'orders', 'high'],
      ],
    },
    {
      name: 'a FAIL after a muted scan (the suppression expired)',
      scans: [{ orders: { c1: 'FAIL' } }, { orders: { c1: 'MUTED' } }, { orders: { c1: 'FAIL' } }],
      options: { scoreDrop: 100 },
      expected: [['NEW_FINDINGS', 'orders', 'high']],
    },
    {
      name: 'a score drop of 17 points from a low failure, below the threshold',
      scans: [{ orders: { c1: 'PASS', c2: 'PASS' } }, { orders: { c1: 'FAIL:low', c2: 'PASS' } }],
      expected: [
        ['SCORE_DROP', '*', 'low'],
        ['SCORE_DROP', 'orders', 'low'],
      ],
    },
    {
      name: 'a score drop smaller than scoreDrop',
      scans: [{ orders: { c1: 'PASS', c2: 'PASS' } }, { orders: { c1: 'FAIL:low', c2: 'PASS' } }],
      options: { scoreDrop: 20 },
      expected: [],
    },
    {
      name: 'a drop of one application only, the account score rising',
      scans: [
        { orders: { c1: 'PASS', c2: 'PASS' }, clicks: { c1: 'FAIL:low', c2: 'FAIL:low' } },
        { orders: { c1: 'FAIL:low', c2: 'PASS' }, clicks: { c1: 'PASS', c2: 'PASS' } },
      ],
      expected: [['SCORE_DROP', 'orders', 'low']],
    },
    {
      name: 'a high FAIL resolved',
      scans: [{ orders: { c1: 'FAIL', c2: 'PASS' } }, { orders: { c1: 'PASS', c2: 'PASS' } }],
      expected: [['RESOLVED', 'orders', 'high']],
    },
    {
      name: 'a medium FAIL resolved, below the threshold',
      scans: [{ orders: { c1: 'FAIL:medium' } }, { orders: { c1: 'PASS' } }],
      expected: [],
    },
    {
      name: 'an application deleted with its critical FAIL',
      scans: [{ orders: { c1: 'PASS' }, billing: { c1: 'FAIL:critical' } }, { orders: { c1: 'PASS' } }],
      expected: [['RESOLVED', 'billing', 'critical']],
    },
    {
      name: 'a FAIL now ERROR in an incomplete scan (unknown is not resolved)',
      scans: [
        { orders: { c1: 'FAIL', c2: 'PASS' } },
        {
          applications: { orders: { c1: 'ERROR', c2: 'PASS' } },
          options: {
            collectionErrors: [{ operation: 'iam:GetRole', code: 'AccessDenied', message: 'denied' }],
          },
        },
      ],
      expected: [['SCAN_INCOMPLETE', '*', 'high']],
    },
  ];

  it.each(cases)('returns $expected for $name', ({ scans, options, expected }) => {
    // Prepare
    const report = lastOf(...scans);

    // Act
    const alerts = decideAlerts(report, options);

    // Assess
    expect(
      alerts.map(({ attributes }) => [attributes.eventType, attributes.application, attributes.severity]),
    ).toEqual(expected);
  });
});

describe('Function: decideAlerts (messages)', () => {
  it('returns the whole NEW_FINDINGS alert: subject, attributes, text, email and payload', () => {
    // Prepare: c1 passed before (REGRESSED), c4 is new, c2 persists, c3 is below the threshold
    const report = lastOf(
      { orders: { c1: 'PASS', c2: 'FAIL', c3: 'PASS' } },
      { orders: { c1: 'FAIL:critical', c2: 'FAIL', c3: 'FAIL:medium', 'c4#stream': 'FAIL' } },
    );

    // Act
    const [alert] = decideAlerts(report, {
      reportLocation: REPORT,
      reportUrl: 'https://reports.example.com/scan-2',
    });

    // Assess
    const orders = arnOf('orders');
    const head = [
      'orders (eu-west-1): 1 new and 1 regressed failing findings of severity high or above.',
      '',
      `Account: ${ACCOUNT_ID}`,
      'Application: orders (eu-west-1), score 0/100 (grade F)',
      'Scan: scan-2',
      `Full report: ${REPORT}`,
    ];
    const facts = [
      '',
      'Compared with scan scan-1. REGRESSED: it passed, did not apply, was muted or could not be verified then.',
    ];
    const c1 = ['', '- [CRITICAL] REGRESSED Check c1', `  Resource: ${orders}`, '  Why: orders: c1 is FAIL.'];
    const c4 = ['', '- [HIGH] NEW Check c4', `  Resource: ${STREAM_ARN}`, '  Why: orders: c4 is FAIL.'];
    const payload: AlertPayload = {
      version: 1,
      eventType: 'NEW_FINDINGS',
      accountId: ACCOUNT_ID,
      severity: 'critical',
      region: 'eu-west-1',
      application: 'orders',
      applicationArn: orders,
      scanId: 'scan-2',
      score: 0,
      grade: 'F',
      summary: 'orders (eu-west-1): 1 new and 1 regressed failing findings of severity high or above.',
      reportLocation: REPORT,
      findings: [
        {
          severity: 'critical',
          checkId: 'c1',
          title: 'Check c1',
          resourceArn: orders,
          detail: 'orders: c1 is FAIL.',
          change: 'REGRESSED',
        },
        {
          severity: 'high',
          checkId: 'c4',
          title: 'Check c4',
          resourceArn: STREAM_ARN,
          detail: 'orders: c4 is FAIL.',
          change: 'NEW',
        },
      ],
      moreFindings: 0,
    };
    expect(opened(alert)).toEqual({
      subject: `kda-auditor: 2 new findings in orders (eu-west-1), account ${ACCOUNT_ID}`,
      attributes: {
        severity: 'critical',
        accountId: ACCOUNT_ID,
        region: 'eu-west-1',
        application: 'orders',
        eventType: 'NEW_FINDINGS',
      },
      message: {
        default: `${[...head, ...facts, ...c1, ...c4].join('\n')}\n`,
        email: `${[
          ...head,
          'Open the report: https://reports.example.com/scan-2',
          ...facts,
          ...c1,
          ...REMEDIATION_LINES,
          ...c4,
          ...REMEDIATION_LINES,
          '',
          ...FOOTER,
        ].join('\n')}\n`,
        lambda: payload,
        sqs: payload,
        http: JSON.stringify(payload),
        https: JSON.stringify(payload),
      },
    });
  });

  it('returns the first-scan note and NEW on every listed finding when there is no previous report', () => {
    // Prepare
    const report = lastOf({ orders: { c1: 'FAIL' } });

    // Act
    const [alert] = decideAlerts(report);

    // Assess
    const { message } = opened(alert);
    expect([
      message.default?.split('\n').slice(5, 9),
      message.lambda.findings.map((finding) => finding.change),
    ]).toEqual([
      [
        'Full report: not written (no report bucket configured)',
        '',
        'No previous report to compare with: every failing finding at the threshold is reported as new.',
        '',
      ],
      ['NEW'],
    ]);
  });

  it('returns a RESOLVED alert for a deleted application, with the score unknown and lower severities counted', () => {
    // Prepare
    const report = lastOf(
      { orders: { c1: 'PASS' }, billing: { c1: 'FAIL:critical', c2: 'FAIL:low' } },
      { orders: { c1: 'PASS' } },
    );

    // Act
    const [alert] = decideAlerts(report);

    // Assess
    const billing = arnOf('billing');
    expect([
      alert?.subject,
      opened(alert).message.lambda,
      opened(alert).message.default?.split('\n').slice(7, 11),
    ]).toEqual([
      `kda-auditor: 1 finding resolved in billing (eu-west-1), account ${ACCOUNT_ID}`,
      {
        version: 1,
        eventType: 'RESOLVED',
        accountId: ACCOUNT_ID,
        severity: 'critical',
        region: 'eu-west-1',
        application: 'billing',
        applicationArn: billing,
        scanId: 'scan-2',
        score: null,
        grade: null,
        summary: 'billing (eu-west-1): 1 finding of severity high or above resolved since scan scan-1.',
        findings: [
          {
            severity: 'critical',
            checkId: 'c1',
            title: 'Check c1',
            resourceArn: billing,
            detail: 'Failed in scan scan-1; no longer fails.',
          },
        ],
        moreFindings: 0,
      },
      [
        'Resolved: failing in the previous scan, now passing, not applicable, or its resource or application is gone.',
        'The application is no longer in the account.',
        'Also resolved, below the threshold: 1 finding.',
        '',
      ],
    ]);
  });

  it('returns an account-wide SCAN_INCOMPLETE alert listing the failed reads and the ERROR findings', () => {
    // Prepare
    const report = lastOf({
      applications: { orders: { c1: 'ERROR:critical', c2: 'PASS' } },
      options: {
        collectionErrors: [
          {
            operation: 'iam:GetRole',
            resource: 'arn:aws:iam::111122223333:role/orders-role',
            code: 'AccessDenied',
            message: 'not authorized to perform iam:GetRole',
          },
          { operation: 'kms:DescribeKey', region: 'eu-west-1', code: 'Throttling', message: 'Rate exceeded' },
        ],
      },
    });

    // Act
    const [alert] = decideAlerts(report, { reportLocation: REPORT });

    // Assess
    const { message, ...rest } = opened(alert);
    expect([rest, message.default?.split('\n')]).toEqual([
      {
        subject: `kda-auditor: scan of account ${ACCOUNT_ID} incomplete (2 reads failed)`,
        attributes: {
          severity: 'critical',
          accountId: ACCOUNT_ID,
          region: '*',
          application: '*',
          eventType: 'SCAN_INCOMPLETE',
        },
      },
      [
        `The scan of account ${ACCOUNT_ID} is incomplete: 2 reads failed, 1 check could not verify (ERROR, never a pass).`,
        '',
        `Account: ${ACCOUNT_ID}`,
        `Account score ${report.score}/100 (grade ${report.grade})`,
        'Scan: scan-1',
        `Full report: ${REPORT}`,
        '',
        'Reads that failed:',
        '- iam:GetRole on arn:aws:iam::111122223333:role/orders-role: AccessDenied, not authorized to perform iam:GetRole',
        '- kms:DescribeKey in eu-west-1: Throttling, Rate exceeded',
        'Grant the auditor role the permissions named above (or fix the resource), then run the scan again.',
        '',
        '- [CRITICAL] Check c1',
        `  Resource: ${arnOf('orders')}`,
        '  Why: orders: c1 is ERROR.',
        '',
      ],
    ]);
    expect([message.lambda.region, message.lambda.application]).toEqual([undefined, undefined]);
  });

  it('returns SCORE_DROP payloads with the previous score, listing the new and regressed failures of any severity', () => {
    // Prepare: orders goes from 100 to 83, c1 failing (low) where it passed
    const report = lastOf({ orders: { c1: 'PASS', c2: 'PASS' } }, { orders: { c1: 'FAIL:low', c2: 'PASS' } });

    // Act
    const alerts = decideAlerts(report, { reportLocation: REPORT });

    // Assess
    const orders = arnOf('orders');
    const finding = {
      severity: 'low',
      checkId: 'c1',
      title: 'Check c1',
      resourceArn: orders,
      detail: 'orders: c1 is FAIL.',
      change: 'REGRESSED',
    } as const;
    const common = {
      version: 1,
      eventType: 'SCORE_DROP',
      accountId: ACCOUNT_ID,
      severity: 'low',
      scanId: 'scan-2',
    } as const;
    expect(alerts.map((alert) => [alert.subject, opened(alert).message.lambda])).toEqual([
      [
        `kda-auditor: account ${ACCOUNT_ID} score 100 -> 83`,
        {
          ...common,
          score: 83,
          previousScore: 100,
          grade: 'B',
          summary: `The score of account ${ACCOUNT_ID} dropped from 100 to 83 (-17 points).`,
          reportLocation: REPORT,
          findings: [finding],
          moreFindings: 0,
        },
      ],
      [
        `kda-auditor: orders (eu-west-1) score 100 -> 83, account ${ACCOUNT_ID}`,
        {
          ...common,
          region: 'eu-west-1',
          application: 'orders',
          applicationArn: orders,
          score: 83,
          previousScore: 100,
          grade: 'B',
          summary: 'The score of orders (eu-west-1) dropped from 100 to 83 (-17 points).',
          reportLocation: REPORT,
          findings: [finding],
          moreFindings: 0,
        },
      ],
    ]);
  });

  it('returns a subject of at most 99 printable ASCII characters, whatever the application is called', () => {
    // Prepare: SNS rejects subjects of 100+ characters and control or non-ASCII characters
    const name = `commandes-très-longues\n${'x'.repeat(120)}`;
    const report = lastOf({ [name]: { c1: 'FAIL' } });

    // Act
    const [alert] = decideAlerts(report);

    // Assess
    expect(alert?.subject).toBe(`kda-auditor: 1 new finding in commandes-tr?s-longues?${'x'.repeat(43)}...`);
    expect(alert?.subject).toHaveLength(99);
  });

  it('throws InvalidRequestError listing every invalid option', () => {
    // Prepare
    const report = lastOf({ orders: { c1: 'FAIL' } });

    // Act
    const decide = () =>
      decideAlerts(report, { threshold: 'severe' as Severity, scoreDrop: 0, maxMessageBytes: 300_000 });

    // Assess
    expect(decide).toThrow(
      expect.objectContaining({
        name: 'InvalidRequestError',
        problems: [
          'alert threshold must be one of critical, high, medium, low, info, not "severe"',
          'scoreDrop must be a number of points above 0 and at most 100, not 0',
          "maxMessageBytes must be between 16384 and 262144 (SNS's limit), not 300000",
        ],
      }),
    );
  });
});
