import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../shared/secrets/mask.js';

describe('Function: maskSecret', () => {
  it('returns the first and last 4 characters with the rest masked', () => {
    // Act
    const masked = maskSecret('AKIAIOSFODNN7EXAMPLE');

    // Assess
    expect(masked).toBe('AKIA************MPLE');
  });

  it('returns a fully masked value when it has fewer than 12 characters', () => {
    // Act
    const masked = maskSecret('hunter2-pwd');

    // Assess
    expect(masked).toBe('***********');
  });

  it('returns 4 masked characters between the visible ends for a 12-character value', () => {
    // Act
    const masked = maskSecret('abcd1234wxyz');

    // Assess
    expect(masked).toBe('abcd****wxyz');
  });
});
