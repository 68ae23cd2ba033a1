import { readAdvice } from '../checks/dependencies.js';
import { CHECKS } from '../checks/registry.js';
import type { Check, CheckContext, CheckMetadata, CheckOutcome, Finding, Severity } from '../checks/types.js';
import { isNotStarted } from '../collect/time-limit.js';
import type { DependencyGraph } from '../graph/types.js';
import type { RequiredGrant } from '../permissions/requirements.js';
import { AccountIndex, type RegionalApplication } from '../snapshot/account-index.js';
import { DESCRIBE_APPLICATION } from '../snapshot/application-listing.js';
import type { AccountSnapshot, ApplicationDetail, CollectionError } from '../snapshot/types.js';
import { applicationGraph, graphRequirements } from './application-graph.js';

/** Which applications to judge; both lists empty or absent mean everything. */
export interface EvaluationScope {
  regions?: readonly string[];
  /** Application names or ARNs. */
  applications?: readonly string[];
}

/** The verdicts on one application. */
export interface ApplicationEvaluation {
  applicationArn: string;
  applicationName: string;
  region: string;
  /** The application's runtime (e.g. FLINK-1_20), when DescribeApplication returned it. */
  runtimeEnvironment?: string;
  graph: DependencyGraph;
  /** What the execution role needs for the dependencies; absent when the configuration is unreadable. */
  requiredPermissions?: readonly RequiredGrant[];
  findings: Finding[];
}

/** The verdicts on every application in scope. */
export interface AccountEvaluation {
  accountId: string;
  partition: string;
  /** Regions judged: those in scope that the snapshot holds. */
  regions: string[];
  applications: ApplicationEvaluation[];
}

/** Judges every application of a snapshot in scope with the given checks. Pure: no I/O. */
export function evaluateAccount(
  snapshot: AccountSnapshot,
  scope: EvaluationScope = {},
  checks: readonly Check[] = CHECKS,
): AccountEvaluation {
  const index = new AccountIndex(snapshot, { watch: isNotStarted });
  const touched = new Set<string>();
  const inRegion = (region: string) => !scope.regions?.length || scope.regions.includes(region);
  const wanted = (name: string, arn: string) =>
    !scope.applications?.length || scope.applications.includes(name) || scope.applications.includes(arn);
  const applications = index
    .applications()
    .filter(
      ({ region, application }) =>
        inRegion(region) && wanted(application.ApplicationName, application.ApplicationARN),
    )
    .map((entry) => {
      const judged = index.consulting(() => judgeApplication(index, entry, checks));
      if (judged.consulted) touched.add(entry.application.ApplicationARN);
      return judged.value;
    });
  const evaluation: AccountEvaluation = {
    accountId: index.accountId,
    partition: index.partition,
    regions: index.regions().filter(inRegion),
    applications,
  };
  touchedByNotStartedOf.set(evaluation, touched);
  return evaluation;
}

// Kept beside each evaluation, not in it: the evaluation is what reports serialise.
const touchedByNotStartedOf = new WeakMap<AccountEvaluation, ReadonlySet<string>>();

/**
 * The applications (by ARN) whose judging got, in some answer, a read the scan did not start
 * (TimeLimitReached): only their verdicts can change once the read is made. Undefined for an
 * evaluation evaluateAccount did not return (a copy or one built by hand).
 */
export function touchedByNotStarted(evaluation: AccountEvaluation): ReadonlySet<string> | undefined {
  return touchedByNotStartedOf.get(evaluation);
}

function judgeApplication(
  index: AccountIndex,
  entry: RegionalApplication,
  checks: readonly Check[],
): ApplicationEvaluation {
  const { region, application } = entry;
  const undescribed = index.unreadable(application.ApplicationARN, [DESCRIBE_APPLICATION]);
  let graph: DependencyGraph;
  let required: readonly RequiredGrant[] | undefined;
  try {
    graph = applicationGraph(index, entry);
    required = undescribed.length > 0 ? undefined : graphRequirements(index, graph);
  } catch (error) {
    return malformedApplication(checks, region, application, error);
  }
  const context: CheckContext = { index, region, application, graph };
  return {
    applicationArn: application.ApplicationARN,
    applicationName: application.ApplicationName,
    region,
    ...(application.RuntimeEnvironment ? { runtimeEnvironment: application.RuntimeEnvironment } : {}),
    graph,
    ...(required ? { requiredPermissions: required } : {}),
    findings: checks.flatMap((check) =>
      undescribed.length > 0 ? undescribedFinding(check, application, undescribed) : runCheck(check, context),
    ),
  };
}

/**
 * An application whose configuration could not be read is judged by nothing: every check says
 * ERROR, since a missing role or property there means "unknown", not "absent".
 */
function undescribedFinding(
  check: Check,
  application: ApplicationDetail,
  errors: CollectionError[],
): Finding[] {
  const reasons = errors.map((error) => `${error.code}: ${error.message}`).join('; ');
  return [
    checkFinding(check.metadata, {
      status: 'ERROR',
      resourceArn: application.ApplicationARN,
      detail: `Could not describe ${application.ApplicationName} (${reasons}); ${readAdvice(errors)}.`,
    }),
  ];
}

/**
 * An application whose snapshot entry holds values of the wrong type (a hand-edited or hostile
 * file: the reader checks only what identifies each entry) cannot be judged: every check says ERROR.
 */
function malformedApplication(
  checks: readonly Check[],
  region: string,
  application: ApplicationDetail,
  error: unknown,
): ApplicationEvaluation {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    applicationArn: application.ApplicationARN,
    applicationName: application.ApplicationName,
    region,
    graph: { applicationArn: application.ApplicationARN, nodes: [], edges: [] },
    findings: checks.map((check) =>
      checkFinding(check.metadata, {
        status: 'ERROR',
        resourceArn: application.ApplicationARN,
        detail: `The snapshot's entry for ${application.ApplicationName} (or a resource it uses) is malformed (${reason}); fix the snapshot file or collect it again.`,
      }),
    ),
  };
}

/**
 * An ERROR stands for the worst verdict it may hide, so it carries the check's escalated severity:
 * a read that failed must never weigh or cap a score less than the failure it could have shown.
 */
function errorSeverity(metadata: CheckMetadata): Severity {
  return metadata.escalatesTo ?? metadata.severity;
}

/** Runs one check; a check that throws yields ERROR instead of stopping the evaluation. */
export function runCheck(check: Check, context: CheckContext): Finding[] {
  try {
    const findings: Finding[] = [];
    for (const outcome of check.evaluate(context)) findings.push(checkFinding(check.metadata, outcome));
    return findings;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      checkFinding(check.metadata, {
        status: 'ERROR',
        resourceArn: context.application.ApplicationARN,
        detail: `The check could not run: ${reason}`,
      }),
    ];
  }
}

// Every finding is built here, fields written out: a spread per finding costs more than the check
// itself at thousands of applications. An ERROR carries the check's escalated severity.
function checkFinding(metadata: CheckMetadata, outcome: CheckOutcome): Finding {
  return {
    checkId: metadata.id,
    bestPractice: metadata.bestPractice,
    title: metadata.title,
    remediation: metadata.remediation,
    severity: outcome.status === 'ERROR' ? errorSeverity(metadata) : (outcome.severity ?? metadata.severity),
    status: outcome.status,
    resourceArn: outcome.resourceArn,
    detail: outcome.detail,
  };
}
