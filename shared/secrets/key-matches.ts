import { accessKeyIdEvidence, type CredentialEvidence, secretEvidence } from './credential-evidence.js';
import {
  ACCESS_KEY_ID_PATTERN,
  isSecretAccessKey,
  SECRET_ACCESS_KEY_PATTERN,
  type SecretKeyEvidence,
} from './key-shapes.js';

/** A key found in a text, with where it starts so callers can tell apart keys already reported. */
export interface KeyMatch {
  index: number;
  evidence: CredentialEvidence;
}

/** True when the text holds an AWS access key id anywhere. */
export function holdsAccessKeyId(text: string): boolean {
  return accessKeyIdMatches(text).length > 0;
}

/** The access key ids of a text, in order. */
export function accessKeyIdMatches(text: string): KeyMatch[] {
  return [...text.matchAll(ACCESS_KEY_ID_PATTERN)].map((match) => ({
    index: match.index,
    evidence: accessKeyIdEvidence(match[0]),
  }));
}

/** The secret access keys of a text, judged with the given corroboration, in order. */
export function secretAccessKeyMatches(text: string, evidence: SecretKeyEvidence): KeyMatch[] {
  return [...text.matchAll(SECRET_ACCESS_KEY_PATTERN)]
    .filter((match) => isSecretAccessKey(match[0], evidence))
    .map((match) => ({ index: match.index, evidence: secretEvidence('secret-access-key', match[0]) }));
}
