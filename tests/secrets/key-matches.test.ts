import { describe, expect, it } from 'vitest';
import {
  accessKeyIdMatches,
  holdsAccessKeyId,
  secretAccessKeyMatches,
} from '../../shared/secrets/key-matches.js';
import { LONG_TERM_KEY_ID, SECRET_KEY, SECRET_KEY_WITHOUT_DIGIT } from './support/keys.js';

describe('Function: holdsAccessKeyId', () => {
  it('returns true for a text with an access key id among other words', () => {
    // Act
    const holds = holdsAccessKeyId(`user ${LONG_TERM_KEY_ID} rotated`);

    // Assess
    expect(holds).toBe(true);
  });

  it('returns false for an id glued inside a longer word', () => {
    // Act
    const holds = holdsAccessKeyId(`X${LONG_TERM_KEY_ID}`);

    // Assess
    expect(holds).toBe(false);
  });
});

describe('Function: accessKeyIdMatches', () => {
  it('returns each id with its offset', () => {
    // Act
    const matches = accessKeyIdMatches(`a=${LONG_TERM_KEY_ID}`);

    // Assess
    expect(matches).toEqual([
      {
        index: 2,
        evidence: {
          kind: 'access-key-id',
          maskedValue: 'AKIA************7IN5',
          example: false,
          accessKeyId: LONG_TERM_KEY_ID,
        },
      },
    ]);
  });
});

describe('Function: secretAccessKeyMatches', () => {
  it('returns a key after `=` but not one inside a longer base64 run', () => {
    // Act
    const matches = secretAccessKeyMatches(`key=${SECRET_KEY} blob=${SECRET_KEY}AAAA==`, 'standalone');

    // Assess
    expect(matches).toEqual([
      {
        index: 4,
        evidence: { kind: 'secret-access-key', maskedValue: `5a46${'*'.repeat(36)}`, example: false },
      },
    ]);
  });

  it('returns a key without a digit only with evidence', () => {
    // Act
    const matches = {
      standalone: secretAccessKeyMatches(SECRET_KEY_WITHOUT_DIGIT, 'standalone'),
      withEvidence: secretAccessKeyMatches(SECRET_KEY_WITHOUT_DIGIT, 'with-evidence'),
    };

    // Assess
    expect(matches).toEqual({
      standalone: [],
      withEvidence: [
        {
          index: 0,
          evidence: { kind: 'secret-access-key', maskedValue: `Cshp${'*'.repeat(36)}`, example: false },
        },
      ],
    });
  });
});
