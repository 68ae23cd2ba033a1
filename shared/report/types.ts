import type { Finding, Severity, Status } from '../checks/types.js';
import type { DependencyEdge, DependencyNode } from '../graph/types.js';
import type { SuggestedPolicy } from '../permissions/suggested-policy.js';
import type { Grade, ScoreCap } from '../score/score.js';
import type { CollectionError } from '../snapshot/types.js';

/** The report format's version; bump the major on any breaking change (schemas/report.schema.json). */
export const REPORT_SCHEMA_VERSION = '1.0.0';

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

/** One verdict, as the report lists it: exactly a finding's fields. */
export type ReportFinding = Finding;

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
}
