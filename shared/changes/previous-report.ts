import * as z from 'zod';
import { SEVERITIES, STATUSES } from '../checks/types.js';
import { parseJsonDocument } from '../json-document.js';
import { findingFingerprint } from '../report/fingerprint.js';
import {
  type AuditReport,
  isActionable,
  READABLE_REPORT_MAJORS,
  REPORT_SCHEMA_VERSION,
  type ReportFinding,
} from '../report/types.js';
import type { ComparisonBaseline } from './comparison-baseline.js';

/**
 * The account's previous report, as change tracking sees it: found, none yet (a first scan), or
 * unusable with the reason, in which case the scan goes on without change tracking and says why.
 */
export type PreviousReport =
  | { status: 'found'; location: string; report: AuditReport }
  | { status: 'none'; location: string }
  | { status: 'unusable'; location: string; reason: string };

/** The previous report as a scan keeps it: only what change tracking reads (comparisonBaseline). */
export type PreviousBaseline =
  | { status: 'found'; location: string; baseline: ComparisonBaseline }
  | Exclude<PreviousReport, { status: 'found' }>;

const CURRENT_MAJOR = Number(REPORT_SCHEMA_VERSION.split('.')[0]);
const READABLE = READABLE_REPORT_MAJORS.join(' and ');

const pointSchema = z.object({ scanId: z.string(), completedAt: z.string(), score: z.number().nullable() });

// Only what change tracking reads is checked; everything else passes through untouched. A 1.0.0
// report has no fingerprints: they are computed on reading, from the fields that make them.
const findingSchema = z.looseObject({
  fingerprint: z.string().optional(),
  checkId: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  resourceArn: z.string(),
  title: z.string(),
});

export const applicationSchema = z.looseObject({
  applicationArn: z.string(),
  applicationName: z.string(),
  region: z.string(),
  score: z.number().nullable(),
  trend: z.array(pointSchema).optional(),
  findings: z.array(findingSchema),
});

export const reportSchema = z.looseObject({
  schemaVersion: z.string(),
  scanId: z.string(),
  accountId: z.string(),
  completedAt: z.string(),
  score: z.number().nullable(),
  applications: z.array(applicationSchema),
});

/**
 * Why a previous report cannot be compared with this one (another account, or a schema major this
 * version does not read: it reads 1.x, whose findings all carry remediation, and 2.x), or undefined
 * when it can.
 */
export function previousReportProblem(
  report: { accountId: string },
  previous: { accountId: string; schemaVersion: string },
): string | undefined {
  if (previous.accountId !== report.accountId) {
    return `it is a report of account ${previous.accountId}, not ${report.accountId}`;
  }
  const major = majorOf(previous.schemaVersion);
  if (major === undefined) return `its schemaVersion "${previous.schemaVersion}" is not a version number`;
  if (!READABLE_REPORT_MAJORS.includes(major)) {
    return (
      `its schemaVersion ${previous.schemaVersion} has major ${major}, this kda-auditor reads majors ${READABLE}` +
      (major > CURRENT_MAJOR ? ' (upgrade kda-auditor)' : '')
    );
  }
  return undefined;
}

/**
 * Reads the text of `latest.json` as the previous report of the account: unusable (with the reason)
 * when it is not JSON, not a report, of another account or of an unknown schema major. A 1.x report
 * is read in the current shape (fingerprints computed, no remediation on PASS or NOT_APPLICABLE), so
 * a report merged into it is a 2.x report throughout. Pure.
 */
export function parsePreviousReport(text: string, accountId: string, location: string): PreviousReport {
  const parsed = parseJsonDocument(text, reportSchema, 'a kda-auditor report');
  if (!parsed.ok) return unusablePrevious(location, parsed.problem);
  const problem = previousReportProblem({ accountId }, parsed.value);
  if (problem) return unusablePrevious(location, problem);
  const report = parsed.value as unknown as AuditReport;
  return {
    status: 'found',
    location,
    report: isCurrentShape(report) ? report : upgraded(report),
  };
}

// Copying a report of thousands of applications costs memory: only an older one is rewritten. The
// major says the shape: 2.x requires fingerprints and has no idle remediation, so nothing is scanned.
function isCurrentShape(report: AuditReport): boolean {
  return isCurrentMajor(report.schemaVersion);
}

/** Whether a report of `schemaVersion` is in the current shape, read as it is (no upgrade). */
export function isCurrentMajor(schemaVersion: string): boolean {
  return majorOf(schemaVersion) === CURRENT_MAJOR;
}

function upgraded(report: AuditReport): AuditReport {
  return {
    ...report,
    applications: report.applications.map((application) => ({
      ...application,
      findings: application.findings.map((finding) => ({
        ...withoutIdleRemediation(finding),
        fingerprint:
          finding.fingerprint ??
          findingFingerprint({
            accountId: report.accountId,
            region: application.region,
            applicationArn: application.applicationArn,
            checkId: finding.checkId,
            resourceArn: finding.resourceArn,
          }),
      })),
    })),
  };
}

// Schema 1.x repeated the fix in every finding; 2.0.0 keeps it only where action is needed.
function withoutIdleRemediation(finding: ReportFinding): ReportFinding {
  if (isActionable(finding.status)) return finding;
  const { remediation: _idle, ...rest } = finding;
  return rest;
}

/** An unusable previous report, with why and what the scan does without it. */
export function unusablePrevious(
  location: string,
  reason: string,
): Exclude<PreviousReport, { status: 'found' }> {
  return {
    status: 'unusable',
    location,
    reason: `The previous report ${location} was ignored: ${reason}. This scan has no change tracking; the next one compares with this report.`,
  };
}

function majorOf(version: string): number | undefined {
  const match = /^(\d+)\.\d+\.\d+$/.exec(version);
  return match ? Number(match[1]) : undefined;
}
