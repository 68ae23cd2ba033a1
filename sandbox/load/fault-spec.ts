import { InvalidRequestError } from '../../shared/errors.js';
import { FAULT_KINDS, type FaultOptions, faultOptionProblems, isFaultKind } from './faults.js';

/** The seed a fault spec without `seed=` uses. */
export const DEFAULT_FAULT_SEED = 1;

const KEYS = ['rate', 'kinds', 'seed', 'slowMs'] as const;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;

/**
 * Parses a fault spec such as `rate=0.1,kinds=500+503+reset,seed=7,slowMs=2000` (the
 * `--faults` flag). Strict: unknown, repeated or malformed keys are usage errors that say which.
 */
export function parseFaultSpec(spec: string): FaultOptions {
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (const part of spec.split(',')) {
    const [key = '', value, ...rest] = part.split('=').map((text) => text.trim());
    if (!KEYS.some((known) => known === key)) {
      problems.push(`"${part.trim()}" is not one of ${KEYS.map((known) => `${known}=…`).join(', ')}`);
    } else if (value === undefined || value === '' || rest.length > 0) {
      problems.push(`${key} needs one value (${key}=…)`);
    } else if (values.has(key)) {
      problems.push(`${key} is given twice`);
    } else {
      values.set(key, value);
    }
  }
  const number = (key: string): number | undefined => {
    const text = values.get(key);
    if (text === undefined) return undefined;
    if (!NUMBER.test(text)) {
      problems.push(`${key}=${text} is not a number`);
      return undefined;
    }
    return Number(text);
  };
  const rate = number('rate');
  const seed = number('seed');
  const slowMs = number('slowMs');
  const words = values
    .get('kinds')
    ?.split('+')
    .map((kind) => kind.trim());
  for (const word of words ?? []) {
    if (!isFaultKind(word)) {
      problems.push(`kinds: "${word}" is not one of ${FAULT_KINDS.join(', ')} (join several with +)`);
    }
  }
  const kinds = words?.filter(isFaultKind);
  for (const [key, help] of [
    ['rate', 'the share of requests that fail, 0 to 1'],
    ['kinds', `any of ${FAULT_KINDS.join('+')}`],
  ] as const) {
    if (!values.has(key) && !problems.some((problem) => problem.startsWith(key))) {
      problems.push(`${key}=… is required (${help})`);
    }
  }
  problems.push(...faultOptionProblems({ rate, seed, slowMs, ...(kinds?.length ? { kinds } : {}) }));
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return {
    rate: rate ?? 0,
    kinds: kinds ?? [],
    seed: seed ?? DEFAULT_FAULT_SEED,
    ...(slowMs !== undefined ? { slowMs } : {}),
  };
}
