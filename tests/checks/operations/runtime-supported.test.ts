import { describe, expect, it } from 'vitest';
import { runtimeSupported } from '../../../shared/checks/operations/runtime-supported.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';
import { expectedFinding, findingsOf } from '../../support/encryption-fixtures.js';
import { accountSnapshot, application, applicationArn } from '../../support/snapshot-builder.js';

const check = runtimeSupported;
const APP = applicationArn('orders-enricher');

/** A snapshot of one application on `runtime` (absent when undefined), collected at `collectedAt` (none when null). */
function runningOn(
  runtime: string | undefined,
  collectedAt: string | null = '2026-11-29T02:00:00Z',
): AccountSnapshot {
  const app = application();
  if (runtime === undefined) delete app.RuntimeEnvironment;
  else app.RuntimeEnvironment = runtime;
  return { ...accountSnapshot({ applications: [app] }), ...(collectedAt ? { collectedAt } : {}) };
}

describe('Check: runtime-supported', () => {
  it('returns PASS for a supported Flink runtime', () => {
    // Prepare
    const snapshot = runningOn('FLINK-1_20');

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: APP,
        detail: 'orders-enricher runs on FLINK-1_20 (Apache Flink 1.20), which AWS supports.',
      }),
    ]);
  });

  it('returns a high FAIL for a SQL application collected after its discontinuation', () => {
    // Prepare
    const snapshot = runningOn('SQL-1_0');

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        severity: 'high',
        resourceArn: APP,
        detail:
          'orders-enricher runs on SQL-1_0 (Kinesis Data Analytics for SQL), whose support ended on 2026-01-27; from that date AWS deletes SQL applications and they can no longer be started or operated; upgrade to a Managed Service for Apache Flink application (FLINK-1_20 or later, Flink SQL).',
      }),
    ]);
  });

  it('returns a medium FAIL for a SQL application collected before its announced discontinuation', () => {
    // Prepare
    const snapshot = runningOn('SQL-1_0', '2025-12-01T00:00:00Z');

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        severity: 'medium',
        resourceArn: APP,
        detail:
          'orders-enricher runs on SQL-1_0 (Kinesis Data Analytics for SQL), whose support ends on 2026-01-27; from that date AWS deletes SQL applications and they can no longer be started or operated; upgrade to a Managed Service for Apache Flink application (FLINK-1_20 or later, Flink SQL).',
      }),
    ]);
  });

  it('returns a high FAIL for a runtime whose support has ended without a recorded date', () => {
    // Prepare
    const snapshot = runningOn('FLINK-1_13');

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        severity: 'high',
        resourceArn: APP,
        detail:
          'orders-enricher runs on FLINK-1_13 (Apache Flink 1.13), whose support has ended; upgrade to FLINK-2_2 (or FLINK-1_20 to stay on Flink 1.x).',
      }),
    ]);
  });

  it("uses the table's own date when the snapshot has no collectedAt", () => {
    // Prepare
    const snapshot = runningOn('FLINK-1_11', null);

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        severity: 'high',
        resourceArn: APP,
        detail:
          'orders-enricher runs on FLINK-1_11 (Apache Flink 1.11), whose support ended on 2025-02-24; from that date applications on it can no longer be created, started or run (as of 2026-11-29; the snapshot has no collectedAt); upgrade to FLINK-2_2 (or FLINK-1_20 to stay on Flink 1.x).',
      }),
    ]);
  });

  it("returns ERROR for a runtime not in kda-auditor's table", () => {
    // Prepare
    const snapshot = runningOn('FLINK-9_9');

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: APP,
        detail:
          "orders-enricher runs on FLINK-9_9, which is not in kda-auditor's runtime table; check its support status with AWS and add it to shared/checks/operations/runtime-support.ts.",
      }),
    ]);
  });

  it('returns ERROR when the runtime is not in the snapshot', () => {
    // Prepare
    const snapshot = runningOn(undefined);

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: APP,
        detail:
          'The RuntimeEnvironment of orders-enricher is not in the snapshot; scan again with kinesisanalytics:DescribeApplication allowed.',
      }),
    ]);
  });
});
