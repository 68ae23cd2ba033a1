import type { AppliedSuppression, Finding, Remediation, Severity, Status } from '../checks/types.js';
import type { DependencyEdge, DependencyNode } from '../graph/types.js';
import type { SuggestedPolicy } from '../permissions/suggested-policy.js';
import type { Grade, ScoreCap } from '../score/score.js';
import type { CollectionError } from '../snapshot/types.js';

/** The report format's version; bump the major on any breaking change (schemas/report.schema.json). */
export const REPORT_SCHEMA_VERSION = '2.0.0';

/** Report schema majors this version reads (a previous `latest.json`, a member's report): 1.x and 2.x. */
export const READABLE_REPORT_MAJORS: readonly number[] = [1, 2];

/** Where the snapshot came from: read from AWS now, or given as a file. */
export type ReportSource = 'live' | 'snapshot';

/** What was asked for, and which regions the snapshot actually held. */
export interface ReportScope {
  regions: string[] | 'all';
  applications: string[] | 'all';
  /** Regions judged: those in scope that the snapshot holds. */
  evaluatedRegions: string[];
}

/** Counts that explain a score. */
export interface ReportSummary {
  findings: Record<Status, number>;
  failures: Record<Severity, number>;
}

export type { AppliedSuppression };

/** How a FAIL finding relates to the previous scan of the account (docs/report-format.md). */
export const FINDING_CHANGES = ['NEW', 'PERSISTING', 'REGRESSED'] as const;
export type FindingChange = (typeof FINDING_CHANGES)[number];

/**
 * Statuses that ask someone to act, so their findings carry the fix: a failure, a blind spot (ERROR:
 * grant the read, and the fix applies if the hidden verdict is a failure) and an accepted failure
 * (MUTED: the fix is due when its rule expires). PASS and NOT_APPLICABLE need none.
 */
const ACTIONABLE_STATUSES = ['FAIL', 'ERROR', 'MUTED'] as const satisfies readonly Status[];
type ActionableStatus = (typeof ACTIONABLE_STATUSES)[number];

/** Whether a finding of this status needs action (and its report finding carries `remediation`). */
export function isActionable(status: Status): status is ActionableStatus {
  return (ACTIONABLE_STATUSES as readonly Status[]).includes(status);
}

/** One verdict, as the report lists it: a finding's fields, its fingerprint, and what changed. */
export interface ReportFinding extends Omit<Finding, 'remediation'> {
  /**
   * Only when the status is actionable (FAIL, ERROR, MUTED): a PASS or NOT_APPLICABLE needs no fix,
   * and repeating it made up half of a large report (schema 2.0.0).
   */
  remediation?: Remediation;
  /** Stable across scans (shared/report/fingerprint.ts): account, region, application, check, resource. */
  fingerprint: string;
  /** FAIL findings only, when a previous report of the account was read. */
  change?: FindingChange;
}

/** A finding that FAILed in the previous scan and no longer does (PASS, NOT_APPLICABLE or gone). */
export interface ResolvedFinding {
  fingerprint: string;
  checkId: string;
  severity: Severity;
  title: string;
  resourceArn: string;
  applicationArn: string;
  applicationName: string;
  region: string;
}

/** What changed since the previous scan of the account (absent when there was none to compare). */
export interface ReportChanges {
  previousScanId: string;
  previousCompletedAt: string;
  /** The account's score in the previous scan (for SCORE_DROP alerts). */
  previousScore?: number | null;
  counts: { new: number; persisting: number; regressed: number; resolved: number };
  resolved: ResolvedFinding[];
}

/** One point of an application's score history. */
export interface TrendPoint {
  scanId: string;
  completedAt: string;
  score: number | null;
}

/** A suppression rule whose expiry has passed: it no longer applies, and the report says so. */
export interface ExpiredSuppression {
  ruleId: string;
  line: number;
  expires: string;
  justification: string;
}

/** What the suppression file did in this scan. */
export interface ReportSuppressions {
  source: string;
  rules: number;
  /** Findings muted. */
  applied: number;
  expired: ExpiredSuppression[];
}

/** One application: its score, what it depends on and every verdict, worst first. */
export interface ReportApplication {
  applicationArn: string;
  applicationName: string;
  region: string;
  runtimeEnvironment: string | null;
  score: number | null;
  grade: Grade | null;
  cappedBy?: ScoreCap;
  summary: ReportSummary;
  dependencyGraph: { nodes: DependencyNode[]; edges: DependencyEdge[] };
  /** The least-privilege execution role policy for the dependencies; absent when none is known. */
  suggestedPolicy?: SuggestedPolicy;
  /** Scores of the last scans, oldest first, this one last; absent without change tracking. */
  trend?: TrendPoint[];
  findings: ReportFinding[];
}

/** The audit report written to S3 as JSON (docs/report-format.md). */
export interface AuditReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  scanId: string;
  accountId: string;
  partition: string;
  startedAt: string;
  completedAt: string;
  /** False when collection could not read something: some verdicts are ERROR for that reason. */
  complete: boolean;
  source: ReportSource;
  scope: ReportScope;
  score: number | null;
  grade: Grade | null;
  cappedBy?: ScoreCap;
  summary: ReportSummary & { applications: number };
  /** Worst first: by score ascending, unscored last. */
  applications: ReportApplication[];
  collectionErrors: CollectionError[];
  /** Against the previous report of the account; absent for a first scan or without one to read. */
  changes?: ReportChanges;
  /** Present when a suppression file was given. */
  suppressions?: ReportSuppressions;
  /** Present when this report is a live re-audit merged into the previous one (docs/live-reaudit.md). */
  reaudit?: ReportReaudit;
  /** Present when the scan stopped at its time limit before judging everything (`complete` is false). */
  notReached?: ReportNotReached;
}

/** Why a scan left applications unjudged. */
const NOT_REACHED_REASONS = ['TIME_LIMIT'] as const;
export type NotReachedReason = (typeof NOT_REACHED_REASONS)[number];

/** An application a time-limited scan listed but did not judge. */
export interface NotReachedApplication {
  applicationArn: string;
  applicationName: string;
  region: string;
  /**
   * The scan whose verdicts `applications` shows for it (carried from the previous `latest.json`);
   * absent when the report has no verdict for it.
   */
  judgedIn?: string;
}

/**
 * What a scan did not reach before its time limit (docs/reliability.md, "Time limit"): applications
 * whose verdicts need a read that was not started are left out of this scan's verdicts, and the next
 * scan reads them first.
 */
export interface ReportNotReached {
  reason: NotReachedReason;
  /** Reads not started. */
  reads: number;
  /** Regions whose applications were not listed: which applications they hold is unknown. */
  regions: string[];
  applications: NotReachedApplication[];
}

/** What a live re-audit re-judged, on top of which report, and why. */
export interface ReportReaudit {
  /** The report the re-audited applications were merged into (the previous `latest.json`). */
  baseScanId: string;
  /** Application ARNs re-audited: replaced, added, or removed when gone. */
  applications: string[];
  /** Why, one line per distinct cause (e.g. `kinesis StopStreamEncryption on arn:…`). */
  reasons: string[];
  /** CloudTrail events in the burst, ignored ones included. */
  events: number;
}

/** What buildReport needs besides the evaluation. */
export interface ReportMeta {
  scanId: string;
  startedAt: Date;
  completedAt: Date;
  complete: boolean;
  source: ReportSource;
  scope: { regions?: readonly string[] | 'all'; applications?: readonly string[] };
  collectionErrors: readonly CollectionError[];
  notReached?: ReportNotReached;
}
