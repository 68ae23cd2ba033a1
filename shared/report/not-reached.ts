import type { Check } from '../checks/types.js';
import { isNotStarted } from '../collect/time-limit.js';
import {
  type AccountEvaluation,
  type EvaluationScope,
  evaluateAccount,
} from '../evaluate/evaluate-account.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import type { ReportNotReached } from './types.js';

/** An evaluation with the applications a time-limited scan did not reach left out, and the list of them. */
export interface ReachedEvaluation {
  evaluation: AccountEvaluation;
  /** Absent when every read was started. */
  notReached?: ReportNotReached;
}

const LIST_APPLICATIONS = 'kinesisanalytics:ListApplications';

/**
 * Leaves out of an evaluation the applications whose verdicts need a read the scan did not start
 * (TimeLimitReached collection errors), and lists them. An application's verdicts need such a read
 * exactly when they change with it: the snapshot is judged again as if those reads had never been
 * asked for, and every application whose findings differ was not reached. The others keep their
 * verdicts, which no missing read touched. Pure; judges twice only when a read was not started.
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
  const unaware = evaluateAccount(
    { ...snapshot, collectionErrors: errors.filter((error) => !isNotStarted(error)) },
    scope,
    checks,
  );
  const verdicts = new Map(
    unaware.applications.map((application) => [
      application.applicationArn,
      JSON.stringify(application.findings),
    ]),
  );
  const touched = (arn: string, findings: unknown) => verdicts.get(arn) !== JSON.stringify(findings);
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
