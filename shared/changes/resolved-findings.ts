import type { AuditReport, ReportApplication, ResolvedFinding } from '../report/types.js';
import { listingFailed } from '../snapshot/application-listing.js';
import type { BaselineApplication, ComparisonBaseline } from './comparison-baseline.js';

/**
 * The previous report's FAIL findings that this report resolves: now PASS or NOT_APPLICABLE, no
 * longer judged (the resource left the application), or whose application is gone. Only within this
 * report's scope, and never when the answer is unknown: a finding now ERROR or MUTED, a check now
 * ERROR on the application, or a region whose applications could not be listed.
 */
export function resolvedFindings(report: AuditReport, previous: ComparisonBaseline): ResolvedFinding[] {
  const current = new Map(
    report.applications.flatMap((application) =>
      application.findings.map((finding) => [finding.fingerprint, finding.status] as const),
    ),
  );
  const applications = new Map(
    report.applications.map((application) => [application.applicationArn, application]),
  );
  const resolved: ResolvedFinding[] = [];
  for (const before of previous.applications) {
    for (const finding of before.findings) {
      const { checkId, severity, title, resourceArn } = finding;
      // A baseline keeps a FAIL's description: one without it cannot be listed as resolved.
      if (finding.status !== 'FAIL' || !checkId || !severity || title === undefined || !resourceArn) continue;
      const status = current.get(finding.fingerprint);
      const isResolved =
        status === undefined
          ? inScope(report, before) &&
            goneFrom(report, before, applications.get(before.applicationArn), checkId)
          : status === 'PASS' || status === 'NOT_APPLICABLE';
      if (!isResolved) continue;
      resolved.push({
        fingerprint: finding.fingerprint,
        checkId,
        severity,
        title,
        resourceArn,
        applicationArn: before.applicationArn,
        applicationName: before.applicationName,
        region: before.region,
      });
    }
  }
  return resolved;
}

/**
 * Whether this report judged the application: its region was evaluated and, when listed, the
 * application asked for; and the scan reached it before its time limit (a region whose applications
 * were not listed reached none of them).
 */
export function inScope(
  report: AuditReport,
  application: Pick<ReportApplication, 'region' | 'applicationName' | 'applicationArn'>,
): boolean {
  const { evaluatedRegions, applications } = report.scope;
  if (report.notReached?.regions.includes(application.region)) return false;
  if (notReachedArns(report).has(application.applicationArn)) return false;
  return (
    evaluatedRegions.includes(application.region) &&
    (applications === 'all' ||
      applications.includes(application.applicationName) ||
      applications.includes(application.applicationArn))
  );
}

function goneFrom(
  report: AuditReport,
  before: Pick<BaselineApplication, 'region'>,
  now: ReportApplication | undefined,
  checkId: string,
): boolean {
  if (now) return !now.findings.some((finding) => finding.checkId === checkId && finding.status === 'ERROR');
  // Without the region's application list, an application missing from the report is unknown, not gone.
  return !listingFailed(report.collectionErrors, before.region);
}

// inScope runs once per previous finding: the not-reached list is turned into a set once per report.
const notReachedSets = new WeakMap<AuditReport, ReadonlySet<string>>();

function notReachedArns(report: AuditReport): ReadonlySet<string> {
  let arns = notReachedSets.get(report);
  if (!arns) {
    arns = new Set((report.notReached?.applications ?? []).map((missed) => missed.applicationArn));
    notReachedSets.set(report, arns);
  }
  return arns;
}
