import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../shared/secrets/entropy.js';
import { isSecretAccessKey, SECRET_KEY_MIN_ENTROPY } from '../../shared/secrets/key-shapes.js';
import { SECRET_KEY_ALPHABET } from './support/keys.js';

// Random secret access keys drawn from the real alphabet. The rules reject about 1.3 keys in 10,000
// (measured on 4,000,000, see key-shapes.ts), so a sample of 2,000 is expected to pass whole; the
// seed pins the sample so the test cannot flicker.
const secretKeys = fc
  .array(fc.constantFrom(...SECRET_KEY_ALPHABET), { minLength: 40, maxLength: 40 })
  .map((characters) => characters.join(''));
const RUNS = { numRuns: 2000, seed: 20261129 };

describe('Function: isSecretAccessKey', () => {
  it('returns true for random keys of the real alphabet when there is evidence', () => {
    // Act & Assess
    fc.assert(
      fc.property(secretKeys, (key) => {
        expect(isSecretAccessKey(key, 'with-evidence')).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('Function: shannonEntropy', () => {
  it('returns at least SECRET_KEY_MIN_ENTROPY for random keys of the real alphabet', () => {
    // Act & Assess
    fc.assert(
      fc.property(secretKeys, (key) => {
        expect(shannonEntropy(key)).toBeGreaterThanOrEqual(SECRET_KEY_MIN_ENTROPY);
      }),
      RUNS,
    );
  });
});
