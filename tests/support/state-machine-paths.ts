/** The JSONPath subset of Amazon States Language the local driver implements: `$`, `$.a.b`, `$$.a.b`. */

/** A failure Step Functions raises itself (States.Runtime, States.ExceedToleratedFailureThreshold…). */
export class StatesError extends Error {
  readonly error: string;
  readonly stateCause: string;
  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
    this.error = error;
    this.stateCause = cause;
  }
}

/** Thrown when the definition uses something the driver does not implement: the test must not pass by ignoring it. */
export class UnsupportedDefinitionError extends Error {
  constructor(message: string) {
    super(
      `${message}: the local state machine driver does not implement it; implement it there before using it`,
    );
    this.name = 'UnsupportedDefinitionError';
  }
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function segmentsOf(path: string): { root: '$' | '$$'; segments: string[] } {
  const root = path.startsWith('$$') ? '$$' : path.startsWith('$') ? '$' : undefined;
  if (!root) throw new UnsupportedDefinitionError(`path "${path}" (paths start with $ or $$)`);
  const rest = path.slice(root.length);
  if (rest === '') return { root, segments: [] };
  if (!rest.startsWith('.')) throw new UnsupportedDefinitionError(`path "${path}"`);
  const segments = rest.slice(1).split('.');
  if (!segments.every((segment) => SEGMENT.test(segment)))
    throw new UnsupportedDefinitionError(`path "${path}" (only dotted names are implemented)`);
  return { root, segments };
}

/** Reads a path from the input (`$…`) or the context object (`$$…`); a missing field is States.Runtime, as in AWS. */
export function readPath(path: string, input: unknown, context: unknown): unknown {
  const { root, segments } = segmentsOf(path);
  let value: unknown = root === '$' ? input : context;
  for (const segment of segments) {
    if (!isObject(value) || !(segment in value))
      throw new StatesError(
        'States.Runtime',
        `The JsonPath argument "${path}" could not be found in the input`,
      );
    value = value[segment];
  }
  return value;
}

/** Returns a copy of `input` with `value` at a reference path (`$` replaces the whole input). */
export function writePath(path: string, input: unknown, value: unknown): unknown {
  const { root, segments } = segmentsOf(path);
  if (root !== '$') throw new UnsupportedDefinitionError(`result path "${path}" (must start with $)`);
  if (segments.length === 0) return value;
  const copy: Record<string, unknown> = isObject(input) ? { ...input } : {};
  let cursor = copy;
  for (const [index, segment] of segments.entries()) {
    if (index === segments.length - 1) {
      cursor[segment] = value;
    } else {
      const next = cursor[segment];
      const child: Record<string, unknown> = isObject(next) ? { ...next } : {};
      cursor[segment] = child;
      cursor = child;
    }
  }
  return copy;
}

/** Applies a Parameters / ResultSelector template: `"key.$": path` fields are read, the rest copied. */
export function applyTemplate(template: unknown, input: unknown, context: unknown): unknown {
  if (Array.isArray(template)) return template.map((entry) => applyTemplate(entry, input, context));
  if (!isObject(template)) return template;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      if (typeof value !== 'string')
        throw new UnsupportedDefinitionError(`field "${key}" whose value is not a path`);
      if (value.startsWith('States.'))
        throw new UnsupportedDefinitionError(`intrinsic function in "${key}": ${value}`);
      result[key.slice(0, -2)] = readPath(value, input, context);
    } else {
      result[key] = applyTemplate(value, input, context);
    }
  }
  return result;
}

/** A plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
