import { RuntimeEnvironment } from '@aws-sdk/client-kinesis-analytics-v2';
import { describe, expect, it } from 'vitest';
import {
  RUNTIME_SUPPORT,
  type RuntimeSupport,
  runtimeStatusAt,
  runtimeSupport,
} from '../../../shared/checks/operations/runtime-support.js';

const ENDING: RuntimeSupport = {
  runtime: 'FLINK-1_0',
  engine: 'Apache Flink 1.0',
  status: 'ending',
  endOfSupport: '2026-06-30',
  upgradeTo: 'FLINK-2_2',
  source: 'https://docs.aws.amazon.com/managed-flink/latest/java/earlier.html',
};

describe('Data: RUNTIME_SUPPORT', () => {
  it('has a row for every RuntimeEnvironment the KinesisAnalyticsV2 API accepts', () => {
    // Act
    const missing = Object.values(RuntimeEnvironment).filter(
      (runtime) => runtimeSupport(runtime) === undefined,
    );

    // Assess
    expect(missing).toEqual([]);
  });

  it('cites an AWS page for every row and a date for every announced end', () => {
    // Act
    const unsourced = RUNTIME_SUPPORT.filter(
      (row) =>
        !row.source.startsWith('https://docs.aws.amazon.com/') ||
        (row.status === 'ending' && !/^\d{4}-\d{2}-\d{2}$/.test(row.endOfSupport ?? '')),
    );

    // Assess
    expect(unsourced).toEqual([]);
  });
});

describe('Function: runtimeStatusAt', () => {
  it('returns ending before the end-of-support date', () => {
    // Act
    const status = runtimeStatusAt(ENDING, '2026-06-29T23:59:59Z');

    // Assess
    expect(status).toBe('ending');
  });

  it('returns ended from the end-of-support date on', () => {
    // Act
    const status = runtimeStatusAt(ENDING, '2026-06-30T00:00:00Z');

    // Assess
    expect(status).toBe('ended');
  });

  it("returns the table's status without a moment to compare", () => {
    // Act
    const status = runtimeStatusAt(ENDING, undefined);

    // Assess
    expect(status).toBe('ending');
  });

  it("returns the table's status for a row without an end-of-support date", () => {
    // Act
    const status = runtimeStatusAt(
      { ...ENDING, status: 'supported', endOfSupport: undefined },
      '2030-01-01T00:00:00Z',
    );

    // Assess
    expect(status).toBe('supported');
  });
});
