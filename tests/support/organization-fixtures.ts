import type { Severity } from '../../shared/checks/types.js';
import type { MemberScanResult, OrganizationReport, ScanTarget } from '../../shared/organization/types.js';

/** Builders for the organisation scan tests: targets, item results, map result files. */

export const ORG_SCAN_ID = '20261129T020000Z-0a1b2c3d';
export const ORGANIZATION_ID = 'o-a1b2c3d4e5';
export const MANAGEMENT_ACCOUNT = '111111111111';
export const PROD_ACCOUNT = '222222222222';
export const DEV_ACCOUNT = '333333333333';

type Scanned = Extract<MemberScanResult, { status: 'scanned' }>;
type Failed = Extract<MemberScanResult, { status: 'failed' }>;

/** Severity counts, zero unless given. */
export function severities(counts: Partial<Record<Severity, number>> = {}): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0, ...counts };
}

/** One item of the map: the prod account in eu-west-1 unless overridden. */
export function scanTarget(overrides: Partial<ScanTarget> = {}): ScanTarget {
  return {
    orgScanId: ORG_SCAN_ID,
    accountId: PROD_ACCOUNT,
    accountName: 'prod',
    region: 'eu-west-1',
    ...overrides,
  };
}

/** A scanned item: one application scoring 100 in prod eu-west-1, nothing new, complete. */
export function scannedResult(overrides: Partial<Scanned> = {}): Scanned {
  return {
    status: 'scanned',
    accountId: PROD_ACCOUNT,
    accountName: 'prod',
    region: 'eu-west-1',
    scanId: '20261129T020001Z-00000001',
    score: 100,
    grade: 'A',
    scoreBasis: { earned: 10, possible: 10, caps: [] },
    applications: 1,
    failures: severities(),
    errors: 0,
    complete: true,
    newFindings: severities(),
    resolvedFindings: 0,
    worstApplications: [
      {
        applicationArn: `arn:aws:kinesisanalytics:eu-west-1:${PROD_ACCOUNT}:application/orders`,
        applicationName: 'orders',
        score: 100,
        grade: 'A',
      },
    ],
    ...overrides,
  };
}

/** A failed item: the dev account's member role could not be assumed. */
export function failedResult(overrides: Partial<Failed> = {}): Failed {
  return {
    status: 'failed',
    accountId: DEV_ACCOUNT,
    accountName: 'dev',
    region: 'eu-west-1',
    reason: `Cannot assume arn:aws:iam::${DEV_ACCOUNT}:role/kda-auditor-member in account ${DEV_ACCOUNT} (AccessDenied): deploy member-role.yaml.`,
    errorName: 'MemberAccessError',
    ...overrides,
  };
}

/** A child execution as a ResultWriter result file lists it. */
export function childExecution(
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING',
  input: unknown,
  extra: { output?: unknown; error?: string; cause?: string } = {},
): Record<string, unknown> {
  return {
    ExecutionArn: `arn:aws:states:eu-west-1:${MANAGEMENT_ACCOUNT}:execution:org-scan/ScanTargets:${Math.random()}`,
    Input: JSON.stringify(input),
    InputDetails: { Included: true },
    Name: 'child',
    ...(extra.output !== undefined
      ? { Output: JSON.stringify(extra.output), OutputDetails: { Included: true } }
      : {}),
    StartDate: '2026-11-29T02:00:01.000Z',
    StopDate: '2026-11-29T02:00:09.000Z',
    Status: status,
    ...(extra.error ? { Error: extra.error } : {}),
    ...(extra.cause ? { Cause: extra.cause } : {}),
  };
}

/** The item input the state machine passes to the scan function. */
export function scanItem(target: ScanTarget = scanTarget()): Record<string, unknown> {
  return { trigger: 'organization', ...target };
}

/** An organisation report with nothing to act on: prod scanned everywhere, complete. */
export function organizationReport(overrides: Partial<OrganizationReport> = {}): OrganizationReport {
  return {
    schemaVersion: '1.1.0',
    orgScanId: ORG_SCAN_ID,
    organizationId: ORGANIZATION_ID,
    startedAt: '2026-11-29T02:00:00.000Z',
    completedAt: '2026-11-29T02:10:00.000Z',
    complete: true,
    score: 100,
    grade: 'A',
    totals: {
      accounts: { listed: 1, scanned: 1, partial: 0, failed: 0, skipped: 0 },
      targets: { total: 1, scanned: 1, failed: 0, incomplete: 0 },
      applications: 1,
      failures: severities(),
      errors: 0,
      newFindings: severities(),
      resolvedFindings: 0,
    },
    accounts: [
      {
        accountId: PROD_ACCOUNT,
        accountName: 'prod',
        status: 'scanned',
        score: 100,
        grade: 'A',
        applications: 1,
        failures: severities(),
        errors: 0,
        newFindings: severities(),
        resolvedFindings: 0,
        complete: true,
        regions: [
          {
            region: 'eu-west-1',
            status: 'scanned',
            score: 100,
            grade: 'A',
            previousScore: 100,
            applications: 1,
            complete: true,
            scanId: '20261129T020001Z-00000001',
          },
        ],
      },
    ],
    worstApplications: [],
    failedTargets: [],
    skipped: [],
    ...overrides,
  };
}
