import { ACCESS_KEY_ID_PATTERN } from './key-shapes.js';

/** Below this length, showing 8 characters of an identifier would reveal too much of it: mask it all. */
const SHORTEST_PARTLY_SHOWN_ID = 12;
/** Below this length, even 4 characters are a large share of a secret: mask it all. */
const SHORTEST_PARTLY_SHOWN_SECRET = 16;

/**
 * Masks an identifier such as an access key id: the first 4 and last 4 characters stay visible
 * (`AKIAIOSFODNN7EXAMPLE` → `AKIA************MPLE`); values shorter than 12 characters are fully masked.
 */
export function maskKeyId(value: string): string {
  if (value.length < SHORTEST_PARTLY_SHOWN_ID) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/**
 * Masks a secret (a secret access key, a password): at most its first 4 characters stay visible
 * (`wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` → `wJal` and 36 `*`); values shorter than 16 are fully masked.
 */
export function maskSecretValue(value: string): string {
  if (value.length < SHORTEST_PARTLY_SHOWN_SECRET) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 4)}`;
}

/** The text with every access key id in it masked (`AKIA************MPLE`), for text shown to people. */
export function maskAccessKeyIds(text: string): string {
  return text.replace(ACCESS_KEY_ID_PATTERN, (id) => maskKeyId(id));
}
