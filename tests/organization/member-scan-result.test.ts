import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { memberScanResultOf } from '../../shared/organization/member-scan-result.js';
import { scoreAccount, scoreFromBases } from '../../shared/score/score.js';
import { scanTarget, severities } from '../support/organization-fixtures.js';
import { arnOf, scanReport } from '../support/report-history.js';

describe('Function: memberScanResultOf', () => {
  it('returns counts, basis and new findings of a first scan, where every FAIL is new', () => {
    // Prepare
    const report = scanReport(1, {
      orders: { c1: 'FAIL:critical', c2: 'PASS', c3: 'ERROR:medium' },
      clicks: { c1: 'PASS', c2: 'FAIL:low', c4: 'NOT_APPLICABLE' },
    });

    // Act
    const result = memberScanResultOf(scanTarget(), report, 'kda/eu-west-1/222222222222/x.json');

    // Assess
    expect(result).toEqual({
      status: 'scanned',
      accountId: '222222222222',
      accountName: 'prod',
      region: 'eu-west-1',
      scanId: 'scan-1',
      score: report.score,
      grade: report.grade,
      scoreBasis: { earned: 10, possible: 24, caps: ['critical', 'error'] },
      applications: 2,
      failures: severities({ critical: 1, low: 1 }),
      errors: 1,
      complete: true,
      reportKey: 'kda/eu-west-1/222222222222/x.json',
      newFindings: severities({ critical: 1, low: 1 }),
      resolvedFindings: 0,
      worstApplications: [
        { applicationArn: arnOf('orders'), applicationName: 'orders', score: 28, grade: 'F' },
        { applicationArn: arnOf('clicks'), applicationName: 'clicks', score: 83, grade: 'B' },
      ],
    });
    expect(report.score).toEqual(scoreAccount(report.applications).score);
  });

  it('returns only FAILs that did not fail before as new, with resolved count and previous score', () => {
    // Prepare
    const previous = compareWithPrevious(
      scanReport(1, { orders: { c1: 'FAIL', c2: 'FAIL', c3: 'PASS' } }),
      undefined,
    );
    const report = compareWithPrevious(
      scanReport(2, { orders: { c1: 'FAIL', c2: 'PASS', c3: 'FAIL:medium', c5: 'FAIL:low' } }),
      previous,
    );

    // Act
    const result = memberScanResultOf(scanTarget({ accountName: undefined }), report);

    // Assess
    expect(result).toEqual({
      status: 'scanned',
      accountId: '222222222222',
      region: 'eu-west-1',
      scanId: 'scan-2',
      score: 36,
      grade: 'F',
      scoreBasis: { earned: 5, possible: 14, caps: ['high'] },
      applications: 1,
      failures: severities({ high: 1, medium: 1, low: 1 }),
      errors: 0,
      complete: true,
      newFindings: severities({ medium: 1, low: 1 }),
      resolvedFindings: 1,
      previousScore: 33,
      worstApplications: [
        { applicationArn: arnOf('orders'), applicationName: 'orders', score: 36, grade: 'F' },
      ],
    });
  });

  it('returns an incomplete result counting the applications its time limit did not reach', () => {
    // Prepare
    const report = {
      ...scanReport(1, { orders: { c1: 'PASS' } }),
      complete: false,
      notReached: {
        reason: 'TIME_LIMIT' as const,
        reads: 5,
        regions: [],
        applications: [{ applicationArn: arnOf('clicks'), applicationName: 'clicks', region: 'eu-west-1' }],
      },
    };

    // Act
    const result = memberScanResultOf(scanTarget(), report);

    // Assess
    expect(result).toMatchObject({ status: 'scanned', applications: 1, complete: false, notReached: 1 });
  });

  it('flags a region its time limit left unlisted, with no count of applications not reached', () => {
    // Prepare: the deadline came before ListApplications started in eu-west-1.
    const report = {
      ...scanReport(1, {}),
      complete: false,
      notReached: { reason: 'TIME_LIMIT' as const, reads: 1, regions: ['eu-west-1'], applications: [] },
    };

    // Act
    const result = memberScanResultOf(scanTarget(), report);

    // Assess
    expect(result).toMatchObject({ status: 'scanned', complete: false, notListed: true });
    expect(result).not.toHaveProperty('notReached');
  });

  it('returns at most 5 worst applications, worst first', () => {
    // Prepare
    const report = scanReport(1, {
      a: { c1: 'PASS' },
      b: { c1: 'FAIL' },
      c: { c1: 'PASS' },
      d: { c1: 'PASS' },
      e: { c1: 'PASS' },
      f: { c1: 'FAIL:critical' },
    });

    // Act
    const result = memberScanResultOf(scanTarget(), report);

    // Assess
    expect(
      result.status === 'scanned' && result.worstApplications.map((entry) => entry.applicationName),
    ).toEqual(report.applications.slice(0, 5).map((application) => application.applicationName));
    expect(report.applications.slice(0, 2).map((application) => application.applicationName)).toEqual([
      'b',
      'f',
    ]);
  });
  it("returns the critical cap in the basis when the member's region could not be listed, as its report score has it", () => {
    // Prepare
    const unlisted = {
      operation: 'kinesisanalytics:ListApplications',
      region: 'eu-west-1',
      code: 'AccessDeniedException',
      message: 'denied',
    };
    const report = scanReport(1, { orders: { c1: 'PASS', c2: 'PASS' } }, { collectionErrors: [unlisted] });

    // Act
    const result = memberScanResultOf(scanTarget(), report);

    // Assess
    expect(result.status === 'scanned' && result.scoreBasis).toEqual({
      earned: 10,
      possible: 10,
      caps: ['critical'],
    });
    expect(result.status === 'scanned' && scoreFromBases([result.scoreBasis])).toEqual({
      score: report.score,
      grade: report.grade,
      cappedBy: 'critical',
    });
    expect(report.score).toBe(40);
  });
});
