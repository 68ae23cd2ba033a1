import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccount } from '../../sandbox/generator/generate-account.js';
import { type Sandbox, type StartSandboxOptions, startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import type { AuditReport } from '../../shared/report/types.js';
import { readSnapshot } from '../../shared/snapshot/read.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { withCleanCode } from '../support/code-artifact-fixtures.js';
import { canonicalSnapshot, restrictedTo } from '../support/snapshot-equivalence.js';

// The contract of the snapshot format: evaluate(S) and scan(sandbox(S)) give the same verdicts, and
// the scan collects back a snapshot equivalent to S. The example account names code objects it does
// not hold; a live account has them, so the example is served with a clean JAR for each.
const example = withCleanCode(
  readSnapshot(
    JSON.parse(readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8')),
  ),
);

// A live scan is judged at the time it runs; the offline evaluation at the snapshot's collectedAt.
// Time-based verdicts (CloudTrail's last delivery) agree only when the live scan runs then too.
function atCollection(snapshot: AccountSnapshot): () => Date {
  const { collectedAt } = snapshot;
  if (!collectedAt) throw new Error('The fixture needs a collectedAt for its time-based verdicts.');
  return () => new Date(collectedAt);
}

function verdicts(report: AuditReport) {
  return report.applications.map((application) => ({
    application: application.applicationArn,
    score: application.score,
    findings: application.findings.map(({ checkId, status, severity, resourceArn }) =>
      [checkId, status, severity, resourceArn].join(' '),
    ),
  }));
}

describe.each([
  ['the example account', example],
  ['the demo account', demoAccount],
])('Acceptance: scan against the sandbox serving %s', (_name, snapshot: AccountSnapshot) => {
  let sandbox: Sandbox;
  let scanned: Awaited<ReturnType<typeof runAudit>>;

  beforeAll(async () => {
    // A page size of 1 makes every paginated read cross page boundaries.
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    const clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      maxAttempts: 1,
      env: {},
    });
    scanned = await runAudit(
      { regions: Object.keys(snapshot.regions ?? {}) },
      { kind: 'live', clients },
      {},
      { clock: atCollection(snapshot) },
    );
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('gives the same verdicts as evaluating the snapshot offline', async () => {
    // Act
    const offline = await runAudit({}, { kind: 'snapshot', snapshot });

    // Assess
    expect(verdicts(scanned.report)).toEqual(verdicts(offline.report));
  });

  it('collects back a snapshot equivalent to the one served', () => {
    // Assess
    expect(canonicalSnapshot(scanned.snapshot)).toEqual(canonicalSnapshot(snapshot));
  });
});

async function scanThroughSandbox(snapshot: AccountSnapshot, options: Omit<StartSandboxOptions, 'snapshot'>) {
  const sandbox = await startSandbox({ snapshot, ...options });
  try {
    const clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      env: {},
    });
    const result = await runAudit(
      { regions: Object.keys(snapshot.regions ?? {}) },
      { kind: 'live', clients },
      {},
      { clock: atCollection(snapshot) },
    );
    return { result, stats: sandbox.state.stats() };
  } finally {
    await sandbox.close();
  }
}

describe('Acceptance: scan against the sandbox serving a generated account', () => {
  const generated = generateAccount({ applications: 40, regions: 3, seed: 11 });

  it('gives the same verdicts as evaluating it offline, and collects exactly what it served', async () => {
    // Act
    const { result } = await scanThroughSandbox(generated, { pageSize: 2 });
    const offline = await runAudit({}, { kind: 'snapshot', snapshot: generated });

    // Assess
    expect(verdicts(result.report)).toEqual(verdicts(offline.report));
    // The scan reads what applications lead to, not every resource of the account.
    expect(canonicalSnapshot(result.snapshot)).toEqual(
      canonicalSnapshot(restrictedTo(generated, result.snapshot)),
    );
  });
});

describe('Acceptance: scan against a sandbox that throttles and fails', () => {
  it('retries throttles and injected faults and reaches the same verdicts as a clean run', async () => {
    // Prepare: AWS's quotas, and one request in five failing with 500, 503 or a reset connection
    const options = {
      rateLimits: true,
      faults: { rate: 0.2, kinds: ['500', '503', 'reset'], seed: 3 },
    } as const;

    // Act
    const { result, stats } = await scanThroughSandbox(demoAccount, options);
    const offline = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount });

    // Assess
    const injected = Object.values(stats.totals.faults).reduce((sum, count) => sum + count, 0);
    expect(injected).toBeGreaterThan(0);
    expect(verdicts(result.report)).toEqual(verdicts(offline.report));
  });
});
