import type { Severity } from '../checks/types.js';
import type { Grade, ScoreBasis, ScoreCap } from '../score/score.js';

/** The organisation report format's version (schemas/organization-report.schema.json). */
export const ORGANIZATION_REPORT_SCHEMA_VERSION = '1.1.0';

/** One item of the organisation scan's Distributed Map: one account in one region. */
export interface ScanTarget {
  orgScanId: string;
  accountId: string;
  accountName?: string;
  region: string;
}

/** An account the organisation scan leaves out, and why (inactive, excluded, not included). */
export interface SkippedAccount {
  accountId: string;
  accountName?: string;
  reason: string;
}

/** An application as the organisation report lists it among the worst. */
export interface WorstApplication {
  applicationArn: string;
  applicationName: string;
  score: number | null;
  grade: Grade | null;
}

/** What one item scan returns to the state machine: small, so the Map's results stay small. */
export type MemberScanResult =
  | {
      status: 'scanned';
      accountId: string;
      accountName?: string;
      region: string;
      scanId: string;
      score: number | null;
      grade: Grade | null;
      /** The regional report's account-level basis: bases add up to the account's score. */
      scoreBasis: ScoreBasis;
      applications: number;
      failures: Record<Severity, number>;
      /** Findings that could not be verified (ERROR). */
      errors: number;
      complete: boolean;
      /**
       * Applications the item's time limit left unjudged (the regional report's `notReached`; they
       * keep their previous verdicts and are read first next time); absent when none.
       */
      notReached?: number;
      /**
       * The item's time limit came before its region's applications were listed: which applications
       * the region holds is unknown (the report's `notReached.regions`). Absent when listed.
       */
      notListed?: true;
      reportKey?: string;
      /** FAIL findings, by severity, that did not fail in the previous scan (all of them without one). */
      newFindings: Record<Severity, number>;
      resolvedFindings: number;
      /** The regional report's previous score, when a previous report was compared. */
      previousScore?: number | null;
      /** At most 5, worst first. */
      worstApplications: WorstApplication[];
    }
  | {
      status: 'failed';
      accountId: string;
      accountName?: string;
      region: string;
      reason: string;
      errorName: string;
    };

/** A Map item that produced no result: its child execution failed, timed out, or never ran. */
export interface FailedMapItem {
  /** The item, when its input could be read. */
  target: ScanTarget | null;
  error: string;
  cause: string;
}

/** One region of an account in the organisation report. */
export interface OrganizationRegion {
  region: string;
  status: 'scanned' | 'failed';
  score: number | null;
  grade: Grade | null;
  previousScore?: number | null;
  applications: number;
  complete: boolean;
  /** Applications the regional scan's time limit left unjudged; absent when none. */
  notReached?: number;
  /** The regional scan's time limit came before its applications were listed; absent when listed. */
  notListed?: true;
  scanId?: string;
  reportKey?: string;
  /** Why the region could not be scanned (failed only). */
  reason?: string;
  errorName?: string;
}

/** One account: its score over every region scanned, and each region's outcome. */
export interface OrganizationAccount {
  accountId: string;
  accountName?: string;
  /** scanned: every region; partial: some; failed: none. */
  status: 'scanned' | 'partial' | 'failed';
  score: number | null;
  grade: Grade | null;
  cappedBy?: ScoreCap;
  applications: number;
  failures: Record<Severity, number>;
  errors: number;
  newFindings: Record<Severity, number>;
  resolvedFindings: number;
  /** False when a region failed or a regional scan was incomplete. */
  complete: boolean;
  regions: OrganizationRegion[];
}

/** An application among the organisation's worst. */
export interface OrganizationApplication extends WorstApplication {
  accountId: string;
  accountName?: string;
  region: string;
}

/** A target (account × region) that was not scanned; account and region are null when unknown. */
export interface FailedTarget {
  accountId: string | null;
  accountName?: string;
  region: string | null;
  reason: string;
  errorName: string;
}

/** Totals over the whole organisation scan. */
export interface OrganizationTotals {
  accounts: { listed: number; scanned: number; partial: number; failed: number; skipped: number };
  targets: { total: number; scanned: number; failed: number; incomplete: number };
  applications: number;
  failures: Record<Severity, number>;
  errors: number;
  newFindings: Record<Severity, number>;
  resolvedFindings: number;
}

/** The organisation report written to S3 (docs/organization-report.md). */
export interface OrganizationReport {
  schemaVersion: typeof ORGANIZATION_REPORT_SCHEMA_VERSION;
  orgScanId: string;
  organizationId?: string;
  startedAt: string;
  completedAt: string;
  /** False when a target failed, a regional scan was incomplete or the Map itself failed. */
  complete: boolean;
  /** Over every finding of every scanned target, as one account's score is. */
  score: number | null;
  grade: Grade | null;
  cappedBy?: ScoreCap;
  totals: OrganizationTotals;
  /** Worst first: failed accounts, then by score ascending, unscored last. */
  accounts: OrganizationAccount[];
  /** At most 10, worst first. */
  worstApplications: OrganizationApplication[];
  failedTargets: FailedTarget[];
  skipped: SkippedAccount[];
  /** The Distributed Map's own error, when it failed as a whole. */
  mapError?: { error: string; cause: string };
}
