import { describe, expect, it } from 'vitest';
import { fitToLength } from '../../shared/security-hub/asff-limits.js';

describe('Function: fitToLength', () => {
  it('returns text within the limit unchanged, trimmed', () => {
    // Act
    const fitted = fitToLength('  Role orders-role allows s3:*.  ', 40);

    // Assess
    expect(fitted).toEqual('Role orders-role allows s3:*.');
  });

  it('returns longer text cut to the limit and ending with an ellipsis', () => {
    // Act
    const fitted = fitToLength('abcdefghij klmnop', 10);

    // Assess
    expect(fitted).toEqual('abcdefghi…');
  });

  it('returns the fallback for blank text', () => {
    // Act
    const fitted = fitToLength('   ', 10, 'No detail');

    // Assess
    expect(fitted).toEqual('No detail');
  });

  it('returns no half of a surrogate pair at the cut', () => {
    // Act
    const fitted = fitToLength('abc😀defgh', 5);

    // Assess
    expect(fitted).toEqual('abc…');
  });
});
