import { CHECKS } from '../checks/registry.js';
import type { Check, CheckContext, Finding } from '../checks/types.js';
import { dependencyGraph } from '../graph/dependency-graph.js';
import type { DependencyGraph } from '../graph/types.js';
import { AccountIndex } from '../snapshot/account-index.js';
import type { AccountSnapshot } from '../snapshot/types.js';

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
  const index = new AccountIndex(snapshot);
  const inRegion = (region: string) => !scope.regions?.length || scope.regions.includes(region);
  const wanted = (name: string, arn: string) =>
    !scope.applications?.length || scope.applications.includes(name) || scope.applications.includes(arn);
  const applications = index
    .applications()
    .filter(
      ({ region, application }) =>
        inRegion(region) && wanted(application.ApplicationName, application.ApplicationARN),
    )
    .map(({ region, application }) => {
      const graph = dependencyGraph(index, region, application);
      const context: CheckContext = { index, region, application, graph };
      return {
        applicationArn: application.ApplicationARN,
        applicationName: application.ApplicationName,
        region,
        ...(application.RuntimeEnvironment ? { runtimeEnvironment: application.RuntimeEnvironment } : {}),
        graph,
        findings: checks.flatMap((check) => runCheck(check, context)),
      };
    });
  return {
    accountId: index.accountId,
    partition: index.partition,
    regions: index.regions().filter(inRegion),
    applications,
  };
}

/** Runs one check; a check that throws yields ERROR instead of stopping the evaluation. */
export function runCheck(check: Check, context: CheckContext): Finding[] {
  const { metadata } = check;
  const base = {
    checkId: metadata.id,
    bestPractice: metadata.bestPractice,
    title: metadata.title,
    remediation: metadata.remediation,
  };
  try {
    return check.evaluate(context).map((outcome) => ({
      ...base,
      severity: outcome.severity ?? metadata.severity,
      status: outcome.status,
      resourceArn: outcome.resourceArn,
      detail: outcome.detail,
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        ...base,
        severity: metadata.severity,
        status: 'ERROR',
        resourceArn: context.application.ApplicationARN,
        detail: `The check could not run: ${reason}`,
      },
    ];
  }
}
