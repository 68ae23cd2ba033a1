import { shannonEntropy } from './entropy.js';

// Access key ids: AKIA (user), ASIA (temporary), ABIA (STS service bearer), ACCA (context-specific).
/** An AWS access key id anywhere in a text (global: use with `matchAll`). */
export const ACCESS_KEY_ID_PATTERN = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g;
/** The prefix of long-term (IAM user) access key ids; the others are temporary or service keys. */
export const LONG_TERM_KEY_ID_PREFIX = 'AKIA';
// The look-arounds keep longer base64 runs (certificates, hashes) out; `=` counts only after the
// token, where it is padding: before it, it is an assignment (`fs.s3a.secret.key=…`).
/** A 40-character run of the base64 alphabet, the shape of a secret access key (global). */
export const SECRET_ACCESS_KEY_PATTERN = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * Entropy a 40-character token needs, in bits per character, to pass for a secret access key.
 * Measured on 1,000,000 random keys from the real alphabet (A-Z a-z 0-9 / +): minimum 4.085, one in
 * 100,000 below 4.143, one in 10,000 below 4.253, median 4.784, maximum 5.272; 3.2 in 100,000 fall
 * below 4.2. A hex digest cannot exceed log2(16) = 4 (so it never passes), repeated characters or a
 * short repeated pattern score far lower (`aaaa…` 0, `AbCd…1234` 2.7) and package paths usually do
 * (`com/amazonaws/services/kinesisanalytics0` 3.87). Identifiers and URL paths can reach 4.6, which
 * is why the word and path rules below exist.
 */
export const SECRET_KEY_MIN_ENTROPY = 4.2;

// Characters inside words of 5+ letters (`Kinesis`, `analytics`): a random key rarely holds 24
// (7.8 in 100,000 measured), a CamelCase identifier of 40 characters nearly always does.
const WORD = /[A-Za-z][a-z]{4,}/g;
const MAX_WORD_CHARACTERS = 24;

/**
 * How much corroboration a token has:
 * - `with-evidence`: a credential-like name or an access key id stands next to it;
 * - `standalone`: nothing but its shape, so it must also hold a digit (identifiers rarely do).
 */
export const SECRET_KEY_EVIDENCE = ['with-evidence', 'standalone'] as const;
export type SecretKeyEvidence = (typeof SECRET_KEY_EVIDENCE)[number];

/**
 * True when a 40-character base64 token passes for a secret access key: entropy at least
 * SECRET_KEY_MIN_ENTROPY, both letter cases, not made of words, not a path of words. Measured on
 * 4,000,000 random keys, `with-evidence` rejects 1.3 in 10,000; `standalone` also requires a digit
 * and rejects 1.3 in 1,000. Of 1,006 mixed-case 40-character tokens from the installed npm packages
 * (identifiers, documentation paths), 28 pass `with-evidence` and only 2 pass `standalone`: the
 * documentation's example key and a genuine base64 value.
 */
export function isSecretAccessKey(token: string, evidence: SecretKeyEvidence): boolean {
  if (token.length !== 40 || !/^[A-Za-z0-9/+]+$/.test(token)) return false;
  if (!/[A-Z]/.test(token) || !/[a-z]/.test(token)) return false;
  if (evidence === 'standalone' && !/[0-9]/.test(token)) return false;
  return shannonEntropy(token) >= SECRET_KEY_MIN_ENTROPY && !isMadeOfWords(token) && !isPathOfWords(token);
}

function isMadeOfWords(token: string): boolean {
  let wordCharacters = 0;
  for (const match of token.matchAll(WORD)) wordCharacters += match[0].length;
  return wordCharacters >= MAX_WORD_CHARACTERS;
}

// Package and URL paths (`com/example/…`, `org/docs/Web/…`, `iam/Interface/…/latest/`): two
// lower-case leading segments, or two lower-case words as whole segments. 2.7 in 100,000 random keys.
function isPathOfWords(token: string): boolean {
  if (/^[a-z]{2,}\/[a-z]{2,}\//.test(token)) return true;
  return token.split('/').filter((segment) => /^[a-z]{3,}$/.test(segment)).length >= 2;
}
