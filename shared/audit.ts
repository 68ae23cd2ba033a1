import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import { type AlertMessage, buildAlert } from './alert/build-alert.js';
import { parseArn } from './arn.js';
import type { ClientFactory } from './aws/clients.js';
import type { CallGovernor } from './aws/governor.js';
import { type Check, SEVERITIES, type Severity } from './checks/types.js';
import { type CodeArtifactOptions, collectAccount } from './collect/collect-account.js';
import { InvalidRequestError } from './errors.js';
import { evaluateAccount } from './evaluate/evaluate-account.js';
import { publishAlert } from './publish/publish-alert.js';
import { type ReportLocation, type ReportTarget, writeReport } from './publish/write-report.js';
import { buildReport } from './report/build-report.js';
import type { AuditReport } from './report/types.js';
import type { AccountSnapshot } from './snapshot/types.js';

/** Where the account comes from: a snapshot given whole, or a live read through AWS clients. */
export type SnapshotSource =
  | { kind: 'snapshot'; snapshot: AccountSnapshot }
  | { kind: 'live'; clients: ClientFactory; governor?: CallGovernor; codeArtifacts?: CodeArtifactOptions };

/** What to audit; absent lists mean everything. */
export interface AuditRequest {
  regions?: readonly string[] | 'all';
  /** Application names or ARNs. */
  applications?: readonly string[];
  /** Build the report and write nothing, send nothing. */
  dryRun?: boolean;
}

/** Where results go; each output is skipped when its setting is absent. */
export interface AuditOutputs {
  /** Clients for S3 and SNS; a live source's clients when absent. */
  clients?: ClientFactory;
  /** The report bucket's region (SNS uses the topic's own region). */
  region?: string;
  reportBucket?: string;
  reportPrefix?: string;
  topicArn?: string;
  alertThreshold?: Severity;
}

/** Everything one audit produced. */
export interface AuditResult {
  report: AuditReport;
  snapshot: AccountSnapshot;
  reportLocation?: ReportLocation;
  /** The alert the report warrants (built unless dry run), whether or not a topic was set. */
  alert?: AlertMessage;
  /** Set only when the alert was published. */
  alertMessageId?: string;
}

/** What runAudit takes from outside, so tests control time, ids, progress and the checks. */
export interface AuditDependencies {
  clock?: () => Date;
  newScanId?: () => string;
  progress?: (message: string) => void;
  checks?: readonly Check[];
}

/**
 * Runs one audit: collect (live) or take the snapshot → evaluate → report → write the report to
 * S3 → alert through SNS. A dry run stops after the report. Misconfigured outputs fail before any
 * AWS call. Throws ScanFailedError (collection), PublishError (delivery), InvalidRequestError.
 */
export async function runAudit(
  request: AuditRequest,
  source: SnapshotSource,
  outputs: AuditOutputs = {},
  deps: AuditDependencies = {},
): Promise<AuditResult> {
  const clock = deps.clock ?? (() => new Date());
  const progress = deps.progress ?? (() => {});
  const outputsTo = request.dryRun ? undefined : delivery(source, outputs);

  const startedAt = clock();
  const scanId = deps.newScanId?.() ?? newScanId(startedAt);
  const snapshot =
    source.kind === 'snapshot'
      ? source.snapshot
      : await collectAccount({
          clients: source.clients,
          ...(source.governor ? { governor: source.governor } : {}),
          ...(source.codeArtifacts ? { codeArtifacts: source.codeArtifacts } : {}),
          ...(request.regions ? { regions: request.regions } : {}),
          ...(request.applications ? { applications: request.applications } : {}),
          // Account-wide reads (STS, DescribeRegions) go to the auditor's own region when known.
          ...(outputs.region ? { homeRegion: outputs.region } : {}),
          progress,
          clock,
        });

  const regions = request.regions === 'all' ? undefined : request.regions;
  const evaluation = evaluateAccount(
    snapshot,
    {
      ...(regions ? { regions } : {}),
      ...(request.applications ? { applications: request.applications } : {}),
    },
    deps.checks,
  );
  const collectionErrors = snapshot.collectionErrors ?? [];
  const report = buildReport(evaluation, {
    scanId,
    startedAt,
    completedAt: clock(),
    complete: collectionErrors.length === 0,
    source: source.kind,
    scope: { regions: request.regions, applications: request.applications },
    collectionErrors,
  });
  progress(`Evaluated ${report.summary.applications} application(s): account score ${report.score ?? '-'}.`);
  if (!outputsTo) {
    progress('Dry run: no report written, no alert sent.');
    return { report, snapshot };
  }

  const reportLocation = outputsTo.report
    ? await writeReport(outputsTo.report.s3, outputsTo.report.target, report)
    : undefined;
  if (reportLocation) progress(`Report written to ${reportLocation.uri}.`);

  const alert = buildAlert(report, {
    ...(outputs.alertThreshold ? { threshold: outputs.alertThreshold } : {}),
    ...(reportLocation ? { reportLocation: reportLocation.uri } : {}),
  });
  let alertMessageId: string | undefined;
  if (alert && outputsTo.alert) {
    const { sns, topicArn } = outputsTo.alert;
    alertMessageId = (await publishAlert(sns, topicArn, alert)).messageId;
    progress(`Alert published to ${topicArn}.`);
  }
  return {
    report,
    snapshot,
    ...(reportLocation ? { reportLocation } : {}),
    ...(alert ? { alert } : {}),
    ...(alertMessageId !== undefined ? { alertMessageId } : {}),
  };
}

/** A sortable scan id: the start time as compact ISO 8601, then 8 random hex digits. */
export function newScanId(startedAt: Date): string {
  const compact = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${compact}-${randomBytes(4).toString('hex')}`;
}

interface Delivery {
  report?: { s3: S3Client; target: ReportTarget };
  alert?: { sns: SNSClient; topicArn: string };
}

// Checked before collection, so a misconfigured Lambda fails in seconds, not after a long scan.
function delivery(source: SnapshotSource, outputs: AuditOutputs): Delivery {
  const clients = outputs.clients ?? (source.kind === 'live' ? source.clients : undefined);
  const { reportBucket, reportPrefix, topicArn, region } = outputs;
  const topic = topicArn ? parseArn(topicArn) : undefined;
  const problems: string[] = [];
  if ((reportBucket || topicArn) && !clients) {
    problems.push('outputs.clients is required to write reports or send alerts from a snapshot audit');
  }
  if (reportBucket && !region)
    problems.push(`outputs.region (the region of bucket ${reportBucket}) is required`);
  if (topicArn && (topic?.service !== 'sns' || !topic.region)) {
    problems.push(`topicArn "${topicArn}" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)`);
  }
  if (outputs.alertThreshold && !SEVERITIES.includes(outputs.alertThreshold)) {
    problems.push(`alertThreshold must be one of ${SEVERITIES.join(', ')}, not "${outputs.alertThreshold}"`);
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return {
    ...(clients && reportBucket && region
      ? { report: { s3: clients.s3(region), target: { bucket: reportBucket, prefix: reportPrefix ?? '' } } }
      : {}),
    ...(clients && topicArn && topic ? { alert: { sns: clients.sns(topic.region), topicArn } } : {}),
  };
}
