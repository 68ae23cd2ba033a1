import { InvalidRequestError } from '../../shared/errors.js';
import { namedStream, type RandomSource } from './seeded-random.js';

/** What can go wrong with a request, as a flaky service or network would have it. */
export const FAULT_KINDS = ['500', '503', 'reset', 'slow'] as const;
/** One kind of injected fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Whether a word names a fault kind. */
export function isFaultKind(word: string): word is FaultKind {
  return FAULT_KINDS.some((kind) => kind === word);
}

/** Faults injected into a share of requests, reproducibly. */
export interface FaultOptions {
  /** The share of requests that fail, from 0 to 1. */
  rate: number;
  /** The kinds drawn from, evenly. */
  kinds: readonly FaultKind[];
  /** The same seed fails the same calls of each operation. */
  seed: number;
  /** How long a `slow` answer is held back: longer than the client's timeout. 10 s by default. */
  slowMs?: number;
}

/** How long a `slow` fault holds its answer back by default: beyond the SDK timeouts tests set. */
export const DEFAULT_SLOW_MS = 10_000;

/** What is wrong with the fault settings given (those left out are not checked). */
export function faultOptionProblems(options: {
  rate?: number;
  kinds?: readonly string[];
  seed?: number;
  slowMs?: number;
}): string[] {
  const problems: string[] = [];
  const { rate, kinds, seed, slowMs } = options;
  if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1)) {
    problems.push(`rate must be a number from 0 to 1 (the share of requests that fail), got ${rate}`);
  }
  if (kinds !== undefined && kinds.length === 0) {
    problems.push(`kinds must name at least one of ${FAULT_KINDS.join(', ')}`);
  }
  for (const kind of kinds ?? []) {
    if (!isFaultKind(kind)) problems.push(`kind "${kind}" is not one of ${FAULT_KINDS.join(', ')}`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    problems.push(`seed must be a whole number, got ${seed}`);
  }
  if (slowMs !== undefined && !(Number.isInteger(slowMs) && slowMs > 0)) {
    problems.push(`slowMs must be a whole number of milliseconds above 0, got ${slowMs}`);
  }
  return problems;
}

/** Checks fault options; every problem is reported at once, as a usage error. */
export function validateFaults(options: FaultOptions): FaultOptions {
  const problems = faultOptionProblems(options);
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return options;
}

/**
 * Decides which requests fail and how. Each operation has its own random stream under the seed,
 * and every request draws from it whatever happens to the request, so the n-th call of an
 * operation meets the same fate however calls to other operations interleave with it.
 */
export class FaultInjector {
  readonly #options: FaultOptions;
  readonly #streams = new Map<string, RandomSource>();

  constructor(options: FaultOptions) {
    this.#options = validateFaults(options);
  }

  /** How long `slow` faults hold answers back. */
  get slowMs(): number {
    return this.#options.slowMs ?? DEFAULT_SLOW_MS;
  }

  /** The fault this request of the operation meets, or undefined. */
  decide(operation: string): FaultKind | undefined {
    let stream = this.#streams.get(operation);
    if (!stream) {
      stream = namedStream(this.#options.seed, operation);
      this.#streams.set(operation, stream);
    }
    // Always two draws, so whether a request fails never shifts the choices after it.
    const fails = stream() < this.#options.rate;
    const pick = stream();
    const { kinds } = this.#options;
    return fails ? kinds[Math.floor(pick * kinds.length)] : undefined;
  }
}
