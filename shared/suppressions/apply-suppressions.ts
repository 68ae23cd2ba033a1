import type { AppliedSuppression, Finding } from '../checks/types.js';
import type { AccountEvaluation, ApplicationEvaluation } from '../evaluate/evaluate-account.js';
import { resourceMatches } from '../policy/wildcard.js';
import type { ExpiredSuppression, ReportSuppressions } from '../report/types.js';
import type { SuppressionRule, SuppressionSet } from './types.js';

/** What a rule is matched against: one finding, where it was found. */
export interface SuppressionTarget {
  accountId: string;
  region: string;
  applicationName: string;
  applicationArn: string;
  checkId: string;
  resourceArn: string;
}

/** The start of the day a rule stops applying: from 00:00 UTC on `expires`, it is expired. */
export function expiryInstant(rule: Pick<SuppressionRule, 'expires'>): Date {
  return new Date(`${rule.expires}T00:00:00.000Z`);
}

/** Whether a rule no longer applies at `now`. */
export function isExpired(rule: Pick<SuppressionRule, 'expires'>, now: Date): boolean {
  return now.getTime() >= expiryInstant(rule).getTime();
}

/**
 * Whether every pattern the rule gives matches the target (`*` any run of characters,
 * case-sensitive, whole value); the application pattern may match the name or the ARN.
 */
export function ruleMatches(rule: Pick<SuppressionRule, 'match'>, target: SuppressionTarget): boolean {
  const { account, region, application, check, resource } = rule.match;
  const fits = (pattern: string | undefined, value: string) =>
    pattern === undefined || resourceMatches(pattern, value);
  return (
    fits(account, target.accountId) &&
    fits(region, target.region) &&
    (application === undefined ||
      resourceMatches(application, target.applicationName) ||
      resourceMatches(application, target.applicationArn)) &&
    fits(check, target.checkId) &&
    fits(resource, target.resourceArn)
  );
}

/** Statuses a rule can mute: an accepted failure, or an accepted blind spot. */
const MUTABLE_STATUSES: ReadonlySet<Finding['status']> = new Set(['FAIL', 'ERROR']);

/**
 * Mutes every FAIL or ERROR finding that an unexpired rule matches (the first matching rule wins):
 * status MUTED, with the rule in `suppression`. Other findings are returned as they are. Expired
 * rules apply to nothing and are listed in the summary. Pure: the input is not changed.
 */
export function applySuppressions(
  evaluation: AccountEvaluation,
  set: SuppressionSet,
  now: Date,
): { evaluation: AccountEvaluation; summary: ReportSuppressions } {
  const active = set.rules.filter((rule) => !isExpired(rule, now));
  const expired = set.rules.filter((rule) => isExpired(rule, now)).map(expiredSuppression);
  let applied = 0;

  const muteIn = (application: ApplicationEvaluation): ApplicationEvaluation => ({
    ...application,
    findings: application.findings.map((finding) => {
      if (!MUTABLE_STATUSES.has(finding.status)) return finding;
      const target: SuppressionTarget = {
        accountId: evaluation.accountId,
        region: application.region,
        applicationName: application.applicationName,
        applicationArn: application.applicationArn,
        checkId: finding.checkId,
        resourceArn: finding.resourceArn,
      };
      const rule = active.find((candidate) => ruleMatches(candidate, target));
      if (!rule) return finding;
      applied += 1;
      return { ...finding, status: 'MUTED', suppression: appliedSuppression(rule) };
    }),
  });

  return {
    evaluation: { ...evaluation, applications: evaluation.applications.map(muteIn) },
    summary: { source: set.source, rules: set.rules.length, applied, expired },
  };
}

function appliedSuppression(rule: SuppressionRule): AppliedSuppression {
  const { ruleId, justification, expires, source, line } = rule;
  return { ruleId, justification, expires, source, line };
}

function expiredSuppression(rule: SuppressionRule): ExpiredSuppression {
  const { ruleId, line, expires, justification } = rule;
  return { ruleId, line, expires, justification };
}
