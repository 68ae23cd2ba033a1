import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { parsePreviousReport } from '../../shared/changes/previous-report.js';
import type { Severity } from '../../shared/checks/types.js';
import { InvalidRequestError } from '../../shared/errors.js';
import { mergeReaudit, settledApplications } from '../../shared/live/merge-reaudit.js';
import { notReachedOf } from '../../shared/live/merged-gaps.js';
import { findingFingerprint } from '../../shared/report/fingerprint.js';
import type { AuditReport, ResolvedFinding } from '../../shared/report/types.js';
import { ACCOUNT_ID } from '../support/audit-builders.js';
import { arnOf, scanReport, type Verdicts } from '../support/report-history.js';
import { schema1Report } from '../support/schema-1-report.js';

const LIST_FAILED = {
  operation: 'kinesisanalytics:ListApplications',
  region: 'eu-west-1',
  code: 'ThrottlingException',
  message: 'Rate exceeded',
};

/** The account before the change: scans 1 and 2 compared, so each application has two trend points. */
const BEFORE: Record<string, Verdicts> = {
  orders: { encrypted: 'FAIL', logged: 'PASS' },
  clicks: { encrypted: 'FAIL' },
  billing: { encrypted: 'FAIL:critical' },
  'legacy@us-east-1': { encrypted: 'PASS' },
};

function latestReport(): AuditReport {
  return compareWithPrevious(scanReport(2, BEFORE), compareWithPrevious(scanReport(1, BEFORE), undefined));
}

/** Scan 3 re-audits orders (changed), billing (deleted) and fresh (created), in eu-west-1 only. */
const PLANNED = [arnOf('orders'), arnOf('billing'), arnOf('fresh')];
const REAUDITED: Record<string, Verdicts> = {
  orders: { encrypted: 'PASS', logged: 'FAIL' },
  fresh: { encrypted: 'FAIL:medium' },
};

/** A resolved finding of check `encrypted` on an application in eu-west-1. */
function resolved(name: string, severity: Severity): ResolvedFinding {
  const arn = arnOf(name);
  return {
    fingerprint: findingFingerprint({
      accountId: ACCOUNT_ID,
      region: 'eu-west-1',
      applicationArn: arn,
      checkId: 'encrypted',
      resourceArn: arn,
    }),
    checkId: 'encrypted',
    severity,
    title: 'Check encrypted',
    resourceArn: arn,
    applicationArn: arn,
    applicationName: name,
    region: 'eu-west-1',
  };
}

function reauditReport(options: Parameters<typeof scanReport>[2] = {}): AuditReport {
  return scanReport(3, REAUDITED, { regions: ['eu-west-1'], applications: PLANNED, ...options });
}

describe('Function: mergeReaudit', () => {
  it('returns what a full scan of the changed account gives, the untouched applications keeping their trend', () => {
    // Prepare
    const latest = latestReport();
    const reasons = [
      'kinesis StopStreamEncryption on orders-in',
      'kinesisanalytics DeleteApplication on billing',
    ];

    // Act
    const merged = mergeReaudit(latest, reauditReport(), PLANNED, {
      reasons: [...reasons, reasons[0] ?? ''],
      events: 3,
    });

    // Assess
    const full = compareWithPrevious(
      scanReport(3, {
        ...REAUDITED,
        clicks: BEFORE.clicks ?? {},
        'legacy@us-east-1': BEFORE['legacy@us-east-1'] ?? {},
      }),
      latest,
    );
    const trendBefore = new Map(
      latest.applications.map((application) => [application.applicationArn, application.trend]),
    );
    expect(merged).toEqual({
      ...full,
      applications: full.applications.map((application) =>
        [arnOf('clicks'), arnOf('legacy@us-east-1')].includes(application.applicationArn)
          ? { ...application, trend: trendBefore.get(application.applicationArn) }
          : application,
      ),
      reaudit: { baseScanId: 'scan-2', applications: [...PLANNED].sort(), reasons, events: 3 },
    });
  });

  it('returns the replaced, removed, added and untouched applications with their change markers and trends', () => {
    // Act
    const merged = mergeReaudit(latestReport(), reauditReport(), PLANNED);

    // Assess
    expect(
      merged.applications.map((application) => ({
        name: application.applicationName,
        score: application.score,
        changes: application.findings.map(
          (finding) => `${finding.checkId} ${finding.status} ${finding.change ?? '-'}`,
        ),
        trend: application.trend?.map((point) => `${point.scanId}:${point.score}`),
      })),
    ).toEqual([
      { name: 'clicks', score: 0, changes: ['encrypted FAIL PERSISTING'], trend: ['scan-1:0', 'scan-2:0'] },
      { name: 'fresh', score: 0, changes: ['encrypted FAIL NEW'], trend: ['scan-3:0'] },
      {
        name: 'orders',
        score: 50,
        changes: ['logged FAIL REGRESSED', 'encrypted PASS -'],
        trend: ['scan-1:50', 'scan-2:50', 'scan-3:50'],
      },
      { name: 'legacy', score: 100, changes: ['encrypted PASS -'], trend: ['scan-1:100', 'scan-2:100'] },
    ]);
  });

  it('returns the changes of the planned applications only: resolved findings of the deleted and the fixed', () => {
    // Act
    const merged = mergeReaudit(latestReport(), reauditReport(), PLANNED);

    // Assess
    expect(merged.changes).toEqual({
      previousScanId: 'scan-2',
      previousCompletedAt: '2026-11-02T02:00:05.000Z',
      previousScore: 33,
      counts: { new: 1, persisting: 1, regressed: 1, resolved: 2 },
      resolved: [resolved('billing', 'critical'), resolved('orders', 'high')],
    });
  });

  it('keeps a planned application as it was when its region could not be listed: unknown is not gone', () => {
    // Prepare
    const latest = latestReport();
    const reaudit = reauditReport({ collectionErrors: [LIST_FAILED] });

    // Act
    const merged = mergeReaudit(latest, { ...reaudit, applications: [] }, PLANNED);

    // Assess
    expect({
      applications: merged.applications.map((application) => application.applicationName),
      billing: merged.applications.find((application) => application.applicationName === 'billing'),
      complete: merged.complete,
      collectionErrors: merged.collectionErrors,
      counts: merged.changes?.counts,
    }).toEqual({
      applications: ['billing', 'clicks', 'orders', 'legacy'],
      billing: {
        ...latest.applications.find((application) => application.applicationName === 'billing'),
        findings: [expect.objectContaining({ status: 'FAIL', change: 'PERSISTING' })],
      },
      complete: false,
      collectionErrors: [LIST_FAILED],
      counts: { new: 0, persisting: 3, regressed: 0, resolved: 0 },
    });
  });

  it('keeps the previous verdicts of a planned application its time limit did not reach, and lists it as not reached', () => {
    // Prepare: orders was planned, but the re-audit stopped before reading what judges it.
    const latest = latestReport();
    const reaudit = reauditReport();
    const stopped: AuditReport = {
      ...reaudit,
      complete: false,
      applications: reaudit.applications.filter((application) => application.applicationName !== 'orders'),
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 3,
        regions: [],
        applications: [{ applicationArn: arnOf('orders'), applicationName: 'orders', region: 'eu-west-1' }],
      },
    };

    // Act
    const merged = mergeReaudit(latest, stopped, PLANNED);

    // Assess
    const before = latest.applications.find((application) => application.applicationName === 'orders');
    expect({
      orders: merged.applications.find((application) => application.applicationName === 'orders'),
      reaudited: merged.reaudit?.applications,
      notReached: merged.notReached,
      complete: merged.complete,
    }).toEqual({
      orders: {
        ...before,
        findings: before?.findings.map((finding) =>
          finding.status === 'FAIL' ? { ...finding, change: 'PERSISTING' } : finding,
        ),
      },
      reaudited: [arnOf('billing'), arnOf('fresh')],
      // Its verdict is scan 2's, not this re-audit's: listed until a retry of the burst judges it.
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 3,
        regions: [],
        applications: [
          {
            applicationArn: arnOf('orders'),
            applicationName: 'orders',
            region: 'eu-west-1',
            judgedIn: 'scan-2',
          },
        ],
      },
      complete: false,
    });
  });

  it('lists a miss in a region the re-audit did not list, and clears it once a retry judges it', () => {
    // Prepare: legacy (us-east-1) was planned with orders; the re-audit never listed us-east-1.
    const legacy = arnOf('legacy@us-east-1');
    const planned = [arnOf('orders'), legacy];
    const reaudit = scanReport(
      3,
      { orders: REAUDITED.orders ?? {} },
      { regions: ['eu-west-1'], applications: planned },
    );
    const stopped: AuditReport = {
      ...reaudit,
      complete: false,
      notReached: { reason: 'TIME_LIMIT', reads: 2, regions: ['us-east-1'], applications: [] },
    };
    const retry = scanReport(
      4,
      { 'legacy@us-east-1': { encrypted: 'FAIL' } },
      { regions: ['us-east-1'], applications: [legacy] },
    );

    // Act
    const merged = mergeReaudit(latestReport(), stopped, planned);
    const retried = mergeReaudit(merged, retry, [legacy]);

    // Assess
    expect({ notReached: merged.notReached, complete: merged.complete }).toEqual({
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 2,
        regions: [],
        applications: [
          { applicationArn: legacy, applicationName: 'legacy', region: 'us-east-1', judgedIn: 'scan-2' },
        ],
      },
      complete: false,
    });
    expect({ notReached: retried.notReached, complete: retried.complete }).toEqual({
      notReached: undefined,
      complete: true,
    });
  });

  it("carries latest.json's own not-reached list, less what the re-audit judged", () => {
    // Prepare: the nightly scan behind latest.json stopped before orders and clicks.
    const missed = (name: string) => ({
      applicationArn: arnOf(name),
      applicationName: name,
      region: 'eu-west-1',
      judgedIn: 'scan-1',
    });
    const latest: AuditReport = {
      ...latestReport(),
      complete: false,
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 9,
        regions: [],
        applications: [missed('clicks'), missed('orders')],
      },
    };

    // Act
    const merged = mergeReaudit(latest, reauditReport(), PLANNED);

    // Assess
    expect({ notReached: merged.notReached, complete: merged.complete }).toEqual({
      notReached: { reason: 'TIME_LIMIT', reads: 9, regions: [], applications: [missed('clicks')] },
      complete: false,
    });
  });

  it('returns each collection error once, and is complete only when both reports are', () => {
    // Prepare
    const kms = {
      operation: 'kms:DescribeKey',
      region: 'eu-west-1',
      code: 'AccessDenied',
      message: 'denied',
    };
    const latest = { ...latestReport(), complete: false, collectionErrors: [kms] };
    const reaudit = reauditReport({ collectionErrors: [kms] });

    // Act
    const merged = mergeReaudit(latest, { ...reaudit, complete: true }, PLANNED);

    // Assess
    expect([merged.complete, merged.collectionErrors]).toEqual([false, [kms]]);
  });

  it('keeps the scope and suppressions of latest, and takes the ids and times of the re-audit', () => {
    // Prepare
    const suppressions = { source: 'suppressions.yaml', rules: 2, applied: 1, expired: [] };
    const latest = { ...latestReport(), suppressions };
    const reaudit = { ...reauditReport(), suppressions: { ...suppressions, applied: 0 } };

    // Act
    const merged = mergeReaudit(latest, reaudit, PLANNED);

    // Assess
    expect({
      scanId: merged.scanId,
      startedAt: merged.startedAt,
      completedAt: merged.completedAt,
      scope: merged.scope,
      suppressions: merged.suppressions,
    }).toEqual({
      scanId: 'scan-3',
      startedAt: '2026-11-03T02:00:00.000Z',
      completedAt: '2026-11-03T02:00:05.000Z',
      scope: latest.scope,
      suppressions,
    });
  });

  it('returns a report the report schema accepts, its reaudit field included', () => {
    // Prepare
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')),
    );

    // Act
    const merged = mergeReaudit(latestReport(), reauditReport(), PLANNED, {
      reasons: ['a change'],
      events: 1,
    });

    // Assess
    expect({ valid: validate(merged), errors: validate.errors }).toEqual({ valid: true, errors: null });
  });

  it('returns a 2.0.0 report when latest.json is a 1.3.0 one: the kept PASS findings lose their remediation', () => {
    // Prepare
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')),
    );
    const text = JSON.stringify(schema1Report(latestReport()));
    const read = parsePreviousReport(text, ACCOUNT_ID, 's3://reports/latest.json');
    if (read.status !== 'found') throw new Error(`the 1.3.0 report was not read: ${JSON.stringify(read)}`);

    // Act
    const merged = mergeReaudit(read.report, reauditReport(), PLANNED);

    // Assess
    expect({ valid: validate(merged), errors: validate.errors }).toEqual({ valid: true, errors: null });
    expect(merged.schemaVersion).toBe('2.0.0');
    expect(merged).toEqual(mergeReaudit(latestReport(), reauditReport(), PLANNED));
    const legacy = merged.applications.find((application) => application.applicationName === 'legacy');
    expect(legacy?.findings.map(({ status, remediation }) => [status, remediation])).toEqual([
      ['PASS', undefined],
    ]);
  });

  it("caps the account score while a region's applications stay unlisted, as a critical ERROR would", () => {
    // Prepare
    const clean: Record<string, Verdicts> = {
      orders: { encrypted: 'PASS' },
      'legacy@us-east-1': { logged: 'PASS' },
    };
    const latest = scanReport(2, clean);
    const scope = { regions: ['eu-west-1', 'us-east-1'], applications: [arnOf('orders')] };
    const unlisted = { ...LIST_FAILED, region: 'us-east-1' };

    // Act
    const listed = mergeReaudit(latest, scanReport(3, { orders: clean.orders ?? {} }, scope), [
      arnOf('orders'),
    ]);
    const merged = mergeReaudit(
      latest,
      scanReport(3, { orders: clean.orders ?? {} }, { ...scope, collectionErrors: [unlisted] }),
      [arnOf('orders')],
    );

    // Assess
    expect([listed.score, listed.grade, listed.cappedBy]).toEqual([100, 'A', undefined]);
    expect([merged.score, merged.grade, merged.cappedBy]).toEqual([40, 'F', 'critical']);
  });

  it('throws InvalidRequestError when the re-audit read another account', () => {
    // Prepare
    const reaudit = { ...reauditReport(), accountId: '444455556666' };

    // Act
    const merge = () => mergeReaudit(latestReport(), reaudit, PLANNED);

    // Assess
    expect(merge).toThrow(
      new InvalidRequestError([
        'the re-audit read account 444455556666, but latest.json is of account 111122223333: give the live ' +
          're-audit credentials of the audited account',
      ]),
    );
  });
});

describe('Function: settledApplications', () => {
  it('returns the planned applications the re-audit holds or whose region it listed', () => {
    // Act
    const settled = settledApplications(reauditReport(), [...PLANNED, arnOf('orders')]);

    // Assess
    expect(settled).toEqual([arnOf('billing'), arnOf('fresh'), arnOf('orders')]);
  });

  it('leaves out those its time limit did not reach, listed or in a region it did not list', () => {
    // Prepare
    const reaudit: AuditReport = {
      ...reauditReport(),
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 4,
        regions: ['us-east-1'],
        applications: [{ applicationArn: arnOf('orders'), applicationName: 'orders', region: 'eu-west-1' }],
      },
    };
    const legacy = arnOf('legacy@us-east-1');

    // Act
    const settled = settledApplications(reaudit, [...PLANNED, legacy]);

    // Assess
    expect({ settled, notReached: notReachedOf(reaudit, [...PLANNED, legacy]) }).toEqual({
      settled: [arnOf('billing'), arnOf('fresh')],
      notReached: [legacy, arnOf('orders')].sort(),
    });
  });

  it('returns only the held ones when their region could not be listed', () => {
    // Act
    const settled = settledApplications(reauditReport({ collectionErrors: [LIST_FAILED] }), PLANNED);

    // Assess
    expect(settled).toEqual([arnOf('fresh'), arnOf('orders')]);
  });
});
