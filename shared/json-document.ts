import type { z } from 'zod';

/** JSON text that matched its schema, or why it did not. */
export type JsonDocument<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Parses JSON text against a schema. The problem, when there is one, reads "it is not JSON (…)" or
 * "it is not <what> (<path>: <message>)", ready to follow a location in a message.
 */
export function parseJsonDocument<S extends z.ZodType>(
  text: string,
  schema: S,
  what: string,
): JsonDocument<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false, problem: `it is not JSON (${error.message})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: `it is not ${what} (${schemaProblem(parsed.error)})` };
}

/** The first issue of a failed parse as `<path>: <message>`; "the top level" when it has no path. */
export function schemaProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the top level';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}
