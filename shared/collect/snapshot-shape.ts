/**
 * What an SDK response object becomes in a snapshot: the same fields with every Date turned into
 * an ISO 8601 string (at any depth) and the SDK's `$metadata` and `undefined` fields dropped, so
 * the snapshot is plain JSON that reads like the AWS documentation.
 */
export function snapshotShape(value: object): Record<string, unknown> {
  return convertObject(value);
}

function convertObject(value: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === '$metadata' || field === undefined) continue;
    result[key] = convert(field);
  }
  return result;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  return convertObject(value);
}
