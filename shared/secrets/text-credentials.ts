import { type CredentialEvidence, providerEvidence, secretEvidence } from './credential-evidence.js';
import { isCredentialName, isLongTermProvider, isProviderName } from './credential-names.js';
import { accessKeyIdMatches, type KeyMatch, secretAccessKeyMatches } from './key-matches.js';

/**
 * How a text is laid out, which decides what counts as evidence for a secret access key:
 * - `lines`: a text file (properties, YAML, JSON, XML, source): a credential-like name on the same
 *   line, or an access key id anywhere in the text; hits carry their line;
 * - `strings`: separate strings one a line, such as a class file's constant pool, where a field named
 *   `secretKey` and its constant value are two strings: a credential-like name or an access key id
 *   anywhere in the text; hits carry no line (a pool index means nothing to a reader).
 */
export const TEXT_LAYOUTS = ['lines', 'strings'] as const;
export type TextLayout = (typeof TEXT_LAYOUTS)[number];

/** Options of findCredentialsInText. */
export interface TextScanOptions {
  /** Defaults to `lines`. */
  layout?: TextLayout;
}

/** Where in a file a credential was found. */
export interface TextLocation {
  /** The file, nested archives joined by `!/` (`lib/app.jar!/config/app.properties`). */
  origin: string;
  /** 1-based line, for the `lines` layout. */
  line?: number;
  /** The setting the value is assigned to, when the text says (`fs.s3a.secret.key`). */
  name?: string;
}

/** One credential found in a file's text; never holds a raw secret (see CredentialEvidence). */
export type TextCredentialHit = TextLocation & CredentialEvidence;

interface Assignment {
  name: string;
  value: string;
  /** Offset of the value in the text. */
  index: number;
}

// `name = value`, `name: value`, `"name": "value"`; a bare value stops at a space, quote, `,` `;` `}`.
// A bare name starts only at a word boundary: retrying from inside a long token is quadratic.
const ASSIGNMENT =
  /(?:"([^"\n]+)"|'([^'\n]+)'|(?<![\w.-])([A-Za-z_][\w.-]*))[ \t]*[:=][ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"',;}]*))/dg;
// After a bare value, `;` or `(` mean code (`secretKey = secret;`), not a literal.
const CODE_AFTER_VALUE = /[ \t]*[;(]/y;
// Hadoop configuration files: <name>fs.s3a.secret.key</name> then <value>…</value>, often a line apart.
const XML_PROPERTY = /<name>\s*([^<\s]+)\s*<\/name>\s*<value>\s*([^<]*?)\s*<\/value>/dg;
// References, templates and format strings stand for a value kept elsewhere: `${AWS_SECRET}`,
// `{{ key }}`, `<secret>`, `%s`, `{}` (a log or format string in a class file's constants).
const PLACEHOLDER = /^(?:\{|<|%|\$[A-Za-z_{]|process\.env\.|System\.getenv|os\.environ)/;
const MASKED = /^[*xX.]+$/;
const NAME_TOKEN = /[A-Za-z_][\w.-]*/g;

/**
 * Finds AWS credentials in the text of a file: access key ids anywhere; secret access keys only with
 * evidence (see TextLayout); a long-term `aws.credentials.provider`; and literal values of settings
 * named like credentials. `origin` names the file in every hit.
 */
export function findCredentialsInText(
  text: string,
  origin: string,
  options: TextScanOptions = {},
): TextCredentialHit[] {
  const layout = options.layout ?? 'lines';
  const lineStarts = startsOfLines(text);
  const assignments = findAssignments(text);
  const found: { index: number; name?: string; evidence: CredentialEvidence }[] = [];
  const nameAt = (index: number) =>
    assignments.find((a) => index >= a.index && index < a.index + a.value.length)?.name;
  const addKeys = (matches: KeyMatch[]) => {
    for (const match of matches) found.push({ ...match, name: nameAt(match.index) });
  };

  const keyIds = accessKeyIdMatches(text);
  addKeys(keyIds);
  // A credential-like name on the key's line, or in any string of a string table (judged once).
  const tableHoldsName = layout === 'strings' && holdsCredentialName(text);
  const nameNearby = (index: number) =>
    tableHoldsName || holdsCredentialName(lineText(text, lineStarts, lineOf(lineStarts, index)));
  addKeys(
    secretAccessKeyMatches(text, 'with-evidence').filter(
      (match) => keyIds.length > 0 || isCredentialName(nameAt(match.index) ?? '') || nameNearby(match.index),
    ),
  );

  for (const assignment of assignments) {
    if (isProviderName(assignment.name) && isLongTermProvider(assignment.value)) {
      found.push({ ...assignment, evidence: providerEvidence(assignment.value.trim()) });
    } else if (isCredentialName(assignment.name) && isLiteral(assignment.value)) {
      const end = assignment.index + assignment.value.length;
      const holdsKey = found.some((hit) => hit.index >= assignment.index && hit.index < end);
      if (!holdsKey)
        found.push({ ...assignment, evidence: secretEvidence('credential-property', assignment.value) });
    }
  }
  if (layout === 'strings') found.push(...providerAcrossStrings(text, lineStarts));

  return found
    .sort((left, right) => left.index - right.index)
    .map(({ index, name, evidence }) => ({
      origin,
      ...(layout === 'lines' ? { line: lineOf(lineStarts, index) } : {}),
      ...(name === undefined ? {} : { name }),
      ...evidence,
    }));
}

// In a constant pool the key `aws.credentials.provider` and its value `BASIC` are separate strings.
function providerAcrossStrings(text: string, lineStarts: readonly number[]) {
  const strings = lineStarts.map((_, line) => ({
    index: lineStarts[line] ?? 0,
    value: lineText(text, lineStarts, line + 1).trim(),
  }));
  const providerName = strings.find((string) => isProviderName(string.value));
  if (!providerName) return [];
  return strings
    .filter((string) => isLongTermProvider(string.value))
    .map((string) => ({
      index: string.index,
      name: providerName.value,
      evidence: providerEvidence(string.value),
    }));
}

function findAssignments(text: string): Assignment[] {
  const assignments: Assignment[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const name = match[1] ?? match[2] ?? match[3] ?? '';
    const valueGroup = [4, 5, 6].find((group) => match[group] !== undefined) ?? 6;
    const value = match[valueGroup] ?? '';
    const index = match.indices?.[valueGroup]?.[0] ?? match.index;
    CODE_AFTER_VALUE.lastIndex = index + value.length;
    if (valueGroup !== 6 || !CODE_AFTER_VALUE.test(text)) assignments.push({ name, value, index });
  }
  for (const match of text.matchAll(XML_PROPERTY)) {
    const index = match.indices?.[2]?.[0] ?? match.index;
    assignments.push({ name: match[1] ?? '', value: match[2] ?? '', index });
  }
  // An XML value may also parse as `name=value`: keep one assignment per value offset.
  const byIndex = new Map(assignments.map((assignment) => [assignment.index, assignment]));
  return [...byIndex.values()].sort((left, right) => left.index - right.index);
}

function isLiteral(value: string): boolean {
  const trimmed = value.trim();
  return trimmed !== '' && !PLACEHOLDER.test(trimmed) && !MASKED.test(trimmed);
}

function holdsCredentialName(text: string): boolean {
  return [...text.matchAll(NAME_TOKEN)].some((token) => isCredentialName(token[0]));
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** 1-based line holding an offset (binary search: texts of class pools and configs can be long). */
function lineOf(lineStarts: readonly number[], index: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((lineStarts[middle] ?? 0) <= index) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function lineText(text: string, lineStarts: readonly number[], line: number): string {
  const end = lineStarts[line];
  return text.slice(lineStarts[line - 1] ?? 0, end === undefined ? undefined : end - 1).replace(/\r$/, '');
}
