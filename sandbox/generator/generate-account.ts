import { InvalidRequestError } from '../../shared/errors.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { AccountArns } from './account-arns.js';
import { EstateBuilder } from './estate-builder.js';
import { planEstate } from './estate-plan.js';
import { SeededRandom } from './random.js';
import { GENERATOR_REGIONS } from './regions.js';

/** What to generate: N applications over the first R regions, from a seed. */
export interface GenerateAccountOptions {
  applications: number;
  regions: number;
  seed: number;
  /** Defaults to 444455556666, an AWS documentation account id. */
  accountId?: string;
}

/** The account a generated snapshot belongs to unless told otherwise. */
export const DEFAULT_GENERATED_ACCOUNT_ID = '444455556666';

/** The most applications one call generates; far beyond any real account, low enough to stay fast. */
export const MAX_GENERATED_APPLICATIONS = 100_000;

/**
 * Generates a synthetic account snapshot: N Flink applications spread over R real regions, about 60%
 * clean and the rest with one or two problems from the catalogue the checks judge, sharing code
 * buckets, keys, source streams and some roles the way real estates do. Deterministic: the same
 * options always give byte-identical JSON (a seeded PRNG, a fixed collectedAt, no clock).
 */
export function generateAccount(options: GenerateAccountOptions): AccountSnapshot {
  const accountId = options.accountId ?? DEFAULT_GENERATED_ACCOUNT_ID;
  const problems = optionProblems(options, accountId);
  if (problems.length > 0) throw new InvalidRequestError(problems);
  const random = new SeededRandom(options.seed);
  const plan = planEstate(
    {
      applications: options.applications,
      regions: GENERATOR_REGIONS.slice(0, options.regions),
      accountId,
    },
    random,
  );
  const builder = new EstateBuilder(new AccountArns('aws', accountId), random, plan);
  for (const application of plan.applications) builder.add(application);
  return builder.snapshot();
}

function optionProblems(options: GenerateAccountOptions, accountId: string): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(options.applications) || options.applications < 0) {
    problems.push(`applications must be a whole number from 0 to ${MAX_GENERATED_APPLICATIONS}`);
  } else if (options.applications > MAX_GENERATED_APPLICATIONS) {
    problems.push(
      `applications must be at most ${MAX_GENERATED_APPLICATIONS} (got ${options.applications}); generate several accounts instead`,
    );
  }
  if (
    !Number.isInteger(options.regions) ||
    options.regions < 1 ||
    options.regions > GENERATOR_REGIONS.length
  ) {
    problems.push(
      `regions must be a whole number from 1 to ${GENERATOR_REGIONS.length} (got ${options.regions})`,
    );
  }
  if (!Number.isSafeInteger(options.seed)) {
    problems.push(`seed must be a whole number (got ${options.seed}); pick any, e.g. 42`);
  }
  if (!/^\d{12}$/.test(accountId)) {
    problems.push(`accountId must be a 12-digit AWS account id (got "${accountId}")`);
  }
  return problems;
}
