import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import type { AuditReport } from '../../shared/report/types.js';
import { readSnapshot } from '../../shared/snapshot/read.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { canonicalSnapshot } from '../support/snapshot-equivalence.js';

// The contract of the snapshot format: evaluate(S) and scan(sandbox(S)) give the same verdicts, and
// the scan collects back a snapshot equivalent to S.
const example = readSnapshot(
  JSON.parse(readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8')),
);

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
    scanned = await runAudit({ regions: Object.keys(snapshot.regions ?? {}) }, { kind: 'live', clients });
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
