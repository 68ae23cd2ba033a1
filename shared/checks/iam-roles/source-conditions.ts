import { parseArn } from '../../arn.js';
import type { Conditions } from '../../policy/document.js';
import { resourceMatches } from '../../policy/wildcard.js';

/** The operators AWS documents for each confused-deputy key (each also with an `IfExists` suffix). */
const OPERATORS = {
  'aws:sourceaccount': ['stringequals', 'stringlike'],
  'aws:sourcearn': ['arnequals', 'arnlike', 'stringequals', 'stringlike'],
} as const;

type SourceKey = keyof typeof OPERATORS;

/** One aws:SourceAccount or aws:SourceArn condition of a trust statement. */
interface SourceCondition {
  key: SourceKey;
  operator: string;
  ifExists: boolean;
  values: string[];
}

/** What the caller's resource must be for the trust statement to apply. */
export interface Expected {
  accountId: string;
  applicationArn: string;
}

/**
 * Why a trust statement's conditions do not stop a confused deputy, or undefined when they do: they
 * must name aws:SourceAccount (this account) and/or aws:SourceArn (ARNs of this account, one of which
 * matches the application) with an operator that does not pass when the key is absent.
 */
export function confusedDeputyGap(
  conditions: Conditions | undefined,
  expected: Expected,
): string | undefined {
  const found = sourceConditions(conditions);
  if (found.length === 0) return 'has no aws:SourceAccount or aws:SourceArn condition';
  if (found.every((condition) => condition.ifExists)) {
    const operators = [...new Set(found.map((condition) => condition.operator))].join(', ');
    return `limits the caller only with ${operators}, which passes when the key is absent`;
  }
  for (const condition of found.filter(({ key }) => key === 'aws:sourceaccount')) {
    const foreign = condition.values.filter((value) => value !== expected.accountId);
    if (foreign.length > 0) {
      return `lets aws:SourceAccount be ${foreign.join(', ')}, not only this account (${expected.accountId})`;
    }
  }
  const arnConditions = found.filter(({ key }) => key === 'aws:sourcearn');
  if (arnConditions.length === 0) return undefined;
  for (const condition of arnConditions) {
    const foreign = condition.values.filter((value) => parseArn(value)?.accountId !== expected.accountId);
    if (foreign.length > 0) {
      return `lets aws:SourceArn be ${foreign.join(', ')}, outside this account (${expected.accountId})`;
    }
  }
  const matches = arnConditions.some((condition) =>
    condition.values.some((value) => sourceArnMatches(condition.operator, value, expected.applicationArn)),
  );
  return matches ? undefined : `has no aws:SourceArn value that matches ${expected.applicationArn}`;
}

function sourceConditions(conditions: Conditions | undefined): SourceCondition[] {
  const found: SourceCondition[] = [];
  for (const [operator, entries] of Object.entries(conditions ?? {})) {
    const lower = operator.toLowerCase();
    const ifExists = lower.endsWith('ifexists');
    const base = ifExists ? lower.slice(0, -'ifexists'.length) : lower;
    for (const [rawKey, values] of Object.entries(entries)) {
      const key = rawKey.toLowerCase();
      if (key !== 'aws:sourceaccount' && key !== 'aws:sourcearn') continue;
      if (!(OPERATORS[key] as readonly string[]).includes(base)) continue;
      found.push({ key, operator, ifExists, values });
    }
  }
  return found;
}

/** Whether a condition value admits the application's ARN under the condition's operator. */
function sourceArnMatches(operator: string, value: string, applicationArn: string): boolean {
  const base = operator.toLowerCase().replace(/ifexists$/, '');
  if (base === 'stringequals') return value === applicationArn;
  if (base === 'stringlike') return resourceMatches(value, applicationArn);
  // ArnEquals and ArnLike compare each of the six ARN components separately, wildcards allowed.
  const pattern = arnComponents(value);
  const actual = arnComponents(applicationArn);
  return (
    pattern.length === 6 &&
    actual.length === 6 &&
    pattern.every((part, i) => resourceMatches(part, actual[i]!))
  );
}

function arnComponents(arn: string): string[] {
  const parts = arn.split(':');
  return parts.length < 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
}
