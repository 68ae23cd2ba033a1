import { describe, expect, it } from 'vitest';
import { compareWithPrevious } from '../../shared/changes/compare-with-previous.js';
import { mergePartialScan } from '../../shared/changes/merge-partial-scan.js';
import { parsePreviousReport } from '../../shared/changes/previous-report.js';
import { resolvedFindings } from '../../shared/changes/resolved-findings.js';
import { accountTotals } from '../../shared/report/build-report.js';
import { type AuditReport, isActionable, type ReportApplication } from '../../shared/report/types.js';
import { schema1Report } from '../support/schema-1-report.js';
import {
  ENRICHER,
  example,
  SESSIONIZER,
  scanReport,
  withoutSessionsIn,
} from '../support/time-limit-fixtures.js';

const FULL = '20261101T020000Z-00000001';
const LIST_FAILED = {
  operation: 'kinesisanalytics:ListApplications',
  region: 'eu-west-1',
  code: 'ThrottlingException',
  message: 'Rate exceeded',
};
const PARTIAL = '20261102T020000Z-00000002';
const CONTINUATION = '20261103T020000Z-00000003';

/** Scan 1, complete, compared with nothing: the baseline latest.json holds. */
function baseline(): AuditReport {
  return compareWithPrevious(scanReport(example, FULL), undefined);
}

function application(report: AuditReport, arn: string): ReportApplication | undefined {
  return report.applications.find((candidate) => candidate.applicationArn === arn);
}

// What does not depend on the scan that judged it.
function verdicts(report: AuditReport, arn: string) {
  return application(report, arn)?.findings.map(({ checkId, status, resourceArn, detail }) => ({
    checkId,
    status,
    resourceArn,
    detail,
  }));
}

describe('Function: resolvedFindings (applications not reached)', () => {
  it('resolves nothing of an application the scan did not reach, although the report leaves it out', () => {
    // Prepare
    const previous = baseline();
    const partial = scanReport(withoutSessionsIn(), PARTIAL);

    // Act
    const resolved = resolvedFindings(partial, previous);

    // Assess
    expect(application(previous, SESSIONIZER)?.findings.some((finding) => finding.status === 'FAIL')).toBe(
      true,
    );
    expect(resolved).toEqual([]);
  });
});

describe('Function: mergePartialScan', () => {
  it('keeps the previous verdicts and trend of what the scan did not reach, as PERSISTING, and scores the account as a full scan', () => {
    // Prepare
    const previous = baseline();
    const partial = scanReport(withoutSessionsIn(), PARTIAL);

    // Act
    const merged = mergePartialScan(previous, partial);

    // Assess
    const kept = application(merged, SESSIONIZER);
    expect(kept?.trend).toEqual(application(previous, SESSIONIZER)?.trend);
    expect(verdicts(merged, SESSIONIZER)).toEqual(verdicts(previous, SESSIONIZER));
    expect(
      kept?.findings.filter((finding) => finding.status === 'FAIL').every((f) => f.change === 'PERSISTING'),
    ).toBe(true);
    expect(verdicts(merged, ENRICHER)).toEqual(verdicts(previous, ENRICHER));
    expect(application(merged, ENRICHER)?.trend?.map((point) => point.scanId)).toEqual([FULL, PARTIAL]);
    expect({ score: merged.score, grade: merged.grade, applications: merged.summary.applications }).toEqual({
      score: previous.score,
      grade: previous.grade,
      applications: 2,
    });
    expect(merged.changes?.resolved).toEqual([]);
    expect(merged.changes?.counts.new).toBe(0);
    expect({ scanId: merged.scanId, complete: merged.complete, notReached: merged.notReached }).toEqual({
      scanId: PARTIAL,
      complete: false,
      notReached: {
        reason: 'TIME_LIMIT',
        reads: 1,
        regions: [],
        applications: [
          {
            applicationArn: SESSIONIZER,
            applicationName: 'legacy-sessionizer',
            region: 'eu-west-1',
            judgedIn: FULL,
          },
        ],
      },
    });
    expect(merged.reaudit).toBeUndefined();
  });

  it('merges into a 1.3.0 latest.json as into a 2.0.0 one, and writes 2.0.0', () => {
    // Prepare: the baseline as kda-auditor 1.x wrote it, read back as a scan reads latest.json.
    const text = JSON.stringify(schema1Report(baseline()));
    const read = parsePreviousReport(text, baseline().accountId, 's3://reports/latest.json');
    if (read.status !== 'found') throw new Error(`the 1.3.0 report was not read: ${JSON.stringify(read)}`);

    // Act
    const merged = mergePartialScan(read.report, scanReport(withoutSessionsIn(), PARTIAL));

    // Assess: the kept sessionizer's PASS findings carry no remediation, as in a 2.0.0 report.
    expect(merged).toEqual(mergePartialScan(baseline(), scanReport(withoutSessionsIn(), PARTIAL)));
    expect(merged.schemaVersion).toBe('2.0.0');
    const kept = application(merged, SESSIONIZER)?.findings ?? [];
    expect(kept.some((finding) => finding.status === 'PASS')).toBe(true);
    expect(
      kept.filter((finding) => (finding.remediation !== undefined) !== isActionable(finding.status)),
    ).toEqual([]);
  });

  it('lists an application not reached that no earlier scan judged, without verdicts', () => {
    // Prepare: the baseline never judged the sessionizer (scanned before it existed).
    const previous = compareWithPrevious(scanReport(example, FULL, [ENRICHER]), undefined);
    const partial = scanReport(withoutSessionsIn(), PARTIAL);

    // Act
    const merged = mergePartialScan(previous, partial);

    // Assess
    expect(application(merged, SESSIONIZER)).toBeUndefined();
    expect(merged.notReached?.applications).toEqual([
      { applicationArn: SESSIONIZER, applicationName: 'legacy-sessionizer', region: 'eu-west-1' },
    ]);
  });

  it('completes the picture with a continuation: what was not reached is judged, merged, and the report is complete again', () => {
    // Prepare
    const latest = mergePartialScan(baseline(), scanReport(withoutSessionsIn(), PARTIAL));
    const continuation = scanReport(example, CONTINUATION, [SESSIONIZER]);

    // Act
    const merged = mergePartialScan(latest, continuation);

    // Assess
    expect(merged.notReached).toBeUndefined();
    expect(merged.complete).toBe(true);
    expect(merged.scope).toEqual(latest.scope);
    expect(verdicts(merged, SESSIONIZER)).toEqual(verdicts(baseline(), SESSIONIZER));
    expect(application(merged, SESSIONIZER)?.trend?.map((point) => point.scanId)).toEqual([
      FULL,
      CONTINUATION,
    ]);
    expect(application(merged, ENRICHER)?.trend?.map((point) => point.scanId)).toEqual([FULL, PARTIAL]);
    expect(merged.changes?.resolved).toEqual([]);
  });

  it('clears the cap with the ListApplications failure a whole-scope scan no longer meets', () => {
    // Prepare: the baseline could not list eu-west-1; the next scan, stopped early, listed it.
    const failed = baseline();
    const previous: AuditReport = {
      ...failed,
      complete: false,
      collectionErrors: [LIST_FAILED],
      ...accountTotals(failed.applications, { collectionErrors: [LIST_FAILED] }),
    };
    const partial = scanReport(withoutSessionsIn(), PARTIAL);

    // Act
    const merged = mergePartialScan(previous, partial);

    // Assess
    const totals = accountTotals(merged.applications, {
      collectionErrors: [],
      notReached: merged.notReached,
    });
    expect(previous.cappedBy).toBeDefined();
    expect({
      collectionErrors: merged.collectionErrors,
      cappedBy: merged.cappedBy,
      score: merged.score,
    }).toEqual({ collectionErrors: [], cappedBy: totals.cappedBy, score: totals.score });
  });

  it('caps the account score when a whole-scope scan fails to list a region the previous one listed', () => {
    // Prepare
    const partial = { ...scanReport(withoutSessionsIn(), PARTIAL), collectionErrors: [LIST_FAILED] };

    // Act
    const merged = mergePartialScan(baseline(), partial);

    // Assess
    const totals = accountTotals(merged.applications, {
      collectionErrors: [LIST_FAILED],
      notReached: merged.notReached,
    });
    expect(totals.cappedBy).toBeDefined();
    expect({
      collectionErrors: merged.collectionErrors,
      cappedBy: merged.cappedBy,
      score: merged.score,
    }).toEqual({ collectionErrors: [LIST_FAILED], cappedBy: totals.cappedBy, score: totals.score });
  });

  it('still lists what a continuation did not cover', () => {
    // Prepare: the continuation names the enricher only.
    const latest = mergePartialScan(baseline(), scanReport(withoutSessionsIn(), PARTIAL));
    const continuation = scanReport(example, CONTINUATION, [ENRICHER]);

    // Act
    const merged = mergePartialScan(latest, continuation);

    // Assess
    expect(merged.complete).toBe(false);
    expect(merged.notReached?.applications).toEqual([
      {
        applicationArn: SESSIONIZER,
        applicationName: 'legacy-sessionizer',
        region: 'eu-west-1',
        judgedIn: FULL,
      },
    ]);
  });
});
