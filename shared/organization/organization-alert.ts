import { ACCOUNT_WIDE, type AlertMessage, composeAlert } from '../alert/alert-message.js';
import { alertSettings } from '../alert/alert-settings.js';
import {
  clip,
  highestSeverity,
  plural,
  scoreText,
  severitiesFrom,
  subjectLine,
  thresholdText,
} from '../alert/alert-text.js';
import { SEVERITIES, type Severity } from '../checks/types.js';
import type { OrganizationAccount, OrganizationRegion, OrganizationReport } from './types.js';

/** When the organisation alert is sent, and what it points at. */
export interface OrganizationAlertOptions {
  /** The least severe new FAIL that counts (default high). */
  threshold?: Severity;
  /** Points a target's score must drop by to count (default 10). */
  scoreDrop?: number;
  /** s3:// URI of the organisation report. */
  reportLocation?: string;
}

// Per section of the text variants: hundreds of accounts must still fit one Publish.
const LISTED_LINES = 50;
const NAMED_IN_SUMMARY = 3;
const MAX_REASON_LENGTH = 300;

interface Drop {
  account: OrganizationAccount;
  region: string;
  before: number;
  after: number;
}

/**
 * The one ORGANIZATION_SUMMARY alert of an organisation scan, or undefined when there is nothing
 * to act on: it is sent for new FAILs at or above the threshold in any account, failed targets,
 * incomplete scans, a target's score drop or a failed map run. Persisting findings never alert.
 * Account-wide (`accountId`, `region`, `application` attributes `*`); rendered as composeAlert
 * renders every alert, within 240 KiB. Pure; throws InvalidRequestError for invalid options.
 */
export function organizationAlert(
  report: OrganizationReport,
  options: OrganizationAlertOptions = {},
): AlertMessage | undefined {
  const settings = alertSettings(options);
  const alerting = severitiesFrom(settings.threshold);
  const fresh = report.accounts
    .map((account) => ({
      account,
      count: alerting.reduce((sum, severity) => sum + account.newFindings[severity], 0),
    }))
    .filter(({ count }) => count > 0);
  const drops = report.accounts.flatMap((account) =>
    account.regions.flatMap((region): Drop[] =>
      typeof region.previousScore === 'number' &&
      region.score !== null &&
      region.previousScore - region.score >= settings.scoreDrop
        ? [{ account, region: region.region, before: region.previousScore, after: region.score }]
        : [],
    ),
  );
  const incomplete = report.accounts.flatMap((account) =>
    account.regions
      .filter((region) => region.status === 'scanned' && !region.complete)
      .map((region) => ({ account, region: region.region, missed: missedText(region) })),
  );
  const failed = report.failedTargets;
  if (
    fresh.length === 0 &&
    drops.length === 0 &&
    incomplete.length === 0 &&
    failed.length === 0 &&
    !report.mapError
  )
    return undefined;

  const newCount = fresh.reduce((sum, { count }) => sum + count, 0);
  const severity =
    highestSeverity([
      ...alerting.filter((level) => fresh.some(({ account }) => account.newFindings[level] > 0)),
      ...(failed.length > 0 || report.mapError ? (['high'] as const) : []),
      ...drops.flatMap(({ account }) => SEVERITIES.filter((level) => account.failures[level] > 0)),
    ]) ?? 'info';
  const organization = report.organizationId ?? 'the organisation';
  const headline = [
    ...(newCount > 0 ? [`${plural(newCount, 'new finding')} in ${plural(fresh.length, 'account')}`] : []),
    ...(failed.length > 0 ? [`${plural(failed.length, 'target')} failed`] : []),
    ...(incomplete.length > 0 ? [`${plural(incomplete.length, 'scan')} incomplete`] : []),
    ...(drops.length > 0 ? [`${plural(drops.length, 'score drop')}`] : []),
    ...(report.mapError ? [`the map run failed (${report.mapError.error})`] : []),
  ];
  const named = [
    ...(newCount > 0
      ? [
          `new findings of severity ${thresholdText(settings.threshold)} in ${names(fresh.map(({ account }) => account))}`,
        ]
      : []),
    ...(failed.length > 0
      ? [
          `not scanned: ${namesOf(failed.map((target) => `${target.accountId ?? 'unknown'} ${target.region ?? ''}`.trim()))}`,
        ]
      : []),
  ];
  return composeAlert(
    {
      eventType: 'ORGANIZATION_SUMMARY',
      accountId: ACCOUNT_WIDE,
      severity,
      scanId: report.orgScanId,
      score: report.score,
      grade: report.grade,
      subject: subjectLine(
        `kda-auditor: organisation ${report.organizationId ?? 'scan'}: ${headline.join(', ')}`,
      ),
      summary: `Organisation scan of ${organization}: ${headline.join(', ')}${named.length ? ` (${named.join('; ')})` : ''}.`,
      facts: [
        `Organisation ${scoreText(report)}; ${totalsText(report)}.`,
        ...section(
          `New failing findings of severity ${thresholdText(settings.threshold)}, by account:`,
          fresh.map(
            ({ account }) =>
              `- ${accountText(account)}: ${countsText(account.newFindings, alerting)}; ${scoreText(account)}`,
          ),
        ),
        ...section(
          'Targets not scanned (fix the cause, then the next scan covers them):',
          failed.map(
            (target) =>
              `- ${target.accountId ?? 'unknown account'}${target.accountName ? ` (${target.accountName})` : ''} ${target.region ?? 'unknown region'}: ${target.errorName}, ${clip(target.reason, MAX_REASON_LENGTH)}`,
          ),
        ),
        ...section(
          'Score drops (account, region):',
          drops.map(
            ({ account, region, before, after }) =>
              `- ${accountText(account)} ${region}: ${before} -> ${after}`,
          ),
        ),
        ...section(
          'Incomplete scans (some reads failed or were not started; ERROR is never a pass):',
          incomplete.map(({ account, region, missed }) => `- ${accountText(account)} ${region}${missed}`),
        ),
        ...(report.mapError
          ? [
              `The map run failed: ${report.mapError.error}, ${clip(report.mapError.cause, MAX_REASON_LENGTH)}`,
            ]
          : []),
        'Each account and region has its own report, with every finding: see the organisation report.',
      ],
      findings: [],
      ...(settings.reportLocation ? { reportLocation: settings.reportLocation } : {}),
    },
    settings.maxMessageBytes,
  );
}

/** What the time limit left out of an incomplete region: unlisted applications, unjudged ones. */
function missedText(region: OrganizationRegion): string {
  const missed = [
    ...(region.notListed ? ['applications not listed before the time limit'] : []),
    ...(region.notReached
      ? [`${plural(region.notReached, 'application')} not reached before the time limit`]
      : []),
  ];
  return missed.length > 0 ? `: ${missed.join('; ')}, read first next time` : '';
}

function section(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const listed = lines.slice(0, LISTED_LINES);
  const more = lines.length - listed.length;
  return [title, ...listed, ...(more > 0 ? [`… and ${more} more: see the organisation report.`] : [])];
}

function accountText(account: OrganizationAccount): string {
  return account.accountName ? `${account.accountId} (${clip(account.accountName, 60)})` : account.accountId;
}

function names(accounts: readonly OrganizationAccount[]): string {
  return namesOf(accounts.map(accountText));
}

function namesOf(items: readonly string[]): string {
  const listed = items.slice(0, NAMED_IN_SUMMARY);
  const more = items.length - listed.length;
  return `${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function countsText(counts: Record<Severity, number>, severities: readonly Severity[]): string {
  return severities
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`)
    .join(', ');
}

function totalsText(report: OrganizationReport): string {
  const { accounts, targets } = report.totals;
  return (
    `accounts: ${accounts.scanned} scanned, ${accounts.partial} partly, ${accounts.failed} failed, ${accounts.skipped} skipped; ` +
    `targets (account x region): ${targets.scanned} of ${targets.total} scanned, ${targets.incomplete} incomplete`
  );
}
