import type { Check } from '../checks/types.js';
import { isNotStarted } from '../collect/time-limit.js';
import {
  type AccountEvaluation,
  type EvaluationScope,
  evaluateAccount,
  touchedByNotStarted,
} from '../evaluate/evaluate-account.js';
import { LIST_APPLICATIONS } from '../snapshot/application-listing.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import type { ReportNotReached } from './types.js';

/** An evaluation with the applications a time-limited scan did not reach left out, and the list of them. */
export interface ReachedEvaluation {
  evaluation: AccountEvaluation;
  /** Absent when every read was started. */
  notReached?: ReportNotReached;
}

/**
 * Leaves out of an evaluation the applications whose verdicts need a read the scan did not start
 * (TimeLimitReached collection errors), and lists them. An application's verdicts need such a read
 * exactly when they change with it: the applications whose judging got a not-started read in some
 * answer (the others' verdicts cannot depend on it) are judged again as if those reads had never
 * been asked for, and every one whose findings differ was not reached. The others keep their
 * verdicts. Pure; judges again only when a read was not started, and only those applications (all
 * of them for an evaluation evaluateAccount did not return).
 */
export function leaveOutNotReached(
  snapshot: AccountSnapshot,
  evaluation: AccountEvaluation,
  scope: EvaluationScope,
  checks?: readonly Check[],
): ReachedEvaluation {
  const errors = snapshot.collectionErrors ?? [];
  const notStarted = errors.filter(isNotStarted);
  if (notStarted.length === 0) return { evaluation };
  const suspects =
    touchedByNotStarted(evaluation) ??
    new Set(evaluation.applications.map((application) => application.applicationArn));
  const verdicts = new Map<string, string>();
  if (suspects.size > 0) {
    // An empty list of applications would mean every one: only judged when there are suspects.
    const unaware = evaluateAccount(
      { ...snapshot, collectionErrors: errors.filter((error) => !isNotStarted(error)) },
      { ...scope, applications: [...suspects] },
      checks,
    );
    for (const application of unaware.applications) {
      verdicts.set(application.applicationArn, JSON.stringify(application.findings));
    }
  }
  const touched = (arn: string, findings: unknown) =>
    suspects.has(arn) && verdicts.get(arn) !== JSON.stringify(findings);
  const reached = evaluation.applications.filter(
    (application) => !touched(application.applicationArn, application.findings),
  );
  const missed = evaluation.applications.filter((application) =>
    touched(application.applicationArn, application.findings),
  );
  const regions = notStarted.flatMap(({ operation, region }) =>
    operation === LIST_APPLICATIONS && region && evaluation.regions.includes(region) ? [region] : [],
  );
  return {
    evaluation: { ...evaluation, applications: reached },
    notReached: {
      reason: 'TIME_LIMIT',
      reads: notStarted.length,
      regions: [...new Set(regions)].sort(),
      applications: missed
        .map(({ applicationArn, applicationName, region }) => ({ applicationArn, applicationName, region }))
        .sort(
          (a, b) => a.region.localeCompare(b.region) || a.applicationName.localeCompare(b.applicationName),
        ),
    },
  };
}
