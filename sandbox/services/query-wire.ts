/**
 * The awsQuery / ec2Query wire forms: flattened form parameters in (`Filter.member.1`,
 * `Attributes.entry.1.key`, `RegionName.1`), XmlContent out.
 */
import { AwsServiceError, type XmlContent } from '../types.js';

/** The values of an awsQuery list parameter (`Name.member.1`, `Name.member.2`…), in index order. */
export function memberList(params: URLSearchParams, name: string): string[] {
  return indexedRecords(params, `${name}.member`).flatMap((record) => record[''] ?? []);
}

/** The values of an ec2Query list parameter (`Name.1`, `Name.2`…), in index order. */
export function indexedList(params: URLSearchParams, name: string): string[] {
  return indexedRecords(params, name).flatMap((record) => record[''] ?? []);
}

/** An awsQuery map parameter (`Name.entry.1.key` / `Name.entry.1.value`), in index order. */
export function entryMap(
  params: URLSearchParams,
  name: string,
  keyName = 'key',
  valueName = 'value',
): Map<string, string> {
  const map = new Map<string, string>();
  for (const record of indexedRecords(params, `${name}.entry`)) {
    const key = record[keyName];
    if (key !== undefined) map.set(key, record[valueName] ?? '');
  }
  return map;
}

/**
 * The structures of an indexed parameter, in index order: `Prefix.2.Value.DataType=String`
 * becomes `{ 'Value.DataType': 'String' }` at position 2 (a bare `Prefix.2=x` becomes `{ '': 'x' }`).
 */
export function indexedRecords(params: URLSearchParams, prefix: string): Record<string, string>[] {
  const byIndex = new Map<number, Record<string, string>>();
  const start = `${prefix}.`;
  for (const [key, value] of params) {
    if (!key.startsWith(start)) continue;
    const rest = key.slice(start.length);
    const dot = rest.indexOf('.');
    const index = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index) || index < 1) continue;
    const record = byIndex.get(index) ?? {};
    record[dot === -1 ? '' : rest.slice(dot + 1)] = value;
    byIndex.set(index, record);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, record]) => record);
}

/**
 * A parameter the operation cannot do without. Missing, it fails as the Coral-based query services
 * (IAM, STS, SNS) do: ValidationError naming the member in camelCase.
 */
export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null) {
    throw validationError(
      `Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: ` +
        'Member must not be null',
    );
  }
  return value;
}

/** An optional integer parameter within [min, max]; out of range fails with ValidationError. */
export function integerParam(
  params: URLSearchParams,
  name: string,
  bounds: { min: number; max: number },
): number | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  const member = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  if (!Number.isInteger(value)) {
    throw validationError(
      `Value '${text}' at '${member}' failed to satisfy constraint: Member must be an integer`,
    );
  }
  if (value < bounds.min) {
    throw validationError(
      `Value '${value}' at '${member}' failed to satisfy constraint: ` +
        `Member must have value greater than or equal to ${bounds.min}`,
    );
  }
  if (value > bounds.max) {
    throw validationError(
      `Value '${value}' at '${member}' failed to satisfy constraint: ` +
        `Member must have value less than or equal to ${bounds.max}`,
    );
  }
  return value;
}

/** A boolean parameter as the query protocols send it (`true` / `false`); absent is undefined. */
export function booleanParam(params: URLSearchParams, name: string): boolean | undefined {
  const text = params.get(name);
  return text === null ? undefined : text.toLowerCase() === 'true';
}

/** The ValidationError of the query services, counting its one violation as they do. */
export function validationError(violation: string): AwsServiceError {
  return new AwsServiceError('ValidationError', `1 validation error detected: ${violation}`);
}

/**
 * Snapshot data (plain JSON of unknown shape) as XmlContent: objects and arrays keep their
 * structure, other values become their text.
 */
export function xmlContentOf(value: unknown): XmlContent {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(xmlContentOf);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, xmlContentOf(inner)]));
  }
  return String(value);
}
