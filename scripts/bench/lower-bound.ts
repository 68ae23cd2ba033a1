// The theoretical lower bound on a scan's wall time, from the calls it must make, AWS's request
// quotas and the per-request latency. Pure: the bench derives the demands (required-calls.ts) and
// this turns them into milliseconds. The model and why it is a true lower bound: docs/performance.md.

/** The calls a scan must send to one token bucket (one quota in one place). */
export interface BucketDemand {
  /** The operation (`kinesis:DescribeStreamSummary`) or, for a shared quota, its name. */
  bucket: string;
  /** A region, or `global` (IAM). */
  place: string;
  /** Calls that must be admitted: the minimum the account needs, never what a scanner happened to send. */
  calls: number;
  /** Token refill, requests per second; absent for calls no quota limits (they cost latency only). */
  rate?: number;
  /** Tokens in the full bucket when the scan starts. */
  burst?: number;
  /** Round trips that must complete before the first of these calls can be sent (what names its target). */
  depth: number;
}

/** One way of getting some information: the bucket demands it takes. */
export interface Alternative {
  name: string;
  demands: readonly BucketDemand[];
}

/** Information the scan needs, obtainable by any one of its alternatives (the cheapest counts). */
export interface Requirement {
  name: string;
  alternatives: readonly Alternative[];
}

/** What the bound is computed from. */
export interface LowerBoundInput {
  requirements: readonly Requirement[];
  /** The latency of every round trip, milliseconds. */
  latencyMs: number;
  /** Round trips that must follow the last read (the report written, then `latest.json`). */
  tailRoundTrips: number;
}

/** A demand with the time it forces. */
export interface TimedDemand extends BucketDemand {
  /** max(0, calls − burst) / rate, milliseconds: the wait for tokens alone. */
  tokenMs: number;
  /** (depth + 1 + tail) × latency + tokenMs: the earliest the scan can end, given this demand alone. */
  floorMs: number;
}

/** The bound and what sets it. */
export interface LowerBound {
  boundMs: number;
  /** The demand that sets the bound (the slowest of each requirement's cheapest alternative). */
  binding: TimedDemand | undefined;
  /** Per requirement: its cheapest alternative and that alternative's slowest demand. */
  requirements: { name: string; alternative: string; slowest: TimedDemand | undefined; floorMs: number }[];
}

/**
 * The earliest a scan can end given only this demand. Its first call cannot leave before `depth`
 * round trips; a full bucket admits `burst` calls at once and `rate` per second after, so the
 * last of `calls` is admitted no sooner than (calls − burst) / rate later; it then takes one round
 * trip, and the tail's round trips follow it.
 */
export function demandFloor(demand: BucketDemand, latencyMs: number, tailRoundTrips: number): TimedDemand {
  const tokenMs =
    demand.rate !== undefined && demand.burst !== undefined && demand.calls > 0
      ? (Math.max(0, demand.calls - demand.burst) / demand.rate) * 1000
      : 0;
  const floorMs = demand.calls > 0 ? (demand.depth + 1 + tailRoundTrips) * latencyMs + tokenMs : 0;
  return { ...demand, tokenMs, floorMs };
}

/**
 * bound = max over requirements of (min over its alternatives of (max over the alternative's
 * demands of demandFloor)). Each term is a time the scan cannot beat, so their maximum is one too.
 */
export function lowerBound(input: LowerBoundInput): LowerBound {
  const requirements = input.requirements.map((requirement) => {
    const options = requirement.alternatives.map((alternative) => {
      const timed = alternative.demands.map((demand) =>
        demandFloor(demand, input.latencyMs, input.tailRoundTrips),
      );
      const slowest = timed.reduce<TimedDemand | undefined>(
        (worst, demand) => (worst === undefined || demand.floorMs > worst.floorMs ? demand : worst),
        undefined,
      );
      return { alternative: alternative.name, slowest, floorMs: slowest?.floorMs ?? 0 };
    });
    const cheapest = options.reduce<(typeof options)[number] | undefined>(
      (best, option) => (best === undefined || option.floorMs < best.floorMs ? option : best),
      undefined,
    );
    return {
      name: requirement.name,
      alternative: cheapest?.alternative ?? '-',
      slowest: cheapest?.slowest,
      floorMs: cheapest?.floorMs ?? 0,
    };
  });
  const binding = requirements.reduce<(typeof requirements)[number] | undefined>(
    (worst, requirement) =>
      worst === undefined || requirement.floorMs > worst.floorMs ? requirement : worst,
    undefined,
  );
  return { boundMs: binding?.floorMs ?? 0, binding: binding?.slowest, requirements };
}
