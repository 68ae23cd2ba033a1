import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { SuppressionFileError } from '../errors.js';
import { type FileProblem, ruleFromNode } from './suppression-rule.js';
import type { SuppressionRule } from './types.js';

const FILE_KEYS = ['version', 'suppressions'] as const;
const SUPPORTED_VERSION = '1';

/**
 * Reads a suppression file (YAML, docs/suppressions.md) into rules, each with its line. Pure.
 * Throws SuppressionFileError listing every problem at once, each as `<source>:<line>: <problem>`.
 */
export function parseSuppressions(text: string, source: string): SuppressionRule[] {
  const lineCounter = new LineCounter();
  // Failsafe: every value is read as text, so `expires: 2027-02-01` stays a date string and an
  // unquoted account id such as 012345678901 keeps its leading zero.
  const document = parseDocument(text, { lineCounter, schema: 'failsafe', prettyErrors: false });
  const lineOf = (node: unknown): number =>
    isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1;
  const fileError = (problems: FileProblem[]) => {
    const ordered = [...problems].sort((a, b) => a.line - b.line);
    // The parser can report one fault twice (e.g. an unclosed bracket at the end of the text).
    const lines = new Set(ordered.map(({ line, message }) => `${source}:${line}: ${message}`));
    return new SuppressionFileError(source, [...lines]);
  };

  if (document.errors.length > 0) {
    throw fileError(document.errors.map((error) => syntaxProblem(error, lineCounter)));
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === '')) {
    throw fileError([
      { line: 1, message: 'the file is empty; start it with "version: 1" and a "suppressions:" list' },
    ]);
  }
  if (!isMap(root)) {
    throw fileError([
      {
        line: lineOf(root),
        message: 'the file must be a mapping with "version: 1" and a "suppressions:" list',
      },
    ]);
  }

  const problems: FileProblem[] = [];
  let version: unknown;
  let list: unknown;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key === 'version') version = pair.value ?? pair.key;
    else if (key === 'suppressions') list = pair.value ?? pair.key;
    else
      problems.push({
        line: lineOf(pair.key),
        message: `unknown key "${key}" (expected ${FILE_KEYS.join(', ')})`,
      });
  }

  if (version === undefined) {
    problems.push({ line: 1, message: 'version: missing; add "version: 1"' });
  } else if (!isScalar(version) || version.value !== SUPPORTED_VERSION) {
    const found = isScalar(version) ? `"${String(version.value)}"` : 'a list or mapping';
    problems.push({
      line: lineOf(version),
      message: `version: must be ${SUPPORTED_VERSION}, found ${found}; this auditor reads version ${SUPPORTED_VERSION} only`,
    });
  }

  const rules: SuppressionRule[] = [];
  if (list === undefined) {
    problems.push({
      line: 1,
      message: 'suppressions: missing; add a "suppressions:" list of rules ("suppressions: []" for none)',
    });
  } else if (!isSeq(list)) {
    problems.push({
      line: lineOf(list),
      message: 'suppressions: must be a list of rules, each starting with "- " ("suppressions: []" for none)',
    });
  } else {
    const idLines = new Map<string, number>();
    for (const item of list.items) {
      const rule = ruleFromNode(item, { source, lineOf, idLines, problems });
      if (rule) rules.push(rule);
    }
  }

  if (problems.length > 0) throw fileError(problems);
  return rules;
}

function syntaxProblem(error: YAMLError, lineCounter: LineCounter): FileProblem {
  const { line } = lineCounter.linePos(error.pos[0]);
  if (error.code === 'DUPLICATE_KEY') {
    return { line, message: 'a key appears twice in the same mapping; keep one' };
  }
  const reason = error.message.split('\n')[0] ?? error.message;
  return { line, message: `not valid YAML: ${reason}` };
}
