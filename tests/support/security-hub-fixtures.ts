import type { Finding } from '../../shared/checks/types.js';
import { buildReport } from '../../shared/report/build-report.js';
import { findingFingerprint } from '../../shared/report/fingerprint.js';
import type { AuditReport, ResolvedFinding } from '../../shared/report/types.js';
import {
  ACCOUNT_ID,
  accountEvaluation,
  applicationArn,
  applicationEvaluation,
  reportMeta,
} from './audit-builders.js';

/** Builders for the Security Hub export tests: reports with fingerprints, resolved findings, ids. */

/** The time of the export in most tests. */
export const EXPORTED_AT = new Date('2026-11-29T02:00:10Z');

/** The private product ARN of the test account in eu-west-1. */
export const PRODUCT_ARN = `arn:aws:securityhub:eu-west-1:${ACCOUNT_ID}:product/${ACCOUNT_ID}/default`;

/** A report of one scan over `orders` (eu-west-1) with the given findings, fingerprints included. */
export function scanReport(findings: Finding[], scanId = '20261129T020000Z-0a1b2c3d'): AuditReport {
  return buildReport(accountEvaluation([applicationEvaluation('orders', findings)]), reportMeta({ scanId }));
}

/** The fingerprint of a finding on `orders` in eu-west-1. */
export function ordersFingerprint(checkId: string, resourceArn: string): string {
  return findingFingerprint({
    accountId: ACCOUNT_ID,
    region: 'eu-west-1',
    applicationArn: applicationArn('orders'),
    checkId,
    resourceArn,
  });
}

/** The Security Hub Id kda-auditor gives a fingerprint. */
export function asffId(fingerprint: string): string {
  return `kda-auditor/${ACCOUNT_ID}/${fingerprint}`;
}

/** A finding of `orders` that failed in the previous scan and no longer does. */
export function resolvedFinding(overrides: Partial<ResolvedFinding> = {}): ResolvedFinding {
  const resourceArn = overrides.resourceArn ?? `arn:aws:iam::${ACCOUNT_ID}:role/orders-role`;
  const checkId = overrides.checkId ?? 'role-admin-access';
  return {
    fingerprint: ordersFingerprint(checkId, resourceArn),
    checkId,
    severity: 'critical',
    title: 'The execution role does not have administrator access',
    resourceArn,
    applicationArn: applicationArn('orders'),
    applicationName: 'orders',
    region: 'eu-west-1',
    ...overrides,
  };
}
