import type { StartSandboxOptions } from '../../../sandbox/server.js';
import type { RateLimit } from '../../../shared/aws/request-quotas.js';

/** How a seed's scan is run: the sandbox's faults and throttles, and the scanner's retry budget. */
export interface FaultScenario {
  seed: number;
  load: Pick<StartSandboxOptions, 'faults' | 'rateLimits'>;
  /** Attempts per call: low budgets leave reads unreadable, high ones prove the retries. */
  maxAttempts: number;
  /** Far below `slowMs`, so every `slow` fault times out. */
  requestTimeoutMs: number;
}

/** How many seeds CI runs; FAULT_SEEDS=N runs seeds 1…N, FAULT_SEED=S only seed S. */
export function faultSeeds(env: Record<string, string | undefined> = process.env): number[] {
  const one = Number(env.FAULT_SEED);
  if (env.FAULT_SEED && Number.isSafeInteger(one)) return [one];
  const count = Number(env.FAULT_SEEDS ?? DEFAULT_FAULT_SEEDS);
  const seeds = Number.isSafeInteger(count) && count > 0 ? count : DEFAULT_FAULT_SEEDS;
  return Array.from({ length: seeds }, (_, index) => index + 1);
}

/** Seeds run by default: keeps the property under a minute on a laptop. */
export const DEFAULT_FAULT_SEEDS = 10;

const RATES = [0.05, 0.15, 0.3, 0.5, 0.1] as const;
const ATTEMPTS = [1, 2, 3, 5] as const;
const REQUEST_TIMEOUT_MS = 150;
const SLOW_MS = 600;

// Bursts of the hottest reads exceed a four-request bucket at once; the SDK must back off and retry.
const THROTTLING_BURSTS: Readonly<Record<string, RateLimit>> = {
  'kinesisanalytics:DescribeApplication': { rate: 50, burst: 4 },
  'iam:GetRole': { rate: 50, burst: 4 },
  'kms:DescribeKey': { rate: 50, burst: 4 },
  'kinesis:DescribeStreamSummary': { rate: 50, burst: 4 },
};

/**
 * The scenario a seed stands for: every fault kind at a rate, retry budget and throttling drawn
 * from the seed (all combinations appear within 20 seeds), the sandbox's fault stream seeded by it.
 */
export function faultScenario(seed: number): FaultScenario {
  return {
    seed,
    load: {
      faults: {
        rate: RATES[seed % RATES.length] ?? RATES[0],
        kinds: ['500', '503', 'reset', 'slow'],
        seed,
        slowMs: SLOW_MS,
      },
      ...(seed % 2 === 0 ? { rateLimits: THROTTLING_BURSTS } : {}),
    },
    maxAttempts: ATTEMPTS[seed % ATTEMPTS.length] ?? ATTEMPTS[0],
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  };
}
