/** Length limits of the ASFF fields kda-auditor fills (AwsSecurityFinding in the Security Hub API reference). */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  recommendationText: 512,
  noteText: 512,
  productFieldKey: 128,
  productFieldValue: 2048,
  /** Resource.Details.Other: keys and values must be shorter than these ("fewer than"). */
  otherKey: 127,
  otherValue: 1023,
  /** Findings per BatchImportFindings request. */
  findingsPerBatch: 100,
  /** Bytes per BatchImportFindings request (6 MB) and per finding (240 KB). */
  bytesPerBatch: 6 * 1024 * 1024,
  bytesPerFinding: 240 * 1024,
} as const;

/**
 * The text cut to at most `max` characters, ending with an ellipsis when cut, so Security Hub never
 * rejects a finding for a long detail. Blank text becomes `fallback`: ASFF strings must hold a
 * non-blank character.
 */
export function fitToLength(text: string, max: number, fallback = '-'): string {
  const trimmed = text.trim() || fallback;
  if (trimmed.length <= max) return trimmed;
  // Cutting between the two halves of a surrogate pair would leave invalid UTF-16.
  const cut = /[\uD800-\uDBFF]$/.test(trimmed.slice(0, max - 1)) ? max - 2 : max - 1;
  return `${trimmed.slice(0, cut).trimEnd()}…`;
}
