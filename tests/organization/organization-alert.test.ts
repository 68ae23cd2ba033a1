import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../shared/alert/alert-message.js';
import { InvalidRequestError } from '../../shared/errors.js';
import { readAlertNotice } from '../../shared/notify/alert-notice.js';
import { alertTitle } from '../../shared/notify/chat-presentation.js';
import { aggregateOrganization } from '../../shared/organization/aggregate.js';
import { organizationAlert } from '../../shared/organization/organization-alert.js';
import type { MemberScanResult } from '../../shared/organization/types.js';
import {
  DEV_ACCOUNT,
  failedResult,
  ORG_SCAN_ID,
  ORGANIZATION_ID,
  organizationReport,
  PROD_ACCOUNT,
  scannedResult,
  severities,
} from '../support/organization-fixtures.js';

const ATTRIBUTES = {
  accountId: '*',
  region: '*',
  application: '*',
  eventType: 'ORGANIZATION_SUMMARY',
} as const;

function reportOf(results: MemberScanResult[], mapError?: { error: string; cause: string }) {
  return aggregateOrganization({
    orgScanId: ORG_SCAN_ID,
    organizationId: ORGANIZATION_ID,
    startedAt: new Date('2026-11-29T02:00:00Z'),
    completedAt: new Date('2026-11-29T02:10:00Z'),
    results,
    failedItems: [],
    skipped: [],
    ...(mapError ? { mapError } : {}),
  });
}

function variants(alert: AlertMessage | undefined) {
  const message = JSON.parse(alert?.message ?? '{}') as Record<string, string>;
  return { default: message.default, payload: JSON.parse(message.lambda ?? 'null') as unknown };
}

describe('Function: organizationAlert', () => {
  it.each([
    { name: 'every target scanned, complete, nothing new', results: [scannedResult({ previousScore: 100 })] },
    {
      name: 'only persisting failures',
      results: [scannedResult({ failures: severities({ critical: 2 }), score: 40, previousScore: 40 })],
    },
    {
      name: 'new failures below the threshold only',
      results: [scannedResult({ newFindings: severities({ medium: 3 }) })],
    },
    {
      name: 'a score drop smaller than the setting',
      results: [scannedResult({ score: 95, previousScore: 100 })],
    },
  ])('returns undefined when there is nothing to act on: $name', ({ results }) => {
    // Act
    const alert = organizationAlert(reportOf(results));

    // Assess
    expect(alert).toBeUndefined();
  });

  it('returns an alert naming the account and region that could not be scanned, and why', () => {
    // Prepare
    const report = reportOf([scannedResult({ previousScore: 100 }), failedResult()]);

    // Act
    const alert = organizationAlert(report, { reportLocation: 's3://audit-reports/kda/organization/x.json' });

    // Assess
    const summary = `Organisation scan of ${ORGANIZATION_ID}: 1 target failed (not scanned: ${DEV_ACCOUNT} eu-west-1).`;
    expect({ subject: alert?.subject, attributes: alert?.attributes, ...variants(alert) }).toEqual({
      subject: `kda-auditor: organisation ${ORGANIZATION_ID}: 1 target failed`,
      attributes: { ...ATTRIBUTES, severity: 'high' },
      default: [
        summary,
        '',
        'Accounts: every account of the organisation scan',
        `Scan: ${ORG_SCAN_ID}`,
        'Full report: s3://audit-reports/kda/organization/x.json',
        '',
        'Organisation score 40/100 (grade F); accounts: 1 scanned, 0 partly, 1 failed, 0 skipped; targets (account x region): 1 of 2 scanned, 0 incomplete.',
        'Targets not scanned (fix the cause, then the next scan covers them):',
        `- ${DEV_ACCOUNT} (dev) eu-west-1: MemberAccessError, ${failedResult().reason}`,
        'Each account and region has its own report, with every finding: see the organisation report.',
        '',
      ].join('\n'),
      payload: {
        version: 1,
        eventType: 'ORGANIZATION_SUMMARY',
        accountId: '*',
        severity: 'high',
        scanId: ORG_SCAN_ID,
        score: 40,
        grade: 'F',
        summary,
        reportLocation: 's3://audit-reports/kda/organization/x.json',
        findings: [],
        moreFindings: 0,
      },
    });
  });

  it.each([
    {
      name: 'new findings at the threshold',
      results: [
        scannedResult({
          newFindings: severities({ critical: 1, high: 2, low: 4 }),
          failures: severities({ critical: 1, high: 2, low: 4 }),
        }),
      ],
      mapError: undefined,
      subject: `kda-auditor: organisation ${ORGANIZATION_ID}: 3 new findings in 1 account`,
      severity: 'critical',
      summary: `Organisation scan of ${ORGANIZATION_ID}: 3 new findings in 1 account (new findings of severity high or above in ${PROD_ACCOUNT} (prod)).`,
      fact: `- ${PROD_ACCOUNT} (prod): 1 critical, 2 high; score 100/100 (grade A)`,
    },
    {
      name: "a target's score drop",
      results: [scannedResult({ score: 60, previousScore: 85, failures: severities({ medium: 2 }) })],
      mapError: undefined,
      subject: `kda-auditor: organisation ${ORGANIZATION_ID}: 1 score drop`,
      severity: 'medium',
      summary: `Organisation scan of ${ORGANIZATION_ID}: 1 score drop.`,
      fact: `- ${PROD_ACCOUNT} (prod) eu-west-1: 85 -> 60`,
    },
    {
      name: 'an incomplete scan',
      results: [scannedResult({ complete: false, errors: 2 })],
      mapError: undefined,
      subject: `kda-auditor: organisation ${ORGANIZATION_ID}: 1 scan incomplete`,
      severity: 'info',
      summary: `Organisation scan of ${ORGANIZATION_ID}: 1 scan incomplete.`,
      fact: `- ${PROD_ACCOUNT} (prod) eu-west-1`,
    },
    {
      name: 'a scan stopped by its time limit',
      results: [scannedResult({ complete: false, notReached: 12 })],
      mapError: undefined,
      subject: `kda-auditor: organisation ${ORGANIZATION_ID}: 1 scan incomplete`,
      severity: 'info',
      summary: `Organisation scan of ${ORGANIZATION_ID}: 1 scan incomplete.`,
      fact: `- ${PROD_ACCOUNT} (prod) eu-west-1: 12 applications not reached before the time limit, read first next time`,
    },
    {
      name: 'a scan stopped by its time limit before listing its region',
      results: [scannedResult({ complete: false, notListed: true })],
      mapError: undefined,
      subject: `kda-auditor: organisation ${ORGANIZATION_ID}: 1 scan incomplete`,
      severity: 'info',
      summary: `Organisation scan of ${ORGANIZATION_ID}: 1 scan incomplete.`,
      fact: `- ${PROD_ACCOUNT} (prod) eu-west-1: applications not listed before the time limit, read first next time`,
    },
    {
      name: 'a failed map run',
      results: [scannedResult()],
      mapError: { error: 'States.ExceedToleratedFailureThreshold', cause: 'Too many items failed.' },
      subject: `kda-auditor: organisation ${ORGANIZATION_ID}: the map run failed (States.ExceedToleratedFailureThreshold)`,
      severity: 'high',
      summary: `Organisation scan of ${ORGANIZATION_ID}: the map run failed (States.ExceedToleratedFailureThreshold).`,
      fact: 'The map run failed: States.ExceedToleratedFailureThreshold, Too many items failed.',
    },
  ])('returns an alert for $name', ({ results, mapError, subject, severity, summary, fact }) => {
    // Act
    const alert = organizationAlert(reportOf(results, mapError));

    // Assess
    const text = variants(alert).default ?? '';
    expect({
      subject: alert?.subject,
      attributes: alert?.attributes,
      summary: text.split('\n')[0],
      listed: text.split('\n').includes(fact),
    }).toEqual({ subject, attributes: { ...ATTRIBUTES, severity }, summary, listed: true });
  });

  it('returns an alert within the SNS limit for thousands of failed accounts, listing 50 and counting the rest', () => {
    // Prepare
    const results = Array.from({ length: 5_000 }, (_, index) =>
      failedResult({
        accountId: String(100_000_000_000 + index),
        accountName: 'x'.repeat(200),
        reason: 'y'.repeat(5_000),
      }),
    );

    // Act
    const alert = organizationAlert(reportOf(results));

    // Assess
    const bytes = Buffer.byteLength(alert?.message ?? '') + Buffer.byteLength(alert?.subject ?? '');
    const text = variants(alert).default ?? '';
    expect({
      fits: bytes < 240 * 1024,
      listed: text.split('\n').filter((line) => line.startsWith('- 1000')).length,
      more: text.includes('… and 4950 more: see the organisation report.'),
      summary: text.split('\n')[0],
    }).toEqual({
      fits: true,
      listed: 50,
      more: true,
      summary: `Organisation scan of ${ORGANIZATION_ID}: 5000 targets failed (not scanned: 100000000000 eu-west-1, 100000000001 eu-west-1, 100000000002 eu-west-1 and 4997 more).`,
    });
  });

  it('throws InvalidRequestError for an unknown threshold', () => {
    // Act
    const deciding = () => organizationAlert(organizationReport(), { threshold: 'urgent' as never });

    // Assess
    expect(deciding).toThrow(
      new InvalidRequestError([
        'alert threshold must be one of critical, high, medium, low, info, not "urgent"',
      ]),
    );
  });

  it('returns a payload the notify function reads as an alert, titled for the organisation', () => {
    // Prepare
    const alert = organizationAlert(reportOf([failedResult()]));
    const message = JSON.parse(alert?.message ?? '{}') as Record<string, string>;

    // Act
    const notice = readAlertNotice(message.lambda ?? '', alert?.subject);

    // Assess
    expect({
      kind: notice.kind,
      title: notice.kind === 'alert' ? alertTitle(notice.payload) : undefined,
    }).toEqual({ kind: 'alert', title: 'kda-auditor: Organisation scan' });
  });
});
