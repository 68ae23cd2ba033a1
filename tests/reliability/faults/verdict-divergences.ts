import { type Finding, SEVERITIES } from '../../../shared/checks/types.js';
import { SCORE_CAPS } from '../../../shared/score/score.js';
import type { CollectionError } from '../../../shared/snapshot/types.js';

const CRITICAL_CEILING = SCORE_CAPS.find(({ cap }) => cap === 'critical')?.ceiling ?? 0;

/** The part of a report the fault property compares: verdicts, scores, failed reads, completeness. */
export interface ScannedVerdicts {
  complete: boolean;
  score: number | null;
  collectionErrors: readonly CollectionError[];
  applications: readonly {
    applicationArn: string;
    region: string;
    score: number | null;
    findings: readonly Pick<Finding, 'checkId' | 'status' | 'severity' | 'resourceArn' | 'detail'>[];
  }[];
}

const LIST_APPLICATIONS = 'kinesisanalytics:ListApplications';

/**
 * How a scan under faults departs from the clean scan of the same account, beyond what the
 * promise allows: a finding may only turn ERROR (or be replaced by a coarser ERROR of the same
 * check) when its detail names a read that failed in this scan and not in the clean one, and no
 * FAIL or ERROR may be milder than the clean one; no application score may be higher than the clean
 * one, nor the account's (nor above the critical cap when a region could not be listed); an
 * application may only be missing when its region could not be listed. Empty when the promise holds.
 */
export function verdictDivergences(clean: ScannedVerdicts, faulty: ScannedVerdicts): string[] {
  const divergences: string[] = [];
  const errorKey = (error: CollectionError) =>
    [error.operation, error.resource ?? '', error.region ?? '', error.code].join('|');
  const cleanErrors = new Set(clean.collectionErrors.map(errorKey));
  const newErrors = faulty.collectionErrors.filter((error) => !cleanErrors.has(errorKey(error)));
  if (newErrors.length > 0 && faulty.complete) {
    divergences.push(`the report says complete although ${newErrors.length} read(s) failed`);
  }

  const faultyApps = new Map(faulty.applications.map((app) => [app.applicationArn, app]));
  const cleanApps = new Map(clean.applications.map((app) => [app.applicationArn, app]));
  for (const app of clean.applications) {
    if (faultyApps.has(app.applicationArn)) continue;
    const unlisted = newErrors.some(
      (error) => error.operation === LIST_APPLICATIONS && error.region === app.region,
    );
    if (!unlisted) divergences.push(`${app.applicationArn} is missing, yet ${app.region} was listed`);
  }

  for (const app of faulty.applications) {
    const cleanApp = cleanApps.get(app.applicationArn);
    if (!cleanApp) {
      divergences.push(`${app.applicationArn} is not in the clean scan`);
      continue;
    }
    const verdictKey = (finding: { checkId: string; resourceArn: string }) =>
      `${finding.checkId} ${finding.resourceArn}`;
    const cleanFindings = new Map(cleanApp.findings.map((finding) => [verdictKey(finding), finding]));
    const faultyKeys = new Set(app.findings.map(verdictKey));
    const explained = (finding: Pick<Finding, 'resourceArn' | 'detail'>) =>
      newErrors.some((error) => explains(error, finding, app.applicationArn));
    for (const finding of app.findings) {
      const before = cleanFindings.get(verdictKey(finding));
      const expected = before?.status ?? 'no verdict';
      const where = `${app.applicationArn} ${finding.checkId} on ${finding.resourceArn}`;
      if (before && milder(finding, before)) {
        divergences.push(
          `${where}: ${finding.status} at ${finding.severity} where the clean scan has ${before.status} at ${before.severity}`,
        );
      }
      if (finding.status === expected) continue;
      if (finding.status !== 'ERROR') {
        divergences.push(`${where}: ${finding.status} where the clean scan has ${expected}`);
      } else if (!explained(finding)) {
        divergences.push(`${where}: ERROR (clean: ${expected}) names no read that failed: ${finding.detail}`);
      }
    }
    for (const finding of cleanApp.findings) {
      if (faultyKeys.has(verdictKey(finding))) continue;
      // Only a coarser ERROR of the same check, naming a read that failed, may take its place.
      const replaced = app.findings.some(
        (other) => other.checkId === finding.checkId && other.status === 'ERROR' && explained(other),
      );
      if (!replaced) {
        divergences.push(
          `${app.applicationArn} ${finding.checkId} on ${finding.resourceArn}: ${finding.status} vanished with no ERROR in its place`,
        );
      }
    }
    if (higher(app.score, cleanApp.score)) {
      divergences.push(
        `${app.applicationArn} scores ${app.score} where the clean scan scores ${cleanApp.score}`,
      );
    }
  }
  // A region that could not be listed may hide the clean scan's worst application: the account
  // score is then capped as a critical failure caps, not compared with the clean one below that.
  const everyApplication = clean.applications.every((app) => faultyApps.has(app.applicationArn));
  const ceiling =
    everyApplication || clean.score === null ? clean.score : Math.max(clean.score, CRITICAL_CEILING);
  if (higher(faulty.score, ceiling)) {
    divergences.push(
      everyApplication
        ? `the account scores ${faulty.score} where the clean scan scores ${clean.score}`
        : `the account scores ${faulty.score} with a region unlisted, above the critical cap of ${CRITICAL_CEILING}`,
    );
  }
  return divergences;
}

// A FAIL or ERROR less severe than the clean verdict on the same resource would weigh and cap less.
function milder(finding: Pick<Finding, 'status' | 'severity'>, clean: Pick<Finding, 'status' | 'severity'>) {
  const judged = (status: string) => status === 'FAIL' || status === 'ERROR';
  if (!judged(finding.status) || !judged(clean.status)) return false;
  return SEVERITIES.indexOf(finding.severity) > SEVERITIES.indexOf(clean.severity);
}

function higher(score: number | null, clean: number | null): boolean {
  return score !== null && clean !== null && score > clean;
}

// An ERROR finding explains itself: its detail names the resource that failed, or the failure's
// code with its operation or on the finding's own resource (an undescribed application's findings
// sit on the application; a code object's on its bucket's object).
function explains(
  error: CollectionError,
  finding: Pick<Finding, 'resourceArn' | 'detail'>,
  applicationArn: string,
): boolean {
  const { resource } = error;
  if (resource !== undefined && finding.detail.includes(resource)) return true;
  if (!finding.detail.includes(error.code)) return false;
  if (finding.detail.includes(error.operation)) return true;
  return (
    resource !== undefined &&
    (resource === finding.resourceArn ||
      finding.resourceArn.startsWith(`${resource}/`) ||
      resource === applicationArn)
  );
}
