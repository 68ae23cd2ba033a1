/** What every fake service shares: errors, paging, Dates and regions as the AWS wire gives them. */
import type { AccountSnapshot, RawPolicyDocument } from '../../../shared/snapshot/types.js';

/** The account a fake serves. */
export interface FakeAccount {
  snapshot: AccountSnapshot;
  partition: string;
}

/** Makes `stub` answer `command` with `reply(input, region the client was built for)`. */
export type Answer = (
  stub: object,
  command: abstract new (...args: never[]) => unknown,
  reply: (input: never, region: string) => unknown,
) => void;

/** An error as the SDK raises it: its name is the AWS error code. */
export function awsError(name: string, message = `${name} (fake)`): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** One page of `items` starting at the numeric token `token`. */
export function page<T>(items: readonly T[], token: string | undefined, size: number) {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Turns every ISO timestamp string back into a Date, as the SDK's deserialisers do. */
export function reviveDates(value: unknown): unknown {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) return new Date(value);
  if (Array.isArray(value)) return value.map(reviveDates);
  // Only plain objects are walked: a response body (a stream) must reach the caller intact.
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, reviveDates(field)]));
}

/** The region of the client that sent a command. */
export async function regionOf(getClient: () => { config: { region: () => Promise<string> } }) {
  return getClient().config.region();
}

/** A policy document the way IAM returns it: URL-encoded JSON. */
export function urlEncoded(document: RawPolicyDocument): string {
  return typeof document === 'string' ? document : encodeURIComponent(JSON.stringify(document));
}

/** The resource part of an ARN after its type prefix (`stream/NAME` → `NAME`). */
export function arnName(arn: string): string {
  return arn
    .split(':')
    .slice(5)
    .join(':')
    .replace(/^[a-z-]+\//, '');
}

/** A copy of `object` without the given fields (what a narrower API leaves out). */
export function without(object: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !fields.includes(key)));
}
