import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, STATUSES } from '../../shared/checks/types.js';
import { aggregateOrganization, type OrganizationScanOutcome } from '../../shared/organization/aggregate.js';
import { scoreAccount, scoreBasisOf } from '../../shared/score/score.js';
import { finding } from '../support/audit-builders.js';
import {
  DEV_ACCOUNT,
  failedResult,
  MANAGEMENT_ACCOUNT,
  ORG_SCAN_ID,
  ORGANIZATION_ID,
  PROD_ACCOUNT,
  scannedResult,
  scanTarget,
  severities,
} from '../support/organization-fixtures.js';

const STARTED = new Date('2026-11-29T02:00:00Z');
const COMPLETED = new Date('2026-11-29T02:10:00Z');

function outcome(overrides: Partial<OrganizationScanOutcome> = {}): OrganizationScanOutcome {
  return {
    orgScanId: ORG_SCAN_ID,
    organizationId: ORGANIZATION_ID,
    startedAt: STARTED,
    completedAt: COMPLETED,
    results: [],
    failedItems: [],
    skipped: [],
    ...overrides,
  };
}

function application(account: string, region: string, name: string, score: number | null) {
  return {
    applicationArn: `arn:aws:kinesisanalytics:${region}:${account}:application/${name}`,
    applicationName: name,
    score,
    grade: score === null ? null : score >= 90 ? ('A' as const) : ('F' as const),
  };
}

describe('Function: aggregateOrganization', () => {
  it('returns accounts with their regions, worst applications, totals and failed targets', () => {
    // Prepare
    const prodEu = scannedResult({
      scoreBasis: { earned: 5, possible: 10, caps: [] },
      score: 50,
      grade: 'F',
      failures: severities({ medium: 1 }),
      newFindings: severities({ medium: 1 }),
      previousScore: 60,
      reportKey: 'kda/eu-west-1/222222222222/2026/11/29/a.json',
      worstApplications: [application(PROD_ACCOUNT, 'eu-west-1', 'orders', 50)],
    });
    const prodUs = scannedResult({
      region: 'us-east-1',
      scanId: 'us-scan',
      scoreBasis: { earned: 10, possible: 10, caps: ['error'] },
      errors: 1,
      complete: false,
      resolvedFindings: 2,
      worstApplications: [application(PROD_ACCOUNT, 'us-east-1', 'billing', 89)],
    });
    const devUs = scannedResult({
      accountId: DEV_ACCOUNT,
      accountName: 'dev',
      region: 'us-east-1',
      scanId: 'dev-scan',
      applications: 0,
      score: null,
      grade: null,
      scoreBasis: { earned: 0, possible: 0, caps: [] },
      worstApplications: [],
    });
    const devEu = failedResult();

    // Act
    const report = aggregateOrganization(
      outcome({
        results: [prodEu, devEu, prodUs, devUs],
        failedItems: [{ target: null, error: 'States.TIMED_OUT', cause: '' }],
        skipped: [{ accountId: '444444444444', reason: 'listed in the exclude list' }],
      }),
    );

    // Assess
    expect(report).toEqual({
      schemaVersion: '1.1.0',
      orgScanId: ORG_SCAN_ID,
      organizationId: ORGANIZATION_ID,
      startedAt: '2026-11-29T02:00:00.000Z',
      completedAt: '2026-11-29T02:10:00.000Z',
      complete: false,
      // Two targets failed (dev eu-west-1, an unreadable item): they may hold any application.
      score: 40,
      grade: 'F',
      cappedBy: 'critical',
      totals: {
        accounts: { listed: 3, scanned: 1, partial: 1, failed: 0, skipped: 1 },
        targets: { total: 5, scanned: 3, failed: 2, incomplete: 1 },
        applications: 2,
        failures: severities({ medium: 1 }),
        errors: 1,
        newFindings: severities({ medium: 1 }),
        resolvedFindings: 2,
      },
      accounts: [
        {
          accountId: PROD_ACCOUNT,
          accountName: 'prod',
          status: 'scanned',
          score: 75,
          grade: 'C',
          applications: 2,
          failures: severities({ medium: 1 }),
          errors: 1,
          newFindings: severities({ medium: 1 }),
          resolvedFindings: 2,
          complete: false,
          regions: [
            {
              region: 'eu-west-1',
              status: 'scanned',
              score: 50,
              grade: 'F',
              previousScore: 60,
              applications: 1,
              complete: true,
              scanId: prodEu.scanId,
              reportKey: 'kda/eu-west-1/222222222222/2026/11/29/a.json',
            },
            {
              region: 'us-east-1',
              status: 'scanned',
              score: 100,
              grade: 'A',
              applications: 1,
              complete: false,
              scanId: 'us-scan',
            },
          ],
        },
        {
          accountId: DEV_ACCOUNT,
          accountName: 'dev',
          status: 'partial',
          score: null,
          grade: null,
          applications: 0,
          failures: severities(),
          errors: 0,
          newFindings: severities(),
          resolvedFindings: 0,
          complete: false,
          regions: [
            {
              region: 'eu-west-1',
              status: 'failed',
              score: null,
              grade: null,
              applications: 0,
              complete: false,
              reason: devEu.reason,
              errorName: 'MemberAccessError',
            },
            {
              region: 'us-east-1',
              status: 'scanned',
              score: null,
              grade: null,
              applications: 0,
              complete: true,
              scanId: 'dev-scan',
            },
          ],
        },
      ],
      worstApplications: [
        {
          ...application(PROD_ACCOUNT, 'eu-west-1', 'orders', 50),
          accountId: PROD_ACCOUNT,
          accountName: 'prod',
          region: 'eu-west-1',
        },
        {
          ...application(PROD_ACCOUNT, 'us-east-1', 'billing', 89),
          accountId: PROD_ACCOUNT,
          accountName: 'prod',
          region: 'us-east-1',
        },
      ],
      failedTargets: [
        {
          accountId: DEV_ACCOUNT,
          accountName: 'dev',
          region: 'eu-west-1',
          reason: devEu.reason,
          errorName: 'MemberAccessError',
        },
        { accountId: null, region: null, reason: 'States.TIMED_OUT', errorName: 'States.TIMED_OUT' },
      ],
      skipped: [{ accountId: '444444444444', reason: 'listed in the exclude list' }],
    });
  });

  it("returns targets without a result as failed with the map's error when the map failed", () => {
    // Prepare
    const scanned = scannedResult();
    const targets = [scanTarget(), scanTarget({ accountId: MANAGEMENT_ACCOUNT, accountName: 'management' })];
    const mapError = {
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    };

    // Act
    const report = aggregateOrganization(outcome({ results: [scanned], targets, mapError }));

    // Assess
    expect({
      failedTargets: report.failedTargets,
      complete: report.complete,
      mapError: report.mapError,
    }).toEqual({
      failedTargets: [
        {
          accountId: MANAGEMENT_ACCOUNT,
          accountName: 'management',
          region: 'eu-west-1',
          reason: 'The specified tolerated failure threshold was exceeded',
          errorName: 'States.ExceedToleratedFailureThreshold',
        },
      ],
      complete: false,
      mapError,
    });
  });

  it('returns targets without any outcome as failed with no result when the map did not fail', () => {
    // Act
    const report = aggregateOrganization(outcome({ targets: [scanTarget()] }));

    // Assess
    expect(report.failedTargets).toEqual([
      {
        accountId: PROD_ACCOUNT,
        accountName: 'prod',
        region: 'eu-west-1',
        reason: 'The map run reported no result for this target: run the organisation scan again.',
        errorName: 'States.NoResult',
      },
    ]);
  });

  it('returns one outcome per target: a result wins over a failed attempt of the same target', () => {
    // Prepare
    const scanned = scannedResult();

    // Act
    const report = aggregateOrganization(
      outcome({
        results: [scanned],
        failedItems: [{ target: scanTarget(), error: 'Lambda.Unknown', cause: 'timed out' }],
      }),
    );

    // Assess
    expect({
      failed: report.failedTargets,
      targets: report.totals.targets,
      complete: report.complete,
    }).toEqual({
      failed: [],
      targets: { total: 1, scanned: 1, failed: 0, incomplete: 0 },
      complete: true,
    });
  });

  it('counts a target stopped by its time limit as incomplete: scanned, not failed, not complete', () => {
    // Prepare
    const partial = scannedResult({ complete: false, notReached: 4, notListed: true });

    // Act
    const report = aggregateOrganization(outcome({ results: [partial] }));

    // Assess
    expect({
      targets: report.totals.targets,
      complete: report.complete,
      account: { status: report.accounts[0]?.status, complete: report.accounts[0]?.complete },
      region: report.accounts[0]?.regions[0],
    }).toEqual({
      targets: { total: 1, scanned: 1, failed: 0, incomplete: 1 },
      complete: false,
      account: { status: 'scanned', complete: false },
      region: {
        region: 'eu-west-1',
        status: 'scanned',
        score: 100,
        grade: 'A',
        applications: 1,
        complete: false,
        notReached: 4,
        notListed: true,
        scanId: partial.scanId,
      },
    });
  });

  it('caps at 40 an account with a region that failed, and the organisation, as an unlisted region caps a report', () => {
    // Prepare: dev scores 100 in us-east-1 and could not be scanned in eu-west-1; prod is whole
    const devUs = scannedResult({ accountId: DEV_ACCOUNT, accountName: 'dev', region: 'us-east-1' });
    const prod = scannedResult();

    // Act
    const report = aggregateOrganization(outcome({ results: [devUs, failedResult(), prod] }));

    // Assess: what the failed region holds is unknown; a whole account keeps its own score
    const scores = Object.fromEntries(
      report.accounts.map(({ accountId, score, cappedBy }) => [accountId, { score, cappedBy }]),
    );
    expect({ organization: [report.score, report.cappedBy], scores }).toEqual({
      organization: [40, 'critical'],
      scores: {
        [DEV_ACCOUNT]: { score: 40, cappedBy: 'critical' },
        [PROD_ACCOUNT]: { score: 100, cappedBy: undefined },
      },
    });
  });

  it('returns failed accounts first, then accounts by score, unscored last', () => {
    // Prepare
    const results = [
      scannedResult({ accountId: '500000000000', scoreBasis: { earned: 9, possible: 10, caps: [] } }),
      scannedResult({ accountId: '600000000000', scoreBasis: { earned: 0, possible: 0, caps: [] } }),
      scannedResult({ accountId: '700000000000', scoreBasis: { earned: 2, possible: 10, caps: [] } }),
      failedResult({ accountId: '800000000000' }),
    ];

    // Act
    const report = aggregateOrganization(outcome({ results }));

    // Assess
    expect(report.accounts.map((account) => [account.accountId, account.status, account.score])).toEqual([
      ['800000000000', 'failed', null],
      ['700000000000', 'scanned', 20],
      ['500000000000', 'scanned', 90],
      ['600000000000', 'scanned', null],
    ]);
  });

  it('returns the 10 worst applications of the organisation, unscored last', () => {
    // Prepare
    const results = Array.from({ length: 4 }, (_, index) =>
      scannedResult({
        accountId: `${index + 1}00000000000`,
        worstApplications: [null, 10 * index, 10 * index + 5, 100 - index, 50].map((score, rank) =>
          application(`${index + 1}00000000000`, 'eu-west-1', `app-${rank}`, score),
        ),
      }),
    );

    // Act
    const report = aggregateOrganization(outcome({ results }));

    // Assess
    expect(report.worstApplications.map((entry) => `${entry.accountId[0]}:${entry.score}`)).toEqual([
      '1:0',
      '1:5',
      '2:10',
      '2:15',
      '3:20',
      '3:25',
      '4:30',
      '4:35',
      '1:50',
      '2:50',
    ]);
  });

  it("returns each account's score exactly as scoreAccount over the union of its regions' findings", () => {
    const verdict = fc.record({
      status: fc.constantFrom(...STATUSES),
      severity: fc.constantFrom(...SEVERITIES),
    });
    const target = fc.record({
      account: fc.constantFrom(PROD_ACCOUNT, DEV_ACCOUNT),
      region: fc.constantFrom('eu-west-1', 'us-east-1', 'ap-south-1'),
      verdicts: fc.array(verdict, { maxLength: 12 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(target, { selector: (entry) => `${entry.account}|${entry.region}` }),
        (targets) => {
          // Prepare
          const findingsOf = targets.map(({ account, region, verdicts }) => ({
            account,
            region,
            findings: verdicts.map((entry) => finding(entry)),
          }));
          const results = findingsOf.map(({ account, region, findings }) =>
            scannedResult({ accountId: account, region, scoreBasis: scoreBasisOf(findings) }),
          );

          // Act
          const report = aggregateOrganization(outcome({ results }));

          // Assess
          const expected = [...new Set(targets.map(({ account }) => account))].map((account) => {
            const { score, grade, cappedBy } = scoreAccount(
              findingsOf.filter((entry) => entry.account === account),
            );
            return { account, score, grade, cappedBy };
          });
          const actual = report.accounts.map(({ accountId, score, grade, cappedBy }) => ({
            account: accountId,
            score,
            grade,
            cappedBy,
          }));
          expect(actual.sort((a, b) => a.account.localeCompare(b.account))).toEqual(
            expected.sort((a, b) => a.account.localeCompare(b.account)),
          );
          const organization = scoreAccount(findingsOf);
          expect([report.score, report.grade, report.cappedBy]).toEqual([
            organization.score,
            organization.grade,
            organization.cappedBy,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
