import { readFileSync } from 'node:fs';
import { isNotStarted, TIME_LIMIT_REACHED } from '../../shared/collect/time-limit.js';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import { buildReport } from '../../shared/report/build-report.js';
import { leaveOutNotReached } from '../../shared/report/not-reached.js';
import type { AuditReport } from '../../shared/report/types.js';
import { parseSnapshotText } from '../../shared/snapshot/read.js';
import type { AccountSnapshot, CollectionError } from '../../shared/snapshot/types.js';

/** The example account: clickstream-enricher and legacy-sessionizer in eu-west-1. */
export const example = parseSnapshotText(
  readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8'),
  'example-account.json',
);
export const SESSIONS_IN = 'arn:aws:kinesis:eu-west-1:111122223333:stream/sessions-in';
export const ENRICHER = 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/clickstream-enricher';
export const SESSIONIZER = 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer';

/** A read the scan did not start, as callAws records it. */
export function notStarted(error: Omit<CollectionError, 'code' | 'message'>): CollectionError {
  return { ...error, code: TIME_LIMIT_REACHED, message: 'Not started: the scan stopped starting reads.' };
}

/** The example account as a scan that stopped before reading the sessionizer's input stream has it. */
export function withoutSessionsIn(extraErrors: CollectionError[] = []): AccountSnapshot {
  const region = example.regions?.['eu-west-1'] ?? {};
  return {
    ...example,
    regions: {
      ...example.regions,
      'eu-west-1': {
        ...region,
        streams: (region.streams ?? []).filter((stream) => stream.StreamARN !== SESSIONS_IN),
      },
    },
    collectionErrors: [
      notStarted({ operation: 'kinesis:DescribeStreamSummary', region: 'eu-west-1', resource: SESSIONS_IN }),
      ...extraErrors,
    ],
  };
}

/** The report runAudit builds of a snapshot, before change tracking: time-limit leftovers listed. */
export function scanReport(
  snapshot: AccountSnapshot,
  scanId: string,
  applications?: readonly string[],
): AuditReport {
  const scope = applications ? { applications } : {};
  const { evaluation, notReached } = leaveOutNotReached(snapshot, evaluateAccount(snapshot, scope), scope);
  const errors = snapshot.collectionErrors ?? [];
  const time = new Date(`2026-11-${scanId.slice(6, 8)}T02:00:00Z`);
  return buildReport(evaluation, {
    scanId,
    startedAt: time,
    completedAt: time,
    complete: errors.length === 0,
    source: 'snapshot',
    scope: applications ? { applications } : {},
    collectionErrors: errors.filter((error) => !isNotStarted(error)),
    ...(notReached ? { notReached } : {}),
  });
}
