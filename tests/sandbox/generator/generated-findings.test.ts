import { beforeAll, describe, expect, it } from 'vitest';
import { generateAccount } from '../../../sandbox/generator/generate-account.js';
import {
  PLANTED_PROBLEM_KINDS,
  PLANTED_PROBLEMS,
  type PlantedProblem,
  type PlantedProblemKind,
  plantedProblemsOf,
} from '../../../sandbox/generator/planted-problems.js';
import { type AccountEvaluation, evaluateAccount } from '../../../shared/evaluate/evaluate-account.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';

/** One application's verdicts beside the problems planted in it. */
interface JudgedApplication {
  name: string;
  problems: PlantedProblemKind[];
  /** `STATUS check-id` of every finding that is neither PASS nor NOT_APPLICABLE. */
  flagged: string[];
}

// The generated estate shares some roles, sets no permissions boundaries and grants team-wide
// prefixes (as real estates do); those findings are not planted problems, so they are left out.
const ESTATE_WIDE_CHECKS = new Set([
  'role-shared-by-applications',
  'role-permissions-boundary',
  'role-excess-grants',
]);

function judge(snapshot: AccountSnapshot): JudgedApplication[] {
  const evaluation: AccountEvaluation = evaluateAccount(snapshot);
  const problems = new Map(
    Object.values(snapshot.regions ?? {})
      .flatMap((region) => region.applications ?? [])
      .map((application) => [application.ApplicationARN, plantedProblemsOf(application)]),
  );
  return evaluation.applications.map((application) => ({
    name: application.applicationName,
    problems: problems.get(application.applicationArn) ?? [],
    flagged: [
      ...new Set(
        application.findings
          .filter((finding) => finding.status === 'FAIL' || finding.status === 'ERROR')
          .filter((finding) => !ESTATE_WIDE_CHECKS.has(finding.checkId))
          .map((finding) => `${finding.status} ${finding.checkId}`),
      ),
    ],
  }));
}

const expectedVerdict = (kind: PlantedProblemKind) => {
  const problem: PlantedProblem = PLANTED_PROBLEMS[kind];
  return `${problem.status} ${problem.checkId}`;
};

/** The planted problems whose promised verdict an application lacks. */
function missedProblems(applications: readonly JudgedApplication[]): string[] {
  return applications.flatMap(({ name, problems, flagged }) =>
    problems.filter((kind) => !flagged.includes(expectedVerdict(kind))).map((kind) => `${name}: ${kind}`),
  );
}

/** Verdicts no planted problem of the application explains. */
function unexplainedVerdicts(applications: readonly JudgedApplication[]): string[] {
  return applications.flatMap(({ name, problems, flagged }) => {
    const explained = new Set(
      problems.flatMap((kind) => {
        const problem: PlantedProblem = PLANTED_PROBLEMS[kind];
        return [problem.checkId, ...problem.alsoAffects];
      }),
    );
    return flagged
      .filter((verdict) => !explained.has(verdict.split(' ')[1]!))
      .map((verdict) => `${name}: ${verdict}`);
  });
}

describe('Function: generateAccount (judged by evaluateAccount)', () => {
  describe('1,000 applications over 10 regions', () => {
    let applications: JudgedApplication[];

    beforeAll(() => {
      applications = judge(generateAccount({ applications: 1_000, regions: 10, seed: 2026 }));
    }, 300_000);

    it('evaluates every generated application', () => {
      // Assess
      expect(applications.length).toBe(1_000);
    });

    it('plants every kind of problem in the catalogue', () => {
      // Act
      const planted = new Set(applications.flatMap((application) => application.problems));

      // Assess
      expect(PLANTED_PROBLEM_KINDS.filter((kind) => !planted.has(kind))).toEqual([]);
    });

    it('gives every planted problem the verdict its check promises', () => {
      // Assess
      expect(missedProblems(applications)).toEqual([]);
    });

    it('gives clean applications only PASS and NOT_APPLICABLE', () => {
      // Act
      const clean = applications.filter((application) => application.problems.length === 0);

      // Assess
      expect({
        clean: clean.length > 500,
        flagged: clean.flatMap(({ name, flagged }) => flagged.map((verdict) => `${name}: ${verdict}`)),
      }).toEqual({ clean: true, flagged: [] });
    });

    it('flags nothing that the planted problems do not explain', () => {
      // Assess
      expect(unexplainedVerdicts(applications)).toEqual([]);
    });
  });

  describe.each([11, 12, 13])('60 applications over 3 regions, seed %i', (seed) => {
    it('gives each planted problem its verdict and nothing else', () => {
      // Act
      const applications = judge(generateAccount({ applications: 60, regions: 3, seed }));

      // Assess
      expect({
        missed: missedProblems(applications),
        unexplained: unexplainedVerdicts(applications),
      }).toEqual({
        missed: [],
        unexplained: [],
      });
    });
  });
});
