import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { type AuditResult, runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import type { VerdictGap } from './moto-gaps.js';
import type { MotoServer } from './moto-server.js';
import { applyMotoWireFixes } from './moto-wire-fixes.js';
import { type SeededAccount, seedMoto } from './seed-account.js';
import {
  applicationsTouchedByGaps,
  comparableCollectionErrors,
  comparableScores,
  comparableVerdicts,
  shownVerdictGaps,
  staleVerdictGaps,
} from './verdicts.js';

const CREDENTIALS = { accessKeyId: 'AKIDMOTOCROSSCHECK', secretAccessKey: 'moto' };

/** Why the cross-check did not run, and how to make it run. */
export const MOTO_MISSING =
  'moto_server is not on the PATH, so the moto cross-check is skipped. Install it with ' +
  'pip install "moto[server]==5.2.1" to run it (under CI=true this is a failure, not a skip).';

/** Why CI fails without moto_server. */
export const MOTO_REQUIRED =
  'moto_server is not on the PATH, and CI=true requires the moto cross-check: install it with ' +
  'pip install "moto[server]==5.2.1" before npm test.';

// Seeding and scanning take seconds; a slow or busy CI runner gets room.
const SEED_TIMEOUT_MS = 60_000;

interface CrossCheckRun {
  seeded: SeededAccount;
  live: AuditResult;
  offline: AuditResult;
}

/** The value, or: a failure under CI=true, a skip with MOTO_MISSING elsewhere. */
export function requireMoto<T>(value: T | undefined, context: TestContext): T {
  if (value !== undefined) return value;
  if (process.env.CI === 'true') throw new Error(MOTO_REQUIRED);
  return context.skip(MOTO_MISSING);
}

function keyArns(snapshot: AccountSnapshot): string[] {
  return Object.values(snapshot.regions ?? {})
    .flatMap((region) => region.keys ?? [])
    .map((key) => key.KeyMetadata.Arn)
    .sort();
}

/**
 * The cross-check of one snapshot: moto is seeded from it with real SDK create calls, the real
 * scanner (runAudit, live) scans moto, and its verdicts must equal those of evaluating the
 * moto-adjusted snapshot offline, except the known moto gaps of moto-gaps.ts (each with its
 * reason). moto's wire answers the SDK cannot read are repaired as moto-wire-fixes.ts says.
 */
export function describeMotoCrossCheck(
  label: string,
  snapshot: AccountSnapshot,
  server: () => MotoServer | undefined,
  shownGaps: Set<VerdictGap>,
): void {
  describe(`Cross-check: the scanner against moto seeded from ${label}`, () => {
    let run: CrossCheckRun | undefined;

    beforeAll(async () => {
      const moto = server();
      if (!moto) return;
      await moto.reset();
      const clients = createClientFactory({
        endpoint: moto.endpoint,
        credentials: CREDENTIALS,
        maxAttempts: 1,
        env: {},
      });
      applyMotoWireFixes(clients, Object.keys(snapshot.regions ?? {}));
      const seeded = await seedMoto(clients, snapshot);
      const live = await runAudit({ regions: seeded.regions }, { kind: 'live', clients });
      const offline = await runAudit(
        { regions: seeded.regions },
        { kind: 'snapshot', snapshot: seeded.expected },
      );
      run = { seeded, live, offline };
      for (const gap of shownVerdictGaps(live.report, offline.report)) shownGaps.add(gap);
    }, SEED_TIMEOUT_MS);

    it("reads the account, and the KMS keys it needs, under moto's ids", (context) => {
      // Prepare
      const { seeded, live } = requireMoto(run, context);
      const expectedKeys = keyArns(seeded.expected);

      // Assess
      expect(live.snapshot.accountId).toBe(seeded.expected.accountId);
      expect(keyArns(live.snapshot).filter((arn) => !expectedKeys.includes(arn))).toEqual([]);
    });

    it('gives the verdicts of evaluating the moto-adjusted snapshot offline, known moto gaps aside', (context) => {
      // Prepare
      const { live, offline } = requireMoto(run, context);

      // Assess
      expect(comparableVerdicts(live.report)).toEqual(comparableVerdicts(offline.report));
    });

    it('gives the same score to every application no known gap touches', (context) => {
      // Prepare
      const { live, offline } = requireMoto(run, context);
      const touched = applicationsTouchedByGaps(live.report, offline.report);

      // Assess
      expect(comparableScores(live.report, touched)).toEqual(comparableScores(offline.report, touched));
    });

    it("records the snapshot's collection errors, reproduced in moto", (context) => {
      // Prepare
      const { seeded, live } = requireMoto(run, context);

      // Assess
      expect(comparableCollectionErrors(live.snapshot.collectionErrors)).toEqual(
        comparableCollectionErrors(seeded.expected.collectionErrors),
      );
    });

    it('still shows every known gap it leaves out, so none outlives its cause', (context) => {
      // Prepare
      const { live, offline } = requireMoto(run, context);

      // Assess
      expect(staleVerdictGaps(live.report, offline.report)).toEqual([]);
    });
  });
}
