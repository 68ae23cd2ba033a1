import type { DependencyGraph } from '../graph/types.js';
import type { AccountIndex } from '../snapshot/account-index.js';
import type { ApplicationDetail } from '../snapshot/types.js';

/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The four best practices kda-auditor enforces, plus `operations` for the checks beyond them. */
export const BEST_PRACTICES = [
  'least-privilege',
  'iam-roles',
  'encryption',
  'cloudtrail',
  'operations',
] as const;
export type BestPractice = (typeof BEST_PRACTICES)[number];

/**
 * A finding's verdict. ERROR: the check could not decide (data missing or unreadable), which is
 * never a pass. NOT_APPLICABLE: the application has nothing this check judges. MUTED: a
 * suppression rule (with its justification and expiry) covers the finding; checks never return it.
 */
export const STATUSES = ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE', 'MUTED'] as const;
export type Status = (typeof STATUSES)[number];

/** What a check itself returns: every status but MUTED, which only suppressions set. */
export type CheckStatus = Exclude<Status, 'MUTED'>;

/** How to fix a failure, three ways. */
export interface Remediation {
  console: string;
  cli: string;
  cloudformation: string;
  /** Links to AWS documentation. */
  references: string[];
}

/** A check's metadata: data beside its code, validated by a test and rendered into docs/checks.md. */
export interface CheckMetadata {
  id: string;
  title: string;
  bestPractice: BestPractice;
  severity: Severity;
  /**
   * The severity a FAIL of this check rises to at worst (a key pending deletion, a live access
   * key), when above `severity`. An ERROR of the check carries it: what could not be read may hide
   * exactly that failure, so it weighs and caps the score as that failure would.
   */
  escalatesTo?: Severity;
  /** What the check looks at, in one or two sentences. */
  description: string;
  /** Exactly what makes it PASS, FAIL, ERROR and NOT_APPLICABLE. */
  logic: string;
  /** What can go wrong when it fails. */
  risk: string;
  remediation: Remediation;
}

/** What a check sees: one application, its dependency graph and the whole account. */
export interface CheckContext {
  index: AccountIndex;
  region: string;
  application: ApplicationDetail;
  graph: DependencyGraph;
}

/** One verdict on one resource, before the check's metadata is attached. */
export interface CheckOutcome {
  status: CheckStatus;
  resourceArn: string;
  /** One sentence that names the resource and says why. Never contains a secret value. */
  detail: string;
  /**
   * Set only when this outcome is more or less severe than the check's default. Not for ERROR, which
   * always carries `escalatesTo` (else the default): evaluation sets it.
   */
  severity?: Severity;
}

/** A check: pure, synchronous, no I/O. Returns at least one outcome. */
export interface Check {
  metadata: CheckMetadata;
  evaluate(context: CheckContext): CheckOutcome[];
}

/** The suppression rule that muted a finding (docs/suppressions.md). */
export interface AppliedSuppression {
  /** The rule's id in its file, or `line <n>` when it has none. */
  ruleId: string;
  justification: string;
  /** The day the rule stops applying (YYYY-MM-DD, UTC). */
  expires: string;
  /** Where the rules came from: `s3://bucket/key` or a local path. */
  source: string;
  /** The rule's first line in that file. */
  line: number;
}

/** A verdict in the report: the outcome with the check's metadata. */
export interface Finding {
  checkId: string;
  bestPractice: BestPractice;
  severity: Severity;
  status: Status;
  resourceArn: string;
  title: string;
  detail: string;
  remediation: Remediation;
  /** MUTED findings only: the rule that muted it. */
  suppression?: AppliedSuppression;
}
