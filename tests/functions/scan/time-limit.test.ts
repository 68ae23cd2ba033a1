import { describe, expect, it, vi } from 'vitest';
import { continuationRequest } from '../../../functions/scan/continuation.js';
import { scanDeadline } from '../../../functions/scan/time-limit.js';
import type { PreviousReport } from '../../../shared/changes/previous-report.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import type { AuditReport, ReportNotReached } from '../../../shared/report/types.js';
import { example, scanReport } from '../../support/time-limit-fixtures.js';

const NOW = new Date('2026-11-29T02:00:00Z');
const LOCATION = 's3://kda-auditor-reports/reports/111122223333/latest.json';
const ORDERS = 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/orders';
const BILLING = 'arn:aws:kinesisanalytics:us-east-1:111122223333:application/billing';

function latest(notReached?: ReportNotReached): PreviousReport {
  const report: AuditReport = scanReport(example, '20261128T020000Z-00000001');
  return {
    status: 'found',
    location: LOCATION,
    report: { ...report, ...(notReached ? { notReached } : {}) },
  };
}

describe('Function: scanDeadline', () => {
  it('keeps a tenth of a long invocation: 900 s left stop reads 90 s before the end', () => {
    expect(scanDeadline(900_000, NOW, 30)).toEqual(new Date('2026-11-29T02:13:30Z'));
  });

  it('keeps the margin when it is more than a tenth: 120 s left stop reads 30 s before the end', () => {
    expect(scanDeadline(120_000, NOW, 30)).toEqual(new Date('2026-11-29T02:01:30Z'));
  });

  it('stops reads now when less time is left than the margin', () => {
    expect(scanDeadline(20_000, NOW, 30)).toEqual(NOW);
  });
});

describe('Function: continuationRequest', () => {
  it('scans the applications latest.json lists as not reached, in their regions', async () => {
    // Prepare
    const previous = latest({
      reason: 'TIME_LIMIT',
      reads: 12,
      regions: [],
      applications: [
        { applicationArn: BILLING, applicationName: 'billing', region: 'us-east-1' },
        { applicationArn: ORDERS, applicationName: 'orders', region: 'eu-west-1', judgedIn: 'scan-1' },
      ],
    });

    // Act
    const request = await continuationRequest({ continuation: true, dryRun: false }, async () => previous);

    // Assess
    expect(request).toEqual({
      continuation: true,
      dryRun: false,
      regions: ['eu-west-1', 'us-east-1'],
      applications: [BILLING, ORDERS],
    });
  });

  it('scans the regions whose applications were not listed first, whole', async () => {
    // Prepare
    const previous = latest({
      reason: 'TIME_LIMIT',
      reads: 3,
      regions: ['ap-south-1'],
      applications: [{ applicationArn: ORDERS, applicationName: 'orders', region: 'eu-west-1' }],
    });

    // Act
    const request = await continuationRequest({ continuation: true }, async () => previous);

    // Assess
    expect(request).toEqual({ continuation: true, regions: ['ap-south-1'] });
  });

  it('keeps what the payload names, reading nothing from latest.json', async () => {
    // Prepare
    const readLatest = vi.fn(async () => latest());

    // Act
    const request = await continuationRequest({ continuation: true, applications: ['orders'] }, readLatest);

    // Assess
    expect(request).toEqual({ continuation: true, applications: ['orders'] });
    expect(readLatest).not.toHaveBeenCalled();
  });

  it('throws InvalidRequestError when latest.json reached everything, or is not there', async () => {
    // Act
    const problems = await Promise.all(
      [latest(), { status: 'none', location: LOCATION } as const].map(async (previous) => {
        try {
          await continuationRequest({ continuation: true }, async () => previous);
          return 'no error';
        } catch (error) {
          return error instanceof InvalidRequestError ? error.problems : String(error);
        }
      }),
    );

    // Assess
    expect(problems).toEqual([
      [
        `continuation: nothing to continue, scan 20261128T020000Z-00000001 (${LOCATION}) reached every application`,
      ],
      [`continuation: nothing to continue, ${LOCATION} cannot be read (there is none yet); run a full scan`],
    ]);
  });
});
