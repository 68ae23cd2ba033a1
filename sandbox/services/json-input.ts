import { AwsServiceError } from '../types.js';

/**
 * A required string member of an awsJson request, or the service's own validation error: the
 * SDK does not check required members, so the service is what refuses a request without one.
 */
export function requiredString(input: Record<string, unknown>, member: string, errorCode: string): string {
  const value = input[member];
  if (typeof value === 'string' && value.length > 0) return value;
  throw new AwsServiceError(
    errorCode,
    `1 validation error detected: Value null at '${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`,
  );
}

/** An optional string member; anything that is not a non-empty string counts as absent. */
export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// AWS names members in validation messages in camelCase whatever the wire name's casing.
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
