import { describe, expect, it } from 'vitest';
import { isSecretAccessKey } from '../../shared/secrets/key-shapes.js';
import { EXAMPLE_SECRET_KEY, SECRET_KEY, SECRET_KEY_WITHOUT_DIGIT } from './support/keys.js';

describe('Function: isSecretAccessKey', () => {
  it.each([EXAMPLE_SECRET_KEY, SECRET_KEY])('returns true for %s on its shape alone', (token) => {
    // Act
    const passes = isSecretAccessKey(token, 'standalone');

    // Assess
    expect(passes).toBe(true);
  });

  it('returns true for a key without a digit when there is evidence', () => {
    // Act
    const passes = isSecretAccessKey(SECRET_KEY_WITHOUT_DIGIT, 'with-evidence');

    // Assess
    expect(passes).toBe(true);
  });

  it('returns false for a key without a digit on its shape alone', () => {
    // Act
    const passes = isSecretAccessKey(SECRET_KEY_WITHOUT_DIGIT, 'standalone');

    // Assess
    expect(passes).toBe(false);
  });

  it.each([
    ['a repeated character', `${'A'.repeat(39)}a`],
    ['a short repeated pattern', 'AbCdAbCdAbCdAbCdAbCdAbCdAbCdAbCd12341234'],
    ['a hex digest (at most 4 bits a character)', '9e107d9d372bb6826bd81d3542a419d6a4c2e1f0'],
    ['a package path', 'com/amazonaws/services/kinesisanalytics0'],
    ['a package path of high entropy', 'com/example/streaming/OrdersJobConfig/v2'],
    ['a documentation path', 'org/docs/Web/API/HTMLCanvasElement/width'],
    ['a path with lower-case words as segments', 'v2/Interface/GetKeyPolicy9/latest/api/Q7'],
    ['an identifier made of words', 'KinesisAnalyticsV2HttpAuthSchemeProvider'],
    ['a single letter case', 'abcdefghijklmnopqrstuvwxyz0123456789/+ab'],
    ['a 39-character token', SECRET_KEY.slice(1)],
    ['a 40-character token outside the alphabet', `${SECRET_KEY.slice(1)}_`],
  ])('returns false for %s, even with evidence', (_label, token) => {
    // Act
    const passes = isSecretAccessKey(token, 'with-evidence');

    // Assess
    expect(passes).toBe(false);
  });
});
