import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../sandbox/load/fault-spec.js';
import { InvalidRequestError } from '../../../shared/errors.js';

/** The problems a spec is refused with (fails the test when the spec is accepted). */
function problemsOf(spec: string): string[] {
  try {
    parseFaultSpec(spec);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.problems;
    throw error;
  }
  throw new Error(`Expected "${spec}" to be refused`);
}

describe('Function: parseFaultSpec', () => {
  it('returns every setting of a full spec', () => {
    // Act
    const options = parseFaultSpec('rate=0.1,kinds=500+503+reset+slow,seed=7,slowMs=2500');

    // Assess
    expect(options).toEqual({ rate: 0.1, kinds: ['500', '503', 'reset', 'slow'], seed: 7, slowMs: 2500 });
  });

  it('returns seed 1 and no slowMs when the spec leaves them out, whatever the spacing', () => {
    // Act
    const options = parseFaultSpec(' kinds = reset , rate = .5 ');

    // Assess
    expect(options).toEqual({ rate: 0.5, kinds: ['reset'], seed: 1 });
  });

  it('refuses a spec without rate or kinds', () => {
    // Act
    const problems = problemsOf('seed=3');

    // Assess
    expect(problems).toEqual([
      'rate=… is required (the share of requests that fail, 0 to 1)',
      'kinds=… is required (any of 500+503+reset+slow)',
    ]);
  });

  it('refuses unknown keys, repeated keys and keys without a value', () => {
    // Act
    const problems = problemsOf('rate=0.1,rate=0.2,kinds=500,delay=3,seed,slowMs=1=2');

    // Assess
    expect(problems).toEqual([
      'rate is given twice',
      '"delay=3" is not one of rate=…, kinds=…, seed=…, slowMs=…',
      'seed needs one value (seed=…)',
      'slowMs needs one value (slowMs=…)',
    ]);
  });

  it('refuses values that are not numbers or not fault kinds', () => {
    // Act
    const problems = problemsOf('rate=ten,kinds=500+timeout,seed=0x10');

    // Assess
    expect(problems).toEqual([
      'rate=ten is not a number',
      'seed=0x10 is not a number',
      'kinds: "timeout" is not one of 500, 503, reset, slow (join several with +)',
    ]);
  });

  it('refuses numbers out of range', () => {
    // Act
    const problems = problemsOf('rate=1.5,kinds=slow,seed=2.5,slowMs=0');

    // Assess
    expect(problems).toEqual([
      'rate must be a number from 0 to 1 (the share of requests that fail), got 1.5',
      'seed must be a whole number, got 2.5',
      'slowMs must be a whole number of milliseconds above 0, got 0',
    ]);
  });
});
