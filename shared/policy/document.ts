import { PolicyDocumentError } from '../errors.js';
import type { RawPolicyDocument } from '../snapshot/types.js';

/** A principal block, normalised: every value a list. `"*"` becomes `{ AWS: ['*'] }`. */
export type Principals = Record<string, string[]>;

/** Condition block: operator → context key → values. */
export type Conditions = Record<string, Record<string, string[]>>;

/** One statement with every single value turned into a list. */
export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: Principals;
  notPrincipals?: Principals;
  conditions?: Conditions;
}

/** A parsed policy document. */
export interface PolicyDocument {
  version?: string;
  statements: Statement[];
}

/**
 * Parses a policy document given as an object, a JSON string, or URL-encoded JSON (as IAM's
 * GetAccountAuthorizationDetails returns it). Throws PolicyDocumentError naming what is wrong.
 */
export function parsePolicyDocument(raw: RawPolicyDocument): PolicyDocument {
  const object = typeof raw === 'string' ? parseJsonText(raw) : raw;
  if (!isRecord(object)) throw new PolicyDocumentError('A policy document must be a JSON object.');
  const rawStatements = object.Statement;
  if (rawStatements === undefined) return { version: asString(object.Version), statements: [] };
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  return { version: asString(object.Version), statements: list.map(toStatement) };
}

function parseJsonText(text: string): unknown {
  const trimmed = text.trim();
  // IAM URL-encodes documents (RFC 3986); a decoded document starts with '{'.
  const decoded = trimmed.startsWith('{') ? trimmed : safeDecode(trimmed);
  try {
    return JSON.parse(decoded);
  } catch (error) {
    throw new PolicyDocumentError('The policy document is not valid JSON (nor URL-encoded JSON).', {
      cause: error,
    });
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new PolicyDocumentError('The policy document is neither JSON nor valid URL-encoded JSON.', {
      cause: error,
    });
  }
}

function toStatement(raw: unknown, index: number): Statement {
  if (!isRecord(raw)) throw new PolicyDocumentError(`Statement ${index} is not a JSON object.`);
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyDocumentError(
      `Statement ${index} has Effect ${JSON.stringify(effect)}; expected Allow or Deny.`,
    );
  }
  const where = `Statement ${index}`;
  return dropUndefined({
    sid: asString(raw.Sid),
    effect,
    actions: stringList(raw.Action, `${where} Action`),
    notActions: stringList(raw.NotAction, `${where} NotAction`),
    resources: stringList(raw.Resource, `${where} Resource`),
    notResources: stringList(raw.NotResource, `${where} NotResource`),
    principals: principalBlock(raw.Principal, `${where} Principal`),
    notPrincipals: principalBlock(raw.NotPrincipal, `${where} NotPrincipal`),
    conditions: conditionBlock(raw.Condition, `${where} Condition`),
  });
}

// Object.fromEntries, not assignment: a "__proto__" key from JSON stays an own entry instead of
// replacing the block's prototype and vanishing from Object.entries.
function principalBlock(raw: unknown, where: string): Principals | undefined {
  if (raw === undefined) return undefined;
  if (raw === '*') return { AWS: ['*'] };
  if (!isRecord(raw)) return undefined;
  return Object.fromEntries(
    Object.entries(raw).map(([type, value]) => [type, stringList(value, where) ?? []]),
  );
}

function conditionBlock(raw: unknown, where: string): Conditions | undefined {
  if (!isRecord(raw)) return undefined;
  return Object.fromEntries(
    Object.entries(raw).flatMap(([operator, keys]) =>
      isRecord(keys)
        ? [
            [
              operator,
              Object.fromEntries(
                Object.entries(keys).map(([key, value]) => [key, stringList(value, where) ?? []]),
              ),
            ],
          ]
        : [],
    ),
  );
}

// IAM refuses a document whose values are lists of lists or objects; String() on one would also
// recurse without bound (a 10,000-deep list overflows the stack) or throw on a `toString` key.
function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'object' && item !== null) {
      throw new PolicyDocumentError(
        `${where} holds ${Array.isArray(item) ? 'a list' : 'an object'} where IAM expects a string; fix the policy document.`,
      );
    }
    return String(item);
  });
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Looks up a condition key case-insensitively (IAM condition keys are case-insensitive). */
export function conditionValues(conditions: Conditions | undefined, operator: string, key: string): string[] {
  if (!conditions) return [];
  const byOperator = Object.entries(conditions).find(([op]) => op.toLowerCase() === operator.toLowerCase());
  if (!byOperator) return [];
  const entry = Object.entries(byOperator[1]).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry ? entry[1] : [];
}
