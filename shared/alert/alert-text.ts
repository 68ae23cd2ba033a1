import { SEVERITIES, type Severity } from '../checks/types.js';

// SNS: "Subjects must be ASCII text … no line breaks or control characters, and less than 100 characters".
const MAX_SUBJECT_LENGTH = 99;

/** An SNS-safe subject: printable ASCII only (anything else becomes `?`), cut to 99 characters with `...`. */
export function subjectLine(text: string): string {
  // Control and non-ASCII characters would make SNS reject the whole Publish call.
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}

/** The text on one line, cut with `…` past `length` characters. */
export function clip(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= length ? line : `${line.slice(0, length - 1)}…`;
}

/** `1 finding`, `2 findings`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `score 40/100 (grade F)` or `not scored`. */
export function scoreText({ score, grade }: { score: number | null; grade: string | null }): string {
  return score === null ? 'not scored' : `score ${score}/100 (grade ${grade})`;
}

/** The size SNS counts: UTF-8 bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The severities at or above a threshold, most severe first. */
export function severitiesFrom(threshold: Severity): Severity[] {
  return SEVERITIES.slice(0, SEVERITIES.indexOf(threshold) + 1);
}

/** `critical` or `high or above`, for sentences. */
export function thresholdText(threshold: Severity): string {
  return threshold === 'critical' ? 'critical' : `${threshold} or above`;
}

/** The most severe of the given severities, or undefined for none. */
export function highestSeverity(severities: Iterable<Severity>): Severity | undefined {
  const present = new Set(severities);
  return SEVERITIES.find((severity) => present.has(severity));
}

/** Orders by severity, most severe first; stable, so equal severities keep their order. */
export function bySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}
