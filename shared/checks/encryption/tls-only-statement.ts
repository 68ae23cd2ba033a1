import type { PolicyDocument, Statement } from '../../policy/document.js';
import { patternCovers } from '../../policy/wildcard.js';

// A deny only holds for every request when its condition is exactly the transport test: any further
// key is AND-ed in and narrows the deny (and an HTTP request has no s3:TlsVersion at all).
const SECURE_TRANSPORT_OPERATORS = ['bool', 'boolifexists'];
const TLS_VERSION_OPERATORS = ['numericlessthan'];
const MINIMUM_TLS_VERSION = 1.2;

/**
 * The statement of a bucket policy that denies every S3 request on the bucket's objects made without
 * TLS: Deny, to everyone, of actions covering `s3:*`, on resources covering `objectsArn` (`…/bucket/*`).
 */
export function tlsOnlyStatement(document: PolicyDocument, objectsArn: string): Statement | undefined {
  return document.statements.find(
    (statement) =>
      statement.effect === 'Deny' &&
      appliesToEveryone(statement) &&
      (statement.actions ?? []).some((action) => patternCovers(action, 's3:*', true)) &&
      (statement.resources ?? []).some((pattern) => patternCovers(pattern, objectsArn, false)) &&
      deniesInsecureTransport(statement),
  );
}

function appliesToEveryone(statement: Statement): boolean {
  if (statement.notPrincipals) return false;
  return Object.values(statement.principals ?? {}).some((values) => values.includes('*'));
}

function deniesInsecureTransport(statement: Statement): boolean {
  const entries = Object.entries(statement.conditions ?? {}).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => ({
      operator: operator.toLowerCase(),
      key: key.toLowerCase(),
      values,
    })),
  );
  if (entries.length !== 1) return false;
  const [{ operator, key, values }] = entries as [(typeof entries)[number]];
  if (SECURE_TRANSPORT_OPERATORS.includes(operator) && key === 'aws:securetransport') {
    return values.some((value) => value.toLowerCase() === 'false');
  }
  if (TLS_VERSION_OPERATORS.includes(operator) && key === 's3:tlsversion') {
    return values.some((value) => Number.parseFloat(value) >= MINIMUM_TLS_VERSION);
  }
  return false;
}
