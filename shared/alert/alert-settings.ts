import { SEVERITIES, type Severity } from '../checks/types.js';
import { InvalidRequestError } from '../errors.js';
import type { AuditReport } from '../report/types.js';

/** When to alert and what to point at. */
export interface AlertOptions {
  /** The least severe FAIL that triggers NEW_FINDINGS (and RESOLVED). */
  threshold?: Severity;
  /** The score drop, in points, that triggers SCORE_DROP. */
  scoreDrop?: number;
  /** Where the full report is (s3://…). */
  reportLocation?: string;
  /** A link people can open (e.g. the HTML report), shown in the email variant. */
  reportUrl?: string;
  /** The size limit of one Publish (message, subject and attributes), in UTF-8 bytes. */
  maxMessageBytes?: number;
}

/** Settings every alert decision shares, defaults applied. */
export interface AlertSettings {
  threshold: Severity;
  scoreDrop: number;
  maxMessageBytes: number;
  reportLocation?: string;
  reportUrl?: string;
}

const DEFAULTS = {
  threshold: 'high',
  scoreDrop: 10,
  // SNS accepts 256 KiB per Publish; the margin keeps a rendering surprise from failing the call.
  maxMessageBytes: 240 * 1024,
} as const satisfies AlertOptions;

const SNS_MAX_BYTES = 256 * 1024;
const MIN_MESSAGE_BYTES = 16 * 1024;

/** The options with defaults applied; throws InvalidRequestError listing every invalid one. */
export function alertSettings(options: AlertOptions): AlertSettings {
  // `??`, not a spread: an option given as undefined means the default.
  const settings: AlertSettings = {
    threshold: options.threshold ?? DEFAULTS.threshold,
    scoreDrop: options.scoreDrop ?? DEFAULTS.scoreDrop,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
    ...(options.reportLocation ? { reportLocation: options.reportLocation } : {}),
    ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
  };
  const problems: string[] = [];
  if (!SEVERITIES.includes(settings.threshold)) {
    problems.push(`alert threshold must be one of ${SEVERITIES.join(', ')}, not "${settings.threshold}"`);
  }
  if (!(settings.scoreDrop > 0 && settings.scoreDrop <= 100)) {
    problems.push(`scoreDrop must be a number of points above 0 and at most 100, not ${settings.scoreDrop}`);
  }
  if (!(settings.maxMessageBytes >= MIN_MESSAGE_BYTES && settings.maxMessageBytes <= SNS_MAX_BYTES)) {
    problems.push(
      `maxMessageBytes must be between ${MIN_MESSAGE_BYTES} and ${SNS_MAX_BYTES} (SNS's limit), not ${settings.maxMessageBytes}`,
    );
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return settings;
}

/** The fields every alert about this report shares. */
export function draftBase(report: AuditReport, settings: AlertSettings) {
  return {
    accountId: report.accountId,
    scanId: report.scanId,
    ...(settings.reportLocation ? { reportLocation: settings.reportLocation } : {}),
    ...(settings.reportUrl ? { reportUrl: settings.reportUrl } : {}),
  };
}
