import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../shared/secrets/entropy.js';

describe('Function: shannonEntropy', () => {
  it('returns 0 for an empty text', () => {
    // Act
    const entropy = shannonEntropy('');

    // Assess
    expect(entropy).toBe(0);
  });

  it('returns 0 for a repeated character', () => {
    // Act
    const entropy = shannonEntropy('a'.repeat(40));

    // Assess
    expect(entropy).toBe(0);
  });

  it('returns 1 bit for two characters in equal shares', () => {
    // Act
    const entropy = shannonEntropy('abababab');

    // Assess
    expect(entropy).toBe(1);
  });

  it('returns log2 of the length when every character differs', () => {
    // Act
    const entropy = shannonEntropy('0123456789abcdef');

    // Assess
    expect(entropy).toBe(4);
  });
});
