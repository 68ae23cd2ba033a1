import { isMap, isScalar } from 'yaml';
import { SUPPRESSION_MATCHERS, type SuppressionMatcher, type SuppressionRule } from './types.js';

/** One thing wrong with a suppression file, at a line. */
export interface FileProblem {
  line: number;
  message: string;
}

/** What validating one rule needs from the file being read; problems are pushed to `problems`. */
export interface RuleReading {
  source: string;
  lineOf(node: unknown): number;
  /** Ids seen so far, with their lines, to refuse duplicates. */
  idLines: Map<string, number>;
  problems: FileProblem[];
}

/** A justification shorter than this says nothing a reviewer could check later. */
export const MIN_JUSTIFICATION_LENGTH = 10;

const RULE_KEYS = ['id', ...SUPPRESSION_MATCHERS, 'justification', 'expires'] as const;
type RuleKey = (typeof RULE_KEYS)[number];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD (2027-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const parts = DATE.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Validates one item of the `suppressions:` list. Returns the rule when it is valid; otherwise
 * pushes every problem found in it and returns undefined.
 */
export function ruleFromNode(node: unknown, reading: RuleReading): SuppressionRule | undefined {
  const { lineOf, problems } = reading;
  const line = lineOf(node);
  const before = problems.length;
  const problem = (at: number, message: string) => problems.push({ line: at, message });
  if (!isMap(node)) {
    problem(line, `each rule must be a mapping of keys (${RULE_KEYS.join(', ')})`);
    return undefined;
  }

  const values: Partial<Record<RuleKey, { text: string; line: number }>> = {};
  const keys = new Set<RuleKey>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyLine = lineOf(pair.key);
    if (!isRuleKey(key)) {
      problem(keyLine, `unknown key "${key}" in a rule (expected ${RULE_KEYS.join(', ')})`);
      continue;
    }
    keys.add(key);
    if (!isScalar(pair.value) || typeof pair.value.value !== 'string') {
      problem(lineOf(pair.value ?? pair.key), `${key}: must be a single value, not a list or mapping`);
      continue;
    }
    values[key] = { text: pair.value.value.trim(), line: keyLine };
  }

  const id = values.id;
  if (id && id.text === '') problem(id.line, 'id: is empty; give the rule a name or remove the key');
  if (id && id.text !== '') {
    const seen = reading.idLines.get(id.text);
    if (seen !== undefined) problem(id.line, `id: "${id.text}" is already used by the rule on line ${seen}`);
    else reading.idLines.set(id.text, id.line);
  }

  const match: Partial<Record<SuppressionMatcher, string>> = {};
  for (const matcher of SUPPRESSION_MATCHERS) {
    const value = values[matcher];
    if (!value) continue;
    if (value.text === '') problem(value.line, `${matcher}: is empty; give a pattern or remove the key`);
    else match[matcher] = value.text;
  }
  // A matcher already refused above is not reported a second time as "matches everything".
  const refusedMatcher = SUPPRESSION_MATCHERS.some((matcher) => keys.has(matcher) && !match[matcher]);
  const narrowing = Object.values(match).some((pattern) => !/^\*+$/.test(pattern));
  if (!narrowing && !refusedMatcher) {
    problem(
      line,
      `the rule would mute every finding; give at least one of ${SUPPRESSION_MATCHERS.join(', ')} narrower than "*"`,
    );
  }

  const justification = values.justification;
  if (!justification) {
    problem(line, 'justification: missing; say why the finding is accepted and who owns the decision');
  } else if (justification.text.length < MIN_JUSTIFICATION_LENGTH) {
    problem(
      justification.line,
      `justification: "${justification.text}" is too short; write at least ${MIN_JUSTIFICATION_LENGTH} characters saying why and who decided`,
    );
  }

  const expires = values.expires;
  if (!expires) {
    problem(line, 'expires: missing; add the day the rule stops applying, as YYYY-MM-DD');
  } else if (!isCalendarDate(expires.text)) {
    problem(expires.line, `expires: "${expires.text}" is not a date; write YYYY-MM-DD, e.g. 2027-02-01`);
  }

  if (problems.length > before || !justification || !expires) return undefined;
  return {
    ruleId: id?.text || `line ${line}`,
    match,
    justification: justification.text,
    expires: expires.text,
    source: reading.source,
    line,
  };
}

function isRuleKey(key: string): key is RuleKey {
  return (RULE_KEYS as readonly string[]).includes(key);
}
