import { describe, expect, it } from 'vitest';
import { demandFloor, lowerBound, type Requirement } from '../../scripts/bench/lower-bound.js';

// A tiny account worked by hand: 20 ms per round trip, 2 round trips after the last read.
const LATENCY_MS = 20;
const TAIL = 2;

const describeApplications: Requirement = {
  name: 'DescribeApplication r1',
  alternatives: [
    {
      name: 'one call each',
      // (30 − 5) / 10 per s = 2,500 ms of tokens; (1 + 1 + 2) × 20 = 80 ms of round trips.
      demands: [
        {
          bucket: 'kinesisanalytics:DescribeApplication',
          place: 'r1',
          calls: 30,
          rate: 10,
          burst: 5,
          depth: 1,
        },
      ],
    },
  ],
};

const logGroups: Requirement = {
  name: 'log groups r1',
  alternatives: [
    {
      name: 'by name prefix',
      // (40 − 10) / 10 = 3,000 ms + (2 + 1 + 2) × 20 = 3,100 ms.
      demands: [{ bucket: 'logs:DescribeLogGroups', place: 'r1', calls: 40, rate: 10, burst: 10, depth: 2 }],
    },
    {
      name: 'every log group of the region',
      // One page within the burst: (0 + 1 + 2) × 20 = 60 ms.
      demands: [{ bucket: 'logs:DescribeLogGroups', place: 'r1', calls: 1, rate: 10, burst: 10, depth: 0 }],
    },
  ],
};

const bucketSettings: Requirement = {
  name: 'S3 bucket settings',
  alternatives: [
    {
      name: 'one call each',
      // No rate quota (per prefix): latency only, (4 + 1 + 2) × 20 = 140 ms.
      demands: [{ bucket: 's3:GetBucketEncryption', place: 'r1', calls: 500, depth: 4 }],
    },
  ],
};

describe('Function: demandFloor', () => {
  it('adds the wait for tokens beyond the burst to the round trips before, of and after the last call', () => {
    // Act
    const floor = demandFloor(
      { bucket: 'firehose:DescribeDeliveryStream', place: 'r1', calls: 90, rate: 5, burst: 5, depth: 2 },
      LATENCY_MS,
      TAIL,
    );

    // Assess: (90 − 5) / 5 = 17 s, plus (2 + 1 + 2) × 20 ms.
    expect(floor).toEqual({
      bucket: 'firehose:DescribeDeliveryStream',
      place: 'r1',
      calls: 90,
      rate: 5,
      burst: 5,
      depth: 2,
      tokenMs: 17_000,
      floorMs: 17_100,
    });
  });

  it('costs nothing for a demand of no calls', () => {
    // Act
    const floor = demandFloor(
      { bucket: 'kms:DescribeKey', place: 'r1', calls: 0, rate: 1, burst: 1, depth: 3 },
      20,
      2,
    );

    // Assess
    expect(floor.floorMs).toBe(0);
    expect(floor.tokenMs).toBe(0);
  });
});

describe('Function: lowerBound', () => {
  it('takes the cheapest alternative of each requirement and the slowest requirement overall', () => {
    // Act
    const bound = lowerBound({
      requirements: [describeApplications, logGroups, bucketSettings],
      latencyMs: LATENCY_MS,
      tailRoundTrips: TAIL,
    });

    // Assess
    expect(bound.boundMs).toBe(2_580);
    expect(bound.binding).toMatchObject({ bucket: 'kinesisanalytics:DescribeApplication', tokenMs: 2_500 });
    expect(
      bound.requirements.map(({ name, alternative, floorMs }) => ({ name, alternative, floorMs })),
    ).toEqual([
      { name: 'DescribeApplication r1', alternative: 'one call each', floorMs: 2_580 },
      { name: 'log groups r1', alternative: 'every log group of the region', floorMs: 60 },
      { name: 'S3 bucket settings', alternative: 'one call each', floorMs: 140 },
    ]);
  });

  it('is the longest chain of round trips when every bucket holds its calls', () => {
    // Act
    const bound = lowerBound({
      requirements: [bucketSettings, logGroups],
      latencyMs: LATENCY_MS,
      tailRoundTrips: TAIL,
    });

    // Assess
    expect(bound.boundMs).toBe(140);
  });

  it('is 0 for an account that needs no call', () => {
    // Act
    const bound = lowerBound({ requirements: [], latencyMs: LATENCY_MS, tailRoundTrips: TAIL });

    // Assess
    expect(bound).toEqual({ boundMs: 0, binding: undefined, requirements: [] });
  });
});
