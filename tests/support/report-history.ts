import type { Severity, Status } from '../../shared/checks/types.js';
import type { ApplicationEvaluation } from '../../shared/evaluate/evaluate-account.js';
import { buildReport } from '../../shared/report/build-report.js';
import type { AuditReport } from '../../shared/report/types.js';
import type { CollectionError } from '../../shared/snapshot/types.js';
import { ACCOUNT_ID, applicationArn, applicationEvaluation, finding, reportMeta } from './audit-builders.js';

/** Builders for sequences of reports: change tracking and alert tests. */

/** A verdict: a status (severity high), or `STATUS:severity`. */
export type Verdict = Status | `${Status}:${Severity}`;

/** One application's verdicts in a scan: check id → verdict, on the application itself, or on STREAM_ARN as `id#stream`. */
export type Verdicts = Record<string, Verdict>;

/** What a scan covered, besides its applications. */
export interface ScanOptions {
  /** Regions evaluated; default every region an application is in, or eu-west-1. */
  regions?: string[];
  /** Applications asked for; default all. */
  applications?: string[];
  collectionErrors?: CollectionError[];
}

/** The stream some tests attach findings to instead of the application. */
export const STREAM_ARN = `arn:aws:kinesis:eu-west-1:${ACCOUNT_ID}:stream/clicks`;

/**
 * Scan number `index` (ids `scan-1`, `scan-2`, …, one day apart) of applications keyed by name, or
 * `name@region` outside eu-west-1.
 */
export function scanReport(
  index: number,
  applications: Record<string, Verdicts>,
  options: ScanOptions = {},
): AuditReport {
  const evaluations = Object.entries(applications).map(([key, verdicts]) => evaluationOf(key, verdicts));
  const regions = options.regions ?? [
    ...new Set(['eu-west-1', ...evaluations.map((evaluation) => evaluation.region)]),
  ];
  const day = String(index).padStart(2, '0');
  const collectionErrors = options.collectionErrors ?? [];
  return buildReport(
    { accountId: ACCOUNT_ID, partition: 'aws', regions, applications: evaluations },
    reportMeta({
      scanId: `scan-${index}`,
      startedAt: new Date(`2026-11-${day}T02:00:00Z`),
      completedAt: new Date(`2026-11-${day}T02:00:05Z`),
      complete: collectionErrors.length === 0,
      scope: {
        ...(options.regions ? { regions: options.regions } : {}),
        ...(options.applications ? { applications: options.applications } : {}),
      },
      collectionErrors,
    }),
  );
}

/** The ARN of an application keyed as in scanReport. */
export function arnOf(key: string): string {
  const [name = key, region = 'eu-west-1'] = key.split('@');
  return applicationArn(name, region);
}

function evaluationOf(key: string, verdicts: Verdicts): ApplicationEvaluation {
  const [name = key, region = 'eu-west-1'] = key.split('@');
  return applicationEvaluation(
    name,
    Object.entries(verdicts).map(([key, verdict]) => {
      const [status, severity = 'high'] = verdict.split(':') as [Status, Severity?];
      const [checkId = key, on] = key.split('#');
      return finding({
        checkId,
        status,
        severity,
        title: `Check ${checkId}`,
        resourceArn: on === 'stream' ? STREAM_ARN : applicationArn(name, region),
        detail: `${name}: ${checkId} is ${status}.`,
      });
    }),
    { region },
  );
}
