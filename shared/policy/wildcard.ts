/** IAM wildcard matching: `*` any run of characters, `?` exactly one. */

const cache = new Map<string, RegExp>();

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

/** Whether an action pattern (e.g. `kinesis:Get*`) matches an action; actions are case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return compile(pattern, true).test(action);
}

/** Whether a resource pattern matches a resource ARN; resources are case-sensitive. */
export function resourceMatches(pattern: string, resource: string): boolean {
  return compile(pattern, false).test(resource);
}
