import { describe, expect, it } from 'vitest';
import { AWS_DOCUMENTATION_EXAMPLE_KEYS, isExampleCredential } from '../../shared/secrets/example-keys.js';
import { LONG_TERM_KEY_ID, SECRET_KEY } from './support/keys.js';

describe('Function: isExampleCredential', () => {
  it.each(AWS_DOCUMENTATION_EXAMPLE_KEYS)('returns true for the documentation key %s', (key) => {
    // Act
    const example = isExampleCredential(key);

    // Assess
    expect(example).toBe(true);
  });

  it.each(['AKIAZZZZZZZZZEXAMPLE', 'abcdefghijklmnopqrstuvwxyz0123EXAMPLEKEY'])(
    'returns true for %s, which ends like the documentation keys',
    (key) => {
      // Act
      const example = isExampleCredential(key);

      // Assess
      expect(example).toBe(true);
    },
  );

  it.each([LONG_TERM_KEY_ID, SECRET_KEY, 'AKIAIOSFODNN7example'])('returns false for %s', (key) => {
    // Act
    const example = isExampleCredential(key);

    // Assess
    expect(example).toBe(false);
  });
});
