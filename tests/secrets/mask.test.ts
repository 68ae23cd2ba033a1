import { describe, expect, it } from 'vitest';
import { maskKeyId, maskSecretValue } from '../../shared/secrets/mask.js';

describe('Function: maskKeyId', () => {
  it('returns the first and last 4 characters with the rest masked', () => {
    // Act
    const masked = maskKeyId('AKIAIOSFODNN7EXAMPLE');

    // Assess
    expect(masked).toBe('AKIA************MPLE');
  });

  it('returns a fully masked value when it has fewer than 12 characters', () => {
    // Act
    const masked = maskKeyId('hunter2-pwd');

    // Assess
    expect(masked).toBe('***********');
  });

  it('returns 4 masked characters between the visible ends for a 12-character value', () => {
    // Act
    const masked = maskKeyId('abcd1234wxyz');

    // Assess
    expect(masked).toBe('abcd****wxyz');
  });
});

describe('Function: maskSecretValue', () => {
  it('returns only the first 4 characters of a secret access key', () => {
    // Act
    const masked = maskSecretValue('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');

    // Assess
    expect(masked).toBe(`wJal${'*'.repeat(36)}`);
  });

  it('returns a fully masked value when it has fewer than 16 characters', () => {
    // Act
    const masked = maskSecretValue('my-db-password1');

    // Assess
    expect(masked).toBe('***************');
  });

  it('returns the first 4 characters of a 16-character value', () => {
    // Act
    const masked = maskSecretValue('my-db-password12');

    // Assess
    expect(masked).toBe('my-d************');
  });
});
