import type { FaultKind } from './faults.js';

/** What happened to the requests of one operation (or all of them). */
export interface OperationStats {
  /** Requests received, whatever became of them. */
  requests: number;
  /** Answered with the service's throttling error. */
  throttled: number;
  /** Injected faults, by kind. */
  faults: Record<FaultKind, number>;
}

/** What the sandbox has served so far: benchmarks and tests read it. */
export interface SandboxStats {
  totals: OperationStats;
  /** By operation (`kms:DescribeKey`, `s3:GetObject`), in first-seen order. */
  operations: Record<string, OperationStats>;
}

function emptyStats(): OperationStats {
  return {
    requests: 0,
    throttled: 0,
    faults: { '500': 0, '503': 0, reset: 0, slow: 0 },
  };
}

/** Counts requests, throttles and faults per operation. */
export class TrafficCounter {
  readonly #totals = emptyStats();
  readonly #operations = new Map<string, OperationStats>();

  /** A request arrived for the operation. */
  request(operation: string): void {
    this.#totals.requests += 1;
    this.#of(operation).requests += 1;
  }

  /** A request of the operation was throttled. */
  throttled(operation: string): void {
    this.#totals.throttled += 1;
    this.#of(operation).throttled += 1;
  }

  /** A fault was injected into a request of the operation. */
  fault(operation: string, kind: FaultKind): void {
    this.#totals.faults[kind] += 1;
    this.#of(operation).faults[kind] += 1;
  }

  /** A copy of the counts: later traffic does not change it. */
  snapshot(): SandboxStats {
    return {
      totals: structuredClone(this.#totals),
      operations: Object.fromEntries(
        [...this.#operations].map(([operation, stats]) => [operation, structuredClone(stats)]),
      ),
    };
  }

  #of(operation: string): OperationStats {
    let stats = this.#operations.get(operation);
    if (!stats) {
      stats = emptyStats();
      this.#operations.set(operation, stats);
    }
    return stats;
  }
}
