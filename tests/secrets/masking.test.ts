import { describe, expect, it } from 'vitest';
import { detectCredentials } from '../../shared/secrets/credentials.js';
import { findCredentialsInText } from '../../shared/secrets/text-credentials.js';
import {
  constantPool,
  EXAMPLE_KEY_ID,
  EXAMPLE_SECRET_KEY,
  LONG_TERM_KEY_ID,
  propertyGroup,
  SECRET_KEY,
  SECRET_KEY_WITHOUT_DIGIT,
  TEMPORARY_KEY_ID,
  textFile,
} from './support/keys.js';

const PASSWORD = 'correct-horse-battery-staple';
const RAW_VALUES = [
  EXAMPLE_KEY_ID,
  EXAMPLE_SECRET_KEY,
  LONG_TERM_KEY_ID,
  TEMPORARY_KEY_ID,
  SECRET_KEY,
  SECRET_KEY_WITHOUT_DIGIT,
  PASSWORD,
];

/** Every 5-character piece of a raw value: showing one would show more than 4 characters of it. */
function piecesOf(value: string): string[] {
  return Array.from({ length: value.length - 4 }, (_, start) => value.slice(start, start + 5));
}

/** The fields of a hit (accessKeyId aside) that hold a piece of a raw value, as `field: piece`. */
function leaks(hit: object): string[] {
  return Object.entries(hit)
    .filter(([field]) => field !== 'accessKeyId')
    .flatMap(([field, shown]) =>
      RAW_VALUES.flatMap(piecesOf)
        .filter((piece) => String(shown).includes(piece))
        .map((piece) => `${field}: ${piece}`),
    );
}

describe('Function: detectCredentials and findCredentialsInText', () => {
  it('returns hits of every kind in which no field but accessKeyId shows more than 4 characters of a credential', () => {
    // Prepare
    const propertyHits = detectCredentials([
      propertyGroup({
        'aws.credentials.provider': 'BASIC',
        'aws.credentials.provider.basic.accesskeyid': LONG_TERM_KEY_ID,
        'aws.credentials.provider.basic.secretkey': SECRET_KEY,
        'sink.password.secretKey': PASSWORD,
        'jdbc.url': `jdbc:athena://x;User=${TEMPORARY_KEY_ID}`,
      }),
    ]);
    const textHits = findCredentialsInText(
      textFile(
        `aws_access_key_id=${EXAMPLE_KEY_ID}`,
        `aws_secret_access_key=${EXAMPLE_SECRET_KEY}`,
        `"secretKey": "${PASSWORD}"`,
        'aws.credentials.provider: PROFILE',
      ),
      'app.jar!/application.yaml',
    );
    const poolHits = findCredentialsInText(
      constantPool('secretKey', SECRET_KEY_WITHOUT_DIGIT, LONG_TERM_KEY_ID),
      'app.jar!/Job.class',
      { layout: 'strings' },
    );
    const hits = [...propertyHits, ...textHits, ...poolHits];

    // Act
    const found = { kinds: [...new Set(hits.map((hit) => hit.kind))].sort(), leaks: hits.flatMap(leaks) };

    // Assess
    expect(found).toEqual({
      kinds: ['access-key-id', 'credential-property', 'long-term-credentials-provider', 'secret-access-key'],
      leaks: [],
    });
  });
});
