import { beforeAll, describe, expect, it } from 'vitest';
import { generateAccount } from '../../../sandbox/generator/generate-account.js';
import { startSandbox } from '../../../sandbox/server.js';
import { runAudit } from '../../../shared/audit.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { demoAccount } from '../../../shared/demo/demo-account.js';
import { ScanFailedError } from '../../../shared/errors.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';
import { type FaultScenario, faultScenario, faultSeeds } from './fault-scenarios.js';
import { type ScannedVerdicts, verdictDivergences } from './verdict-divergences.js';

// The promise of docs/reliability.md "Faults": with 500/503s, resets, throttling bursts and
// answers slower than the client's timeout, a scan gives the clean run's verdicts, except ERROR
// where a read stayed unreadable (named by a collection error); never a PASS the clean run lacks,
// never a milder FAIL or ERROR, never a higher score.
const ACCOUNTS = {
  demo: demoAccount,
  generated: generateAccount({ applications: 12, regions: 3, seed: 7 }),
} as const satisfies Record<string, AccountSnapshot>;

// Throttling backoff and timed-out attempts make a faulty scan a few seconds long at worst.
const SCAN_TIMEOUT_MS = 30_000;

/** A scan's verdicts, or the ScanFailedError that ended it (no verdict at all: nothing passes). */
interface ScanUnderLoad {
  verdicts?: ScannedVerdicts;
  failure?: ScanFailedError;
  injected: number;
}

async function scan(snapshot: AccountSnapshot, scenario?: FaultScenario): Promise<ScanUnderLoad> {
  const sandbox = await startSandbox({ snapshot, ...scenario?.load });
  try {
    const clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      env: {},
      ...(scenario ? { maxAttempts: scenario.maxAttempts, requestTimeoutMs: scenario.requestTimeoutMs } : {}),
    });
    const outcome = await runAudit(
      { regions: Object.keys(snapshot.regions ?? {}) },
      { kind: 'live', clients },
    ).then(
      ({ report }): Omit<ScanUnderLoad, 'injected'> => ({ verdicts: report }),
      (error: unknown): Omit<ScanUnderLoad, 'injected'> => {
        // Only an unknown account is fatal; any other failure is a bug the property reports.
        if (error instanceof ScanFailedError) return { failure: error };
        throw error;
      },
    );
    const { totals } = sandbox.state.stats();
    const injected = totals.throttled + Object.values(totals.faults).reduce((sum, count) => sum + count, 0);
    return { ...outcome, injected };
  } finally {
    await sandbox.close();
  }
}

describe.each(Object.entries(ACCOUNTS))(
  'Property: a scan of the %s account under faults',
  (_name, snapshot) => {
    let clean: ScannedVerdicts;

    beforeAll(async () => {
      const { verdicts } = await scan(snapshot);
      if (!verdicts) throw new Error('The clean scan failed: the sandbox does not serve the account.');
      clean = verdicts;
    });

    it.for(faultSeeds())(
      'keeps the clean verdicts or says ERROR with the failed read, seed %i',
      { timeout: SCAN_TIMEOUT_MS },
      async (seed) => {
        // Prepare
        const scenario = faultScenario(seed);

        // Act
        const faulty = await scan(snapshot, scenario);

        // Assess
        const rerun = `rerun with FAULT_SEED=${seed} (${JSON.stringify(scenario)})`;
        expect(faulty.injected, rerun).toBeGreaterThan(0);
        if (faulty.failure) {
          // No report, no verdict: the account itself could not be identified through the faults.
          expect(faulty.failure.message, rerun).toMatch(
            /^Could not identify the AWS account \(sts:GetCallerIdentity/,
          );
        } else {
          expect(verdictDivergences(clean, faulty.verdicts ?? clean), rerun).toEqual([]);
        }
      },
    );
  },
);
