import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../shared/checks/types.js';
import { InvalidRequestError } from '../shared/errors.js';
import { type ScanRequest, validateScanRequest } from '../shared/request/scan-request.js';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpec;
const SCOPE = { regions: { type: 'string' }, applications: { type: 'string' } } as const satisfies OptionSpec;
const REPORTING = { out: { type: 'string' }, 'fail-on': { type: 'string' } } as const satisfies OptionSpec;

/** The options each command accepts, for node:util parseArgs. */
export const COMMAND_OPTIONS = {
  scan: {
    ...HELP,
    ...SCOPE,
    ...REPORTING,
    'save-snapshot': { type: 'string' },
    bucket: { type: 'string' },
    prefix: { type: 'string' },
    topic: { type: 'string' },
    'alert-threshold': { type: 'string' },
    'max-code-mb': { type: 'string' },
    'artifact-cache': { type: 'string' },
    suppressions: { type: 'string' },
    'security-hub': { type: 'boolean' },
    'time-limit': { type: 'string' },
  },
  evaluate: {
    ...HELP,
    ...SCOPE,
    ...REPORTING,
    snapshot: { type: 'string' },
    suppressions: { type: 'string' },
    previous: { type: 'string' },
  },
  demo: { ...HELP, out: { type: 'string' } },
  sandbox: {
    ...HELP,
    snapshot: { type: 'string' },
    generate: { type: 'string' },
    organization: { type: 'string' },
    port: { type: 'string' },
    'latency-ms': { type: 'string' },
    'page-size': { type: 'string' },
    'rate-limits': { type: 'boolean' },
    faults: { type: 'string' },
  },
  help: { ...HELP },
} as const satisfies Record<string, OptionSpec>;

/** Flags as parsed: every value a string, every switch a boolean. */
export type ParsedFlags = Record<string, string | boolean | undefined>;

/** Parses a command's arguments strictly; unknown options and stray words throw InvalidRequestError. */
export function parseFlags(
  options: OptionSpec,
  args: readonly string[],
): { flags: ParsedFlags; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: true,
    });
    return { flags: values, positionals };
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes whose messages name the option.
    throw new InvalidRequestError([error instanceof Error ? error.message : String(error)]);
  }
}

/** The scope flags as a validated scan request (same rules as the Lambda payload). */
export function scopeFrom(flags: ParsedFlags): ScanRequest {
  const regions = stringFlag(flags, 'regions');
  const applications = stringFlag(flags, 'applications');
  try {
    return validateScanRequest({
      ...(regions !== undefined ? { regions: regions.trim() === 'all' ? 'all' : splitList(regions) } : {}),
      ...(applications !== undefined ? { applications: splitList(applications) } : {}),
    });
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    // Name problems after the flags, not the payload fields they share rules with.
    throw new InvalidRequestError(
      error.problems.map((problem) =>
        problem.replace(/^(\w+)(?:\.(\d+))?:/, (_, field: string, index?: string) =>
          index === undefined ? `--${field}:` : `--${field} entry ${Number(index) + 1}:`,
        ),
      ),
    );
  }
}

/** A severity flag's value, or undefined when absent. */
export function severityFlag(flags: ParsedFlags, name: string): Severity | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const severity = SEVERITIES.find((candidate) => candidate === value.trim().toLowerCase());
  if (!severity)
    throw new InvalidRequestError([`--${name}: "${value}" is not one of ${SEVERITIES.join(', ')}`]);
  return severity;
}

/** A string flag's value; an empty one is a usage error (`--out ""`). */
export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (value.trim() === '') throw new InvalidRequestError([`--${name}: needs a value`]);
  return value;
}

/** A path flag resolved against the working directory. */
export function pathFlag(flags: ParsedFlags, name: string, cwd: string): string | undefined {
  const value = stringFlag(flags, name);
  return value === undefined ? undefined : resolve(cwd, value);
}

function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim());
}

/**
 * Reads several flags at once and reports every bad one together: each reader may throw
 * InvalidRequestError; their problems are combined into one.
 */
export function readFlags<T extends Record<string, unknown>>(readers: { [K in keyof T]: () => T[K] }): T {
  const problems: string[] = [];
  const values: Partial<T> = {};
  for (const key of Object.keys(readers) as (keyof T)[]) {
    try {
      values[key] = readers[key]();
    } catch (error) {
      if (!(error instanceof InvalidRequestError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return values as T;
}

/** A whole-number flag within bounds, or undefined when absent. */
export function integerFlag(flags: ParsedFlags, name: string, min: number, max: number): number | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new InvalidRequestError([`--${name}: "${value}" is not a whole number from ${min} to ${max}`]);
  }
  return number;
}
