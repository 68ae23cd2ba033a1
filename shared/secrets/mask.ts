/** Below this length, showing 8 characters would reveal too much of the value: mask it all. */
const SHORTEST_PARTLY_SHOWN = 12;

/**
 * Masks a secret for display: the first 4 and last 4 characters stay visible, the rest become `*`
 * (`AKIAIOSFODNN7EXAMPLE` → `AKIA************MPLE`); values shorter than 12 characters are fully masked.
 */
export function maskSecret(value: string): string {
  if (value.length < SHORTEST_PARTLY_SHOWN) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}
