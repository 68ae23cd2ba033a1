import { describe, expect, it } from 'vitest';
import {
  drawProblems,
  PLANTED_PROBLEMS,
  type PlantedProblem,
  plantedProblemsOf,
  plantedProblemsSentence,
} from '../../../sandbox/generator/planted-problems.js';
import { SeededRandom } from '../../../sandbox/generator/random.js';
import { CHECKS } from '../../../shared/checks/registry.js';
import type { ApplicationDetail } from '../../../shared/snapshot/types.js';

const application = (description?: string): ApplicationDetail => ({
  ApplicationARN: 'arn:aws:kinesisanalytics:eu-west-1:444455556666:application/orders-router-1',
  ApplicationName: 'orders-router-1',
  ...(description === undefined ? {} : { ApplicationDescription: description }),
});

describe('Constant: PLANTED_PROBLEMS', () => {
  it('names only checks that exist', () => {
    // Prepare
    const known = new Set(CHECKS.map((check) => check.metadata.id));

    // Act
    const named = Object.values(PLANTED_PROBLEMS).flatMap((problem: PlantedProblem) => [
      problem.checkId,
      ...problem.alsoAffects,
    ]);

    // Assess
    expect(named.filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('Function: drawProblems', () => {
  it('returns one or two distinct drawable problems, never two of one group', () => {
    // Prepare
    const random = new SeededRandom(21);

    // Act
    const drawn = Array.from({ length: 2_000 }, () => drawProblems(random));

    // Assess
    const groups = drawn.map((kinds) =>
      kinds.map((kind) => (PLANTED_PROBLEMS[kind] as PlantedProblem).group),
    );
    expect({
      sizes: [...new Set(drawn.map((kinds) => kinds.length))].sort(),
      repeated: drawn.filter(([first, second]) => first === second).length,
      sameGroup: groups.filter(([first, second]) => first !== undefined && first === second).length,
      regionOnly: drawn.filter((kinds) => kinds.includes('no-trail-coverage')).length,
    }).toEqual({ sizes: [1, 2], repeated: 0, sameGroup: 0, regionOnly: 0 });
  });

  it('returns a single problem when told at most one', () => {
    // Prepare
    const random = new SeededRandom(22);

    // Act
    const sizes = new Set(Array.from({ length: 500 }, () => drawProblems(random, 1).length));

    // Assess
    expect([...sizes]).toEqual([1]);
  });
});

describe('Function: plantedProblemsOf', () => {
  it('returns the problems a description names, as plantedProblemsSentence writes them', () => {
    // Prepare
    const described = application(
      `Router of the orders team. ${plantedProblemsSentence(['admin-role', 'logging-off'])}`,
    );

    // Act
    const kinds = plantedProblemsOf(described);

    // Assess
    expect(kinds).toEqual(['admin-role', 'logging-off']);
  });

  it('returns no problem for a clean application', () => {
    // Prepare
    const described = application(`Router of the orders team. ${plantedProblemsSentence([])}`);

    // Act
    const kinds = plantedProblemsOf(described);

    // Assess
    expect({ kinds, sentence: plantedProblemsSentence([]) }).toEqual({
      kinds: [],
      sentence: 'Planted problems: none.',
    });
  });

  it('returns no problem for an application without description, and ignores unknown names', () => {
    // Act
    const kinds = [
      plantedProblemsOf(application()),
      plantedProblemsOf(application('Planted problems: made-up, old-runtime.')),
    ];

    // Assess
    expect(kinds).toEqual([[], ['old-runtime']]);
  });
});
