import type { Severity } from '../checks/types.js';
import type { AuditReport, ReportApplication, ReportFinding, ResolvedFinding } from '../report/types.js';
import { type AlertDraft, type AlertMessage, composeAlert, type DraftFinding } from './alert-message.js';
import { type AlertOptions, type AlertSettings, alertSettings, draftBase } from './alert-settings.js';
import {
  bySeverity,
  highestSeverity,
  plural,
  severitiesFrom,
  subjectLine,
  thresholdText,
} from './alert-text.js';
import { scanIncompleteDraft } from './scan-alerts.js';

export type { AlertOptions } from './alert-settings.js';

/**
 * The alerts a report warrants (docs/alerts.md), in this order: NEW_FINDINGS (one per application
 * with new or regressed FAILs at or above the threshold; every FAIL counts as new without a previous
 * report), SCORE_DROP (account, then applications), RESOLVED (one per application, when a resolved
 * finding is at or above the threshold), SCAN_INCOMPLETE. PERSISTING findings never alert. Pure.
 */
export function decideAlerts(report: AuditReport, options: AlertOptions = {}): AlertMessage[] {
  const settings = alertSettings(options);
  const drafts = [
    ...report.applications.flatMap((application) => newFindingsDraft(report, application, settings) ?? []),
    ...[accountScoreDropDraft(report, settings)].filter((draft) => draft !== undefined),
    ...report.applications.flatMap((application) => scoreDropDraft(report, application, settings) ?? []),
    ...resolvedDrafts(report, settings),
    ...(report.complete ? [] : [scanIncompleteDraft(report, settings)]),
  ];
  return drafts.map((draft) => composeAlert(draft, settings.maxMessageBytes));
}

function newFindingsDraft(
  report: AuditReport,
  application: ReportApplication,
  settings: AlertSettings,
): AlertDraft | undefined {
  const alerting = severitiesFrom(settings.threshold);
  const fresh = application.findings.filter(
    (finding) =>
      finding.status === 'FAIL' && alerting.includes(finding.severity) && finding.change !== 'PERSISTING',
  );
  const severity = highestSeverity(fresh.map((finding) => finding.severity));
  if (!severity) return undefined;
  const regressed = fresh.filter((finding) => finding.change === 'REGRESSED').length;
  const counts = [`${fresh.length - regressed} new`, ...(regressed ? [`${regressed} regressed`] : [])];
  const where = `${application.applicationName} (${application.region})`;
  return {
    ...draftBase(report, settings),
    ...applicationFields(application),
    eventType: 'NEW_FINDINGS',
    severity,
    subject: subjectLine(
      `kda-auditor: ${plural(fresh.length, 'new finding')} in ${where}, account ${report.accountId}`,
    ),
    summary: `${where}: ${counts.join(' and ')} failing finding${fresh.length === 1 ? '' : 's'} of severity ${thresholdText(settings.threshold)}.`,
    facts: [
      report.changes
        ? `Compared with scan ${report.changes.previousScanId}. REGRESSED: it passed, did not apply, was muted or could not be verified then.`
        : 'No previous report to compare with: every failing finding at the threshold is reported as new.',
    ],
    findings: fresh.map((finding) => draftFinding(finding, finding.change ?? 'NEW')),
  };
}

function accountScoreDropDraft(report: AuditReport, settings: AlertSettings): AlertDraft | undefined {
  const previous = report.changes?.previousScore;
  if (!isDrop(previous, report.score, settings.scoreDrop)) return undefined;
  const fresh = report.applications.flatMap(freshFailures).sort(bySeverity);
  return {
    ...draftBase(report, settings),
    eventType: 'SCORE_DROP',
    severity: draggingSeverity(report.applications.flatMap((application) => application.findings)),
    score: report.score,
    previousScore: previous ?? null,
    grade: report.grade,
    subject: subjectLine(`kda-auditor: account ${report.accountId} score ${previous} -> ${report.score}`),
    summary: `The score of account ${report.accountId} dropped from ${previous} to ${report.score} (${dropText(previous, report.score)}).`,
    facts: dropFacts(
      report,
      fresh.length,
      report.applications.flatMap((application) => application.findings),
    ),
    findings: fresh.map((finding) => draftFinding(finding, finding.change)),
  };
}

function scoreDropDraft(
  report: AuditReport,
  application: ReportApplication,
  settings: AlertSettings,
): AlertDraft | undefined {
  // Only a point from the previous scan counts: the trend carries it when the application was in it.
  const previous = report.changes ? application.trend?.at(-2) : undefined;
  if (!previous || previous.scanId !== report.changes?.previousScanId) return undefined;
  if (!isDrop(previous.score, application.score, settings.scoreDrop)) return undefined;
  const fresh = freshFailures(application);
  const where = `${application.applicationName} (${application.region})`;
  return {
    ...draftBase(report, settings),
    ...applicationFields(application),
    eventType: 'SCORE_DROP',
    severity: draggingSeverity(application.findings),
    previousScore: previous.score,
    subject: subjectLine(
      `kda-auditor: ${where} score ${previous.score} -> ${application.score}, account ${report.accountId}`,
    ),
    summary: `The score of ${where} dropped from ${previous.score} to ${application.score} (${dropText(previous.score, application.score)}).`,
    facts: dropFacts(report, fresh.length, application.findings),
    findings: fresh.map((finding) => draftFinding(finding, finding.change)),
  };
}

function resolvedDrafts(report: AuditReport, settings: AlertSettings): AlertDraft[] {
  const changes = report.changes;
  if (!changes) return [];
  const alerting = severitiesFrom(settings.threshold);
  const byApplication = new Map<string, ResolvedFinding[]>();
  for (const finding of changes.resolved) {
    byApplication.set(finding.applicationArn, [
      ...(byApplication.get(finding.applicationArn) ?? []),
      finding,
    ]);
  }
  return [...byApplication.values()].flatMap((resolved) => {
    const listed = resolved.filter((finding) => alerting.includes(finding.severity)).sort(bySeverity);
    const severity = highestSeverity(listed.map((finding) => finding.severity));
    const first = resolved[0];
    if (!severity || !first) return [];
    const application = report.applications.find(
      (candidate) => candidate.applicationArn === first.applicationArn,
    );
    const where = `${first.applicationName} (${first.region})`;
    const below = resolved.length - listed.length;
    return [
      {
        ...draftBase(report, settings),
        eventType: 'RESOLVED',
        severity,
        application: { name: first.applicationName, arn: first.applicationArn, region: first.region },
        score: application?.score ?? null,
        grade: application?.grade ?? null,
        subject: subjectLine(
          `kda-auditor: ${plural(listed.length, 'finding')} resolved in ${where}, account ${report.accountId}`,
        ),
        summary: `${where}: ${plural(listed.length, 'finding')} of severity ${thresholdText(settings.threshold)} resolved since scan ${changes.previousScanId}.`,
        facts: [
          'Resolved: failing in the previous scan, now passing, not applicable, or its resource or application is gone.',
          ...(application ? [] : ['The application is no longer in the account.']),
          ...(below > 0 ? [`Also resolved, below the threshold: ${plural(below, 'finding')}.`] : []),
        ],
        findings: listed.map((finding) => resolvedFinding(finding, changes.previousScanId)),
      },
    ];
  });
}

function applicationFields(application: ReportApplication) {
  return {
    application: {
      name: application.applicationName,
      arn: application.applicationArn,
      region: application.region,
    },
    score: application.score,
    grade: application.grade,
  };
}

function freshFailures(application: ReportApplication): ReportFinding[] {
  return application.findings.filter(
    (finding) => finding.status === 'FAIL' && (finding.change === 'NEW' || finding.change === 'REGRESSED'),
  );
}

// What pulls a score down: FAIL and ERROR findings; a drop with neither is reported as info.
function draggingSeverity(findings: readonly ReportFinding[]): Severity {
  const dragging = findings.filter((finding) => finding.status === 'FAIL' || finding.status === 'ERROR');
  return highestSeverity(dragging.map((finding) => finding.severity)) ?? 'info';
}

function dropFacts(report: AuditReport, fresh: number, findings: readonly ReportFinding[]): string[] {
  const errors = findings.filter((finding) => finding.status === 'ERROR').length;
  return [
    `Compared with scan ${report.changes?.previousScanId}: ${plural(fresh, 'new or regressed failure')} (listed below, any severity), ${plural(errors, 'check')} that could not verify (ERROR, never a pass).`,
  ];
}

function isDrop(before: number | null | undefined, after: number | null, points: number): before is number {
  return typeof before === 'number' && after !== null && before - after >= points;
}

function dropText(before: number | null | undefined, after: number | null): string {
  return `-${(before ?? 0) - (after ?? 0)} points`;
}

function draftFinding(finding: ReportFinding, change: ReportFinding['change']): DraftFinding {
  return {
    severity: finding.severity,
    checkId: finding.checkId,
    title: finding.title,
    resourceArn: finding.resourceArn,
    detail: finding.detail,
    ...(change ? { change } : {}),
    remediation: finding.remediation,
  };
}

function resolvedFinding(finding: ResolvedFinding, previousScanId: string): DraftFinding {
  return {
    severity: finding.severity,
    checkId: finding.checkId,
    title: finding.title,
    resourceArn: finding.resourceArn,
    detail: `Failed in scan ${previousScanId}; no longer fails.`,
  };
}
