import type { Finding, Severity, Status } from '../checks/types.js';

/** Letter grades, best first. */
export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** What a PASS earns, per severity; info findings inform and never move the score. */
export const SEVERITY_WEIGHTS = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
} as const satisfies Record<Severity, number>;

/**
 * Ceilings a score cannot rise above, lowest first: a critical failure is an F whatever else
 * passes; a high failure cannot leave a C; anything unverified (ERROR) is never an A. An ERROR
 * caps as a FAIL of its severity would (the worst its check can give): what could not be read may
 * be that failure, so a failed read never lifts a cap.
 */
export const SCORE_CAPS = [
  { cap: 'critical', ceiling: 40 },
  { cap: 'high', ceiling: 70 },
  { cap: 'error', ceiling: 89 },
] as const;
export type ScoreCap = (typeof SCORE_CAPS)[number]['cap'];

/** The lowest score of each grade, best first. */
export const GRADE_THRESHOLDS = [
  { grade: 'A', minimum: 90 },
  { grade: 'B', minimum: 80 },
  { grade: 'C', minimum: 70 },
  { grade: 'D', minimum: 60 },
  { grade: 'F', minimum: 0 },
] as const satisfies readonly { grade: Grade; minimum: number }[];

/** The score of a set of findings, with the counts that explain it. */
export interface Score {
  /** 0–100, or null when no finding was evaluated (nothing to judge). */
  score: number | null;
  grade: Grade | null;
  /** Every finding by status, info included. */
  counts: Record<Status, number>;
  /** FAIL findings by severity, info included. */
  failedBySeverity: Record<Severity, number>;
  /** Set when a cap lowered the score: the cap that did. */
  cappedBy?: ScoreCap;
}

/**
 * What a score is computed from: severity weights earned and possible, and the caps that apply.
 * Bases add up, so an account scanned region by region scores exactly as if scanned at once.
 */
export interface ScoreBasis {
  earned: number;
  possible: number;
  /** Caps that apply, in SCORE_CAPS order. */
  caps: ScoreCap[];
}

/** What a score reads of a finding: an evaluation's, or a report's (which may omit its remediation). */
type ScoredFinding = Pick<Finding, 'status' | 'severity'>;

/** The basis of a set of findings (info, NOT_APPLICABLE and MUTED weigh nothing). */
export function scoreBasisOf(findings: readonly ScoredFinding[]): ScoreBasis {
  let earned = 0;
  let possible = 0;
  for (const finding of findings) {
    const weight = SEVERITY_WEIGHTS[finding.severity];
    // A muted finding counts for nothing: its suppression rule says why (and until when).
    if (finding.status === 'NOT_APPLICABLE' || finding.status === 'MUTED' || weight === 0) continue;
    possible += weight;
    // ERROR stays in the denominator with no credit: what could not be verified is not compliant.
    if (finding.status === 'PASS') earned += weight;
  }
  const caps = SCORE_CAPS.filter(({ cap }) => capApplies(cap, findings)).map(({ cap }) => cap);
  return { earned, possible, caps };
}

/** The score of several bases taken together: the same formula as over the union of their findings. */
export function scoreFromBases(bases: readonly ScoreBasis[]): Pick<Score, 'score' | 'grade' | 'cappedBy'> {
  const earned = bases.reduce((sum, basis) => sum + basis.earned, 0);
  const possible = bases.reduce((sum, basis) => sum + basis.possible, 0);
  if (possible === 0) return { score: null, grade: null };
  const raw = Math.round((100 * earned) / possible);
  const applying = new Set(bases.flatMap((basis) => basis.caps));
  const binding = SCORE_CAPS.find(({ cap, ceiling }) => applying.has(cap) && ceiling < raw);
  const score = binding ? binding.ceiling : raw;
  return { score, grade: gradeFor(score), ...(binding ? { cappedBy: binding.cap } : {}) };
}

/**
 * Scores findings: the severity-weighted pass rate over evaluated findings (PASS, FAIL, ERROR;
 * info, NOT_APPLICABLE and MUTED left out), rounded, then capped. See docs/scoring.md.
 */
export function scoreFindings(findings: readonly ScoredFinding[]): Score {
  const counts: Record<Status, number> = { PASS: 0, FAIL: 0, ERROR: 0, NOT_APPLICABLE: 0, MUTED: 0 };
  const failedBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) {
    counts[finding.status] += 1;
    if (finding.status === 'FAIL') failedBySeverity[finding.severity] += 1;
  }
  return { ...scoreFromBases([scoreBasisOf(findings)]), counts, failedBySeverity };
}

/** The grade of a 0–100 score. */
export function gradeFor(score: number): Grade {
  return GRADE_THRESHOLDS.find(({ minimum }) => score >= minimum)?.grade ?? 'F';
}

/** The account's score: the same formula over every application's findings; null with no application. */
export function scoreAccount(applications: readonly { findings: readonly ScoredFinding[] }[]): Score {
  return scoreFindings(applications.flatMap((application) => application.findings));
}

// Info findings weigh nothing, so they cannot cap either: an info ERROR is not a verification gap.
function capApplies(cap: ScoreCap, findings: readonly ScoredFinding[]): boolean {
  return findings.some((finding) => {
    if (cap === 'error') return finding.status === 'ERROR' && SEVERITY_WEIGHTS[finding.severity] > 0;
    return (finding.status === 'FAIL' || finding.status === 'ERROR') && finding.severity === cap;
  });
}
