/** IAM wildcard matching: `*` any run of characters, `?` exactly one. */

const cache = new Map<string, RegExp>();

// Policy checks ask the same pattern pairs for every statement of every role: answers are kept,
// by pattern then sub-pattern (no key string built per question), bounded so a warm container
// scanning many accounts does not grow without end.
const MAX_REMEMBERED = 200_000;

class PairAnswers {
  readonly #answers = new Map<string, Map<string, boolean>>();
  #size = 0;

  // `compute` is a module-level function, not a closure: this runs millions of times per snapshot.
  answer(
    first: string,
    second: string,
    caseInsensitive: boolean,
    compute: (first: string, second: string, caseInsensitive: boolean) => boolean,
  ): boolean {
    let row = this.#answers.get(first);
    const known = row?.get(second);
    if (known !== undefined) return known;
    const answer = compute(first, second, caseInsensitive);
    if (this.#size >= MAX_REMEMBERED) {
      this.#answers.clear();
      this.#size = 0;
      row = undefined;
    }
    if (!row) {
      row = new Map();
      this.#answers.set(first, row);
    }
    row.set(second, answer);
    this.#size += 1;
    return answer;
  }
}

const coverage = { sensitive: new PairAnswers(), insensitive: new PairAnswers() };
const overlaps = { sensitive: new PairAnswers(), insensitive: new PairAnswers() };

function compile(pattern: string, caseInsensitive: boolean): RegExp {
  const cacheKey = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  let regex = cache.get(cacheKey);
  if (!regex) {
    const body = pattern
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    cache.set(cacheKey, regex);
  }
  return regex;
}

function isLiteral(pattern: string): boolean {
  return !pattern.includes('*') && !pattern.includes('?');
}

/** Whether an action pattern (e.g. `kinesis:Get*`) matches an action; actions are case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return compile(pattern, true).test(action);
}

/** Whether a resource pattern matches a resource ARN; resources are case-sensitive. */
export function resourceMatches(pattern: string, resource: string): boolean {
  // A pattern without wildcards matches only itself: no regular expression compiled (and kept)
  // for each of the thousands of literal ARNs a large account's conditions and grants name.
  if (isLiteral(pattern)) return pattern === resource;
  return compile(pattern, false).test(resource);
}

/**
 * Whether `pattern` matches every string `subPattern` matches (both IAM wildcards), e.g. `kinesis:*`
 * covers `kinesis:Get*`. Sound, not complete: it never claims a coverage that does not hold, but
 * may miss contrived ones (such as `*?` covering `?*`).
 */
export function patternCovers(pattern: string, subPattern: string, caseInsensitive: boolean): boolean {
  const answers = caseInsensitive ? coverage.insensitive : coverage.sensitive;
  return answers.answer(pattern, subPattern, caseInsensitive, computeCovers);
}

function computeCovers(pattern: string, subPattern: string, caseInsensitive: boolean): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const q = caseInsensitive ? subPattern.toLowerCase() : subPattern;
  // A literal pattern covers only itself (and no wildcard), which the walk below also finds, slower.
  if (isLiteral(p)) return p === q;
  const memo = new Map<number, boolean>();
  // Match p against q read as text, where a `*` of q can only be absorbed by a `*` of p and a `?`
  // of q by a `?` or `*` of p: whatever q's wildcards stand for, p then matches it too.
  const covers = (i: number, j: number): boolean => {
    const key = i * (q.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === p.length) result = j === q.length;
    else if (p[i] === '*') result = covers(i + 1, j) || (j < q.length && covers(i, j + 1));
    else if (j === q.length || q[j] === '*') result = false;
    else if (p[i] === '?') result = covers(i + 1, j + 1);
    else result = q[j] !== '?' && p[i] === q[j] && covers(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}

/** Whether some string matches both patterns (IAM wildcards), e.g. `s3:Get*` and `s3:*Object`. */
export function patternsOverlap(first: string, second: string, caseInsensitive: boolean): boolean {
  const answers = caseInsensitive ? overlaps.insensitive : overlaps.sensitive;
  return answers.answer(first, second, caseInsensitive, computeOverlap);
}

function computeOverlap(first: string, second: string, caseInsensitive: boolean): boolean {
  const a = caseInsensitive ? first.toLowerCase() : first;
  const b = caseInsensitive ? second.toLowerCase() : second;
  if (isLiteral(a) && isLiteral(b)) return a === b;
  const seen = new Set<number>();
  // Walk both patterns at once, emitting one character both accept, until both are used up.
  const overlap = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    if (seen.has(key)) return false;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    if (i < a.length && a[i] === '*' && overlap(i + 1, j)) return true;
    if (j < b.length && b[j] === '*' && overlap(i, j + 1)) return true;
    if (i === a.length || j === b.length) return false;
    const x = a[i]!;
    const y = b[j]!;
    const wildX = x === '*' || x === '?';
    const wildY = y === '*' || y === '?';
    if (!wildX && !wildY && x !== y) return false;
    const nextI = x === '*' ? i : i + 1;
    const nextJ = y === '*' ? j : j + 1;
    // Both stars emitting a character leads back to the same state: nothing to explore.
    if (nextI === i && nextJ === j) return false;
    return overlap(nextI, nextJ);
  };
  return overlap(0, 0);
}
