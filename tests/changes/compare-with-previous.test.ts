import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import type { AuditReport, FindingChange } from '../../shared/report/types.js';
import {
  arnOf,
  type ScanOptions,
  scanReport,
  type Verdict,
  type Verdicts,
} from '../support/report-history.js';

/** Each scan compared with the one before it, as the nightly scan does through latest.json. */
function track(scans: AuditReport[], trendLength?: number): AuditReport[] {
  const tracked: AuditReport[] = [];
  for (const scan of scans) {
    tracked.push(compareWithPrevious(scan, tracked.at(-1), trendLength ? { trendLength } : {}));
  }
  return tracked;
}

/** `c1`'s change in each tracked scan ('-' when it has none), and the counts of `changes`. */
function history(tracked: AuditReport[]) {
  return tracked.map((report) => ({
    change:
      report.applications.flatMap((application) => application.findings).find((f) => f.checkId === 'c1')
        ?.change ?? '-',
    counts: report.changes?.counts ?? '-',
  }));
}

const counts = (values: Partial<Record<'new' | 'persisting' | 'regressed' | 'resolved', number>> = {}) => ({
  new: 0,
  persisting: 0,
  regressed: 0,
  resolved: 0,
  ...values,
});

describe('Function: compareWithPrevious', () => {
  // One check, c1, on orders (which also always passes `keep`); undefined: c1 did not judge orders.
  const sequences: {
    name: string;
    c1: (Verdict | undefined)[];
    expected: { change: FindingChange | '-'; counts: ReturnType<typeof counts> | '-' }[];
  }[] = [
    {
      name: 'FAIL, FAIL, FAIL: the first scan has no change, then PERSISTING',
      c1: ['FAIL', 'FAIL', 'FAIL'],
      expected: [
        { change: '-', counts: '-' },
        { change: 'PERSISTING', counts: counts({ persisting: 1 }) },
        { change: 'PERSISTING', counts: counts({ persisting: 1 }) },
      ],
    },
    {
      name: 'FAIL, PASS, FAIL: resolved, then REGRESSED',
      c1: ['FAIL', 'PASS', 'FAIL'],
      expected: [
        { change: '-', counts: '-' },
        { change: '-', counts: counts({ resolved: 1 }) },
        { change: 'REGRESSED', counts: counts({ regressed: 1 }) },
      ],
    },
    {
      name: 'absent, FAIL, FAIL: NEW, then PERSISTING',
      c1: [undefined, 'FAIL', 'FAIL'],
      expected: [
        { change: '-', counts: '-' },
        { change: 'NEW', counts: counts({ new: 1 }) },
        { change: 'PERSISTING', counts: counts({ persisting: 1 }) },
      ],
    },
    {
      name: 'FAIL, NOT_APPLICABLE, NOT_APPLICABLE: resolved once',
      c1: ['FAIL', 'NOT_APPLICABLE', 'NOT_APPLICABLE'],
      expected: [
        { change: '-', counts: '-' },
        { change: '-', counts: counts({ resolved: 1 }) },
        { change: '-', counts: counts() },
      ],
    },
    {
      name: 'FAIL, MUTED, FAIL: muted is not resolved; failing again after it is REGRESSED',
      c1: ['FAIL', 'MUTED', 'FAIL'],
      expected: [
        { change: '-', counts: '-' },
        { change: '-', counts: counts() },
        { change: 'REGRESSED', counts: counts({ regressed: 1 }) },
      ],
    },
    {
      name: 'FAIL, ERROR, FAIL: unknown is not resolved; failing after it is REGRESSED',
      c1: ['FAIL', 'ERROR', 'FAIL'],
      expected: [
        { change: '-', counts: '-' },
        { change: '-', counts: counts() },
        { change: 'REGRESSED', counts: counts({ regressed: 1 }) },
      ],
    },
    {
      name: 'FAIL, absent, FAIL: a check that stopped judging the application resolves it, then it is NEW',
      c1: ['FAIL', undefined, 'FAIL'],
      expected: [
        { change: '-', counts: '-' },
        { change: '-', counts: counts({ resolved: 1 }) },
        { change: 'NEW', counts: counts({ new: 1 }) },
      ],
    },
    {
      name: 'PASS, FAIL, PASS, FAIL: REGRESSED each time it fails again',
      c1: ['PASS', 'FAIL', 'PASS', 'FAIL'],
      expected: [
        { change: '-', counts: '-' },
        { change: 'REGRESSED', counts: counts({ regressed: 1 }) },
        { change: '-', counts: counts({ resolved: 1 }) },
        { change: 'REGRESSED', counts: counts({ regressed: 1 }) },
      ],
    },
  ];

  it.each(sequences)('returns, for $name', ({ c1, expected }) => {
    // Prepare
    const scans = c1.map((verdict, index) => {
      const verdicts: Verdicts = { keep: 'PASS', ...(verdict ? { c1: verdict } : {}) };
      return scanReport(index + 1, { orders: verdicts });
    });

    // Act
    const tracked = track(scans);

    // Assess
    expect(history(tracked)).toEqual(expected);
  });

  it('returns the whole report: changes, resolved findings, changes on FAILs only and trends', () => {
    // Prepare
    const first = scanReport(1, {
      orders: { c1: 'FAIL:critical', c2: 'FAIL', c3: 'PASS' },
      clicks: { c1: 'FAIL' },
    });
    const second = scanReport(2, {
      orders: { c1: 'FAIL:critical', c2: 'PASS', c3: 'FAIL:medium', c4: 'FAIL' },
    });

    // Act
    const [previous, report] = track([first, second]);

    // Assess
    const orders = second.applications[0];
    const before = first.applications.find((application) => application.applicationName === 'orders');
    const clicks = first.applications.find((application) => application.applicationName === 'clicks');
    const changeOf: Record<string, FindingChange> = { c1: 'PERSISTING', c3: 'REGRESSED', c4: 'NEW' };
    expect(report).toEqual({
      ...second,
      applications: [
        {
          ...orders,
          trend: [
            { scanId: 'scan-1', completedAt: '2026-11-01T02:00:05.000Z', score: before?.score },
            { scanId: 'scan-2', completedAt: '2026-11-02T02:00:05.000Z', score: orders?.score },
          ],
          findings: orders?.findings.map((finding) => {
            const change = changeOf[finding.checkId];
            return change ? { ...finding, change } : finding;
          }),
        },
      ],
      changes: {
        previousScanId: 'scan-1',
        previousCompletedAt: '2026-11-01T02:00:05.000Z',
        previousScore: first.score,
        counts: { new: 1, persisting: 1, regressed: 1, resolved: 2 },
        resolved: [
          {
            fingerprint: clicks?.findings[0]?.fingerprint,
            checkId: 'c1',
            severity: 'high',
            title: 'Check c1',
            resourceArn: arnOf('clicks'),
            applicationArn: arnOf('clicks'),
            applicationName: 'clicks',
            region: 'eu-west-1',
          },
          {
            fingerprint: before?.findings.find((finding) => finding.checkId === 'c2')?.fingerprint,
            checkId: 'c2',
            severity: 'high',
            title: 'Check c2',
            resourceArn: arnOf('orders'),
            applicationArn: arnOf('orders'),
            applicationName: 'orders',
            region: 'eu-west-1',
          },
        ],
      },
    });
    expect(previous?.changes).toBeUndefined();
  });

  it('returns no changes and no change on any finding for a first scan, with one-point trends', () => {
    // Prepare
    const report = scanReport(1, { orders: { c1: 'FAIL' } });

    // Act
    const result = compareWithPrevious(report, undefined);

    // Assess
    const [orders] = report.applications;
    expect(result).toEqual({
      ...report,
      applications: [
        {
          ...orders,
          trend: [{ scanId: 'scan-1', completedAt: '2026-11-01T02:00:05.000Z', score: orders?.score }],
        },
      ],
    });
  });
});

describe('Function: compareWithPrevious (scope)', () => {
  // The previous scan: c1 FAILs on orders and clicks (eu-west-1) and billing (us-east-1).
  const everywhere = {
    orders: { c1: 'FAIL' },
    clicks: { c1: 'FAIL' },
    'billing@us-east-1': { c1: 'FAIL' },
  } as const;
  const cases: { name: string; now: Record<string, Verdicts>; options: ScanOptions; resolved: string[] }[] = [
    {
      name: 'a scan of eu-west-1 resolves what passes or is gone there, never what failed in us-east-1',
      now: { orders: { c1: 'PASS' } },
      options: { regions: ['eu-west-1'] },
      resolved: ['clicks', 'orders'],
    },
    {
      name: 'a scan of one application resolves only that application',
      now: { orders: { c1: 'PASS' } },
      options: { applications: ['orders'] },
      resolved: ['orders'],
    },
    {
      name: 'a scan naming the application by ARN resolves it when it is gone',
      now: {},
      options: { applications: [arnOf('clicks')] },
      resolved: ['clicks'],
    },
    {
      name: 'a full scan resolves every application gone',
      now: {},
      options: { regions: ['eu-west-1', 'us-east-1'] },
      resolved: ['billing', 'clicks', 'orders'],
    },
    {
      name: 'a region whose applications could not be listed resolves nothing gone there',
      now: {},
      options: {
        regions: ['eu-west-1', 'us-east-1'],
        collectionErrors: [
          {
            operation: 'kinesisanalytics:ListApplications',
            region: 'eu-west-1',
            code: 'AccessDenied',
            message: 'denied',
          },
        ],
      },
      resolved: ['billing'],
    },
    {
      name: 'the check now judging another resource resolves the finding on the old one',
      now: { orders: { 'c1#stream': 'PASS' }, clicks: { c1: 'FAIL' } },
      options: { regions: ['eu-west-1'] },
      resolved: ['orders'],
    },
    {
      name: 'the check now ERROR on the application leaves the finding unresolved',
      now: { orders: { 'c1#stream': 'ERROR' }, clicks: { c1: 'ERROR' } },
      options: { regions: ['eu-west-1'] },
      resolved: [],
    },
  ];

  it.each(cases)('returns the resolved applications where $name', ({ now, options, resolved }) => {
    // Prepare
    const previous = compareWithPrevious(scanReport(1, everywhere), undefined);
    const current = scanReport(2, now, options);

    // Act
    const result = compareWithPrevious(current, previous);

    // Assess
    const names = result.changes?.resolved.map((finding) => finding.applicationName).sort();
    expect([names, result.changes?.counts.resolved]).toEqual([resolved, resolved.length]);
  });
});

describe('Function: compareWithPrevious (trend)', () => {
  it('returns the last N points of each application, oldest first', () => {
    // Prepare: orders scores 100, 83, 63, then 50
    const scans = [
      scanReport(1, { orders: { c1: 'PASS', c2: 'PASS' } }),
      scanReport(2, { orders: { c1: 'FAIL:low', c2: 'PASS' } }),
      scanReport(3, { orders: { c1: 'FAIL:medium', c2: 'PASS' } }),
      scanReport(4, { orders: { c1: 'FAIL', c2: 'PASS' } }),
    ];

    // Act
    const tracked = track(scans, 3);

    // Assess
    expect(tracked.map((report) => report.applications[0]?.trend?.map((point) => point.score))).toEqual([
      [100],
      [100, 83],
      [100, 83, 63],
      [83, 63, 50],
    ]);
    expect(tracked.at(-1)?.applications[0]?.trend).toEqual([
      { scanId: 'scan-2', completedAt: '2026-11-02T02:00:05.000Z', score: 83 },
      { scanId: 'scan-3', completedAt: '2026-11-03T02:00:05.000Z', score: 63 },
      { scanId: 'scan-4', completedAt: '2026-11-04T02:00:05.000Z', score: 50 },
    ]);
  });

  it('returns a trend starting with the previous score when the previous report has no trend (schema 1.0.0)', () => {
    // Prepare
    const previous = scanReport(1, { orders: { c1: 'FAIL' } });
    const report = scanReport(2, { orders: { c1: 'PASS' } });

    // Act
    const result = compareWithPrevious(report, previous);

    // Assess
    expect(result.applications[0]?.trend).toEqual([
      { scanId: 'scan-1', completedAt: '2026-11-01T02:00:05.000Z', score: previous.applications[0]?.score },
      { scanId: 'scan-2', completedAt: '2026-11-02T02:00:05.000Z', score: 100 },
    ]);
  });

  it('returns one point for this scan when compared with itself', () => {
    // Prepare
    const report = compareWithPrevious(scanReport(1, { orders: { c1: 'FAIL' } }), undefined);

    // Act
    const result = compareWithPrevious(report, report);

    // Assess
    expect(result.applications[0]?.trend).toEqual(report.applications[0]?.trend);
  });
});

describe('Function: compareWithPrevious (previous report ignored)', () => {
  const report = scanReport(2, { orders: { c1: 'FAIL' } });
  const expected = compareWithPrevious(report, undefined);

  it.each([
    {
      name: 'of another account',
      previous: { ...scanReport(1, { orders: { c1: 'PASS' } }), accountId: '444455556666' },
    },
    {
      name: 'of a newer schema major',
      previous: { ...scanReport(1, { orders: { c1: 'PASS' } }), schemaVersion: '3.0.0' as '2.0.0' },
    },
  ])('returns the report as for a first scan when the previous report is $name', ({ previous }) => {
    // Act
    const result = compareWithPrevious(report, previous);

    // Assess
    expect(result).toEqual(expected);
  });

  it('throws InvalidRequestError for a trend length below 1', () => {
    // Act
    const compare = () => compareWithPrevious(report, undefined, { trendLength: 0 });

    // Assess
    expect(compare).toThrow(
      expect.objectContaining({
        name: 'InvalidRequestError',
        problems: ['trendLength must be a whole number of scans, 1 or more, not 0'],
      }),
    );
  });
});
