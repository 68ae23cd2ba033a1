import { describe, expect, it } from 'vitest';
import {
  accessKeyIdEvidence,
  longTermAccessKeyIds,
  providerEvidence,
  secretEvidence,
} from '../../shared/secrets/credential-evidence.js';
import {
  EXAMPLE_KEY_ID,
  EXAMPLE_SECRET_KEY,
  LONG_TERM_KEY_ID,
  SECRET_KEY,
  TEMPORARY_KEY_ID,
} from './support/keys.js';

describe('Function: accessKeyIdEvidence', () => {
  it('returns the id masked to its ends and kept whole in accessKeyId', () => {
    // Act
    const evidence = accessKeyIdEvidence(LONG_TERM_KEY_ID);

    // Assess
    expect(evidence).toEqual({
      kind: 'access-key-id',
      maskedValue: 'AKIA************7IN5',
      example: false,
      accessKeyId: LONG_TERM_KEY_ID,
    });
  });

  it('returns example true for the documentation key id', () => {
    // Act
    const evidence = accessKeyIdEvidence(EXAMPLE_KEY_ID);

    // Assess
    expect(evidence).toEqual({
      kind: 'access-key-id',
      maskedValue: 'AKIA************MPLE',
      example: true,
      accessKeyId: EXAMPLE_KEY_ID,
    });
  });
});

describe('Function: secretEvidence', () => {
  it('returns a secret access key masked to its first 4 characters', () => {
    // Act
    const evidence = secretEvidence('secret-access-key', EXAMPLE_SECRET_KEY);

    // Assess
    expect(evidence).toEqual({
      kind: 'secret-access-key',
      maskedValue: `wJal${'*'.repeat(36)}`,
      example: true,
    });
  });

  it('returns a short credential value fully masked', () => {
    // Act
    const evidence = secretEvidence('credential-property', 'hunter2');

    // Assess
    expect(evidence).toEqual({ kind: 'credential-property', maskedValue: '*******', example: false });
  });
});

describe('Function: providerEvidence', () => {
  it('returns the provider name as found, which is not a secret', () => {
    // Act
    const evidence = providerEvidence('ENV_VAR');

    // Assess
    expect(evidence).toEqual({
      kind: 'long-term-credentials-provider',
      maskedValue: 'ENV_VAR',
      example: false,
    });
  });
});

describe('Function: longTermAccessKeyIds', () => {
  it('returns each long-term key id once, in order, without examples, temporary ids or secrets', () => {
    // Prepare
    const second = 'AKIAQ2RSTUVWXYZ23456';
    const hits = [
      accessKeyIdEvidence(LONG_TERM_KEY_ID),
      accessKeyIdEvidence(EXAMPLE_KEY_ID),
      accessKeyIdEvidence(TEMPORARY_KEY_ID),
      secretEvidence('secret-access-key', SECRET_KEY),
      accessKeyIdEvidence(second),
      accessKeyIdEvidence(LONG_TERM_KEY_ID),
    ];

    // Act
    const ids = longTermAccessKeyIds(hits);

    // Assess
    expect(ids).toEqual([LONG_TERM_KEY_ID, second]);
  });

  it('returns an empty list when no hit is a long-term key id', () => {
    // Act
    const ids = longTermAccessKeyIds([providerEvidence('BASIC')]);

    // Assess
    expect(ids).toEqual([]);
  });
});
