import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkById } from '../../shared/checks/registry.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { readSnapshot } from '../../shared/snapshot/read.js';
import { withCleanCode } from '../support/code-artifact-fixtures.js';
import { edgeAccount } from './edge-account.js';
import { describeMotoCrossCheck, MOTO_MISSING, MOTO_REQUIRED, requireMoto } from './moto-cross-check.js';
import { VERDICT_GAPS, type VerdictGap } from './moto-gaps.js';
import { findOnPath, type MotoServer, startMotoServer } from './moto-server.js';

// The scanner against moto (issue 3), one moto_server for the whole suite: docs/moto-cross-check.md.
// What moto does differently is in the VERDICT_GAPS table (moto-gaps.ts), excluded by check id and
// resource with a reason; moto answers the SDK cannot read are repaired as MOTO_WIRE_FIXES says
// (moto-wire-fixes.ts).
const MOTO_COMMAND = 'moto_server';
// moto_server imports every service it emulates before it answers: seconds on a busy runner.
const START_TIMEOUT_MS = 30_000;

// The example account names code objects it does not hold: seeded with a clean JAR for each.
const example = withCleanCode(
  readSnapshot(
    JSON.parse(readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8')),
  ),
);

let moto: MotoServer | undefined;
const shownGaps = new Set<VerdictGap>();

beforeAll(async () => {
  if (!findOnPath(MOTO_COMMAND)) {
    if (process.env.CI === 'true') throw new Error(MOTO_REQUIRED);
    console.warn(MOTO_MISSING);
    return;
  }
  moto = await startMotoServer(MOTO_COMMAND);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
});

describeMotoCrossCheck('the example account', example, () => moto, shownGaps);
// Seven applications in two regions, a SQL one among them, and a key the scan may not describe.
describeMotoCrossCheck('the demo account', demoAccount, () => moto, shownGaps);
describeMotoCrossCheck(
  'the example account with its edge cases',
  edgeAccount(example),
  () => moto,
  shownGaps,
);

describe('Cross-check: the known moto gaps', () => {
  it('names real checks and a reason for every gap', () => {
    // Assess
    for (const gap of VERDICT_GAPS) {
      expect(gap.checks.filter((id) => !checkById(id))).toEqual([]);
      expect(gap.resources.length).toBeGreaterThan(0);
      expect(gap.reason.length).toBeGreaterThan(0);
    }
  });

  it('shows every gap in at least one of the snapshots above', (context) => {
    // Prepare
    requireMoto(moto, context);

    // Assess
    expect(VERDICT_GAPS.filter((gap) => !shownGaps.has(gap))).toEqual([]);
  });
});
