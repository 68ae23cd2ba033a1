import { AsyncLocalStorage } from 'node:async_hooks';
import type { FinalizeHandler, RelativeMiddlewareOptions } from '@smithy/types';
import { isThrottle } from './throttling.js';
import type { AttemptOutcome } from './token-bucket.js';

export type { AttemptOutcome } from './token-bucket.js';

/** Lets attempts through one by one: waits for a token, then hears how the attempt ended. */
export interface AttemptGate {
  /** Resolves when the attempt may be sent, with the function to report its outcome to. */
  admit(): Promise<(outcome: AttemptOutcome) => void>;
}

// The gate of the governed call in progress. AsyncLocalStorage carries it from `governor.run`
// through the SDK's retry loop to each attempt, without threading it through every collector.
// A call the SDK makes on the way (a credentials provider's sts:AssumeRole through a gated client)
// passes the same gate: one token per refresh of member credentials, drawn from the caller's bucket.
const currentGate = new AsyncLocalStorage<AttemptGate>();

/** Runs `call` so that every SDK attempt it makes passes through `gate`. */
export function withAttemptGate<T>(gate: AttemptGate, call: () => Promise<T>): Promise<T> {
  return currentGate.run(gate, call);
}

/** The middleware's name in a client's stack. */
export const ATTEMPT_GATE_MIDDLEWARE = 'kdaAttemptGate';

/**
 * A middleware that runs once per attempt, placed just inside the SDK's retry loop: it takes a
 * token from the current gate before the attempt is signed and sent, and reports throttles. Outside
 * a governed call (report writes, alerts) it does nothing. Generic, so it fits every client's stack.
 */
export function attemptGateMiddleware<Input extends object, Output extends object>(
  next: FinalizeHandler<Input, Output>,
): FinalizeHandler<Input, Output> {
  return async function passAttemptGate(args) {
    const gate = currentGate.getStore();
    if (!gate) return next(args);
    const settle = await gate.admit();
    try {
      const output = await next(args);
      settle('ok');
      return output;
    } catch (error) {
      settle(isThrottle(error) ? 'throttled' : 'failed');
      throw error;
    }
  };
}

/** The part of a client's middleware stack `gateAttempts` uses. */
export interface GateableStack {
  addRelativeTo(middleware: typeof attemptGateMiddleware, options: RelativeMiddlewareOptions): void;
}

/** Adds the attempt gate to a client's middleware stack, after (inside) the retry middleware. */
export function gateAttempts(stack: GateableStack): void {
  stack.addRelativeTo(attemptGateMiddleware, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: ATTEMPT_GATE_MIDDLEWARE,
    override: true,
  });
}
