import type { SandboxState } from '../state.js';
import type { QueryService, SandboxRequest, SandboxResponse } from '../types.js';
import { serverFaultAnswer, throttleAnswer } from './error-answers.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { type Clock, RateLimiter, type RateLimitsOption } from './rate-limits.js';
import { identifyRequest } from './request-identity.js';

/** The sandbox's realistic-load knobs; all off by default, so unit tests run fast. */
export interface LoadOptions {
  /** Throttle as AWS does (see REQUEST_QUOTAS), or with these limits for the operations named. */
  rateLimits?: RateLimitsOption;
  /** Fail a share of requests, reproducibly. */
  faults?: FaultOptions;
  /** Milliseconds clock for the token buckets (default: performance.now). */
  clock?: Clock;
}

/** What the front door does with a request. */
export type Admission =
  /** Serve it. */
  | { kind: 'serve' }
  /** Answer with this instead (throttled, or an injected 500/503). */
  | { kind: 'answer'; response: SandboxResponse }
  /** Drop the connection without answering. */
  | { kind: 'reset' }
  /** Serve it, but only after this many milliseconds. */
  | { kind: 'stall'; ms: number };

/**
 * The sandbox's front door under load: counts every request, throttles it when its quota is
 * spent, else injects the fault the seed decides for it. Built once per sandbox; bad options
 * fail here, when the sandbox starts.
 */
export class LoadGate {
  readonly #state: SandboxState;
  readonly #queryServices: readonly QueryService[];
  readonly #limiter: RateLimiter | undefined;
  readonly #faults: FaultInjector | undefined;
  readonly #stalls = new Set<() => void>();

  constructor(options: LoadOptions, state: SandboxState, queryServices: readonly QueryService[]) {
    this.#state = state;
    this.#queryServices = queryServices;
    const clock = options.clock ?? (() => performance.now());
    this.#limiter = options.rateLimits
      ? new RateLimiter(options.rateLimits, state.accountId, clock)
      : undefined;
    this.#faults = options.faults ? new FaultInjector(options.faults) : undefined;
  }

  /**
   * Decides the fate of a request that has been read in full, counted and throttled in the
   * account it is served from (the sandbox's own by default).
   */
  admit(raw: Omit<SandboxRequest, 'region' | 'service'>, account: SandboxState = this.#state): Admission {
    const identity = identifyRequest(raw);
    const { operation } = identity;
    const traffic = account.traffic;
    traffic.request(operation);
    // Drawn before throttling, so the fault stream follows the call count, not the clock.
    const fault = this.#faults?.decide(operation);
    const throttle = this.#limiter?.throttle(identity, account.accountId);
    if (throttle) {
      traffic.throttled(operation);
      return { kind: 'answer', response: throttleAnswer(identity, throttle, this.#queryServices) };
    }
    if (!fault || !this.#faults) return { kind: 'serve' };
    traffic.fault(operation, fault);
    switch (fault) {
      case 'reset':
        return { kind: 'reset' };
      case 'slow':
        return { kind: 'stall', ms: this.#faults.slowMs };
      default:
        return { kind: 'answer', response: serverFaultAnswer(identity, fault, this.#queryServices) };
    }
  }

  /** Waits out a stall; ends early when the sandbox closes. */
  stall(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.#stalls.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#stalls.add(end);
    });
  }

  /** Ends every stall, so closing the sandbox leaves no timer behind. */
  close(): void {
    for (const end of [...this.#stalls]) end();
  }
}
