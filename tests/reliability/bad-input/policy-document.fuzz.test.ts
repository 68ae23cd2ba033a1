import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyDocumentError } from '../../../shared/errors.js';
import { type PolicyDocument, parsePolicyDocument, type Statement } from '../../../shared/policy/document.js';
import type { RawPolicyDocument } from '../../../shared/snapshot/types.js';
import { deeplyNested, hostileJson, hostileString } from './hostile-values.js';

// A policy document comes from IAM, S3 or KMS, or from a hand-edited snapshot: the parser answers
// with a document or a PolicyDocumentError (which the checks turn into ERROR), never a TypeError or
// a stack overflow. fast-check prints the seed of any failure; pass { seed, path } to replay it.

/** The document, or the PolicyDocumentError it threw; any other exception escapes and fails the property. */
function parseOrRefuse(raw: unknown): PolicyDocument | PolicyDocumentError {
  try {
    return parsePolicyDocument(raw as RawPolicyDocument);
  } catch (error) {
    if (error instanceof PolicyDocumentError) return error;
    throw error;
  }
}

/** Holds when the outcome is a parsed document or a refusal that says what is wrong. */
function endedAsAllowed(outcome: PolicyDocument | PolicyDocumentError): boolean {
  return outcome instanceof PolicyDocumentError
    ? outcome.message.length > 0
    : Array.isArray(outcome.statements);
}

/** IAM JSON back from a parsed document, single values kept as lists. */
function toIamJson(document: PolicyDocument): Record<string, unknown> {
  const statement = (s: Statement) =>
    Object.fromEntries(
      Object.entries({
        Sid: s.sid,
        Effect: s.effect,
        Action: s.actions,
        NotAction: s.notActions,
        Resource: s.resources,
        NotResource: s.notResources,
        Principal: s.principals,
        NotPrincipal: s.notPrincipals,
        Condition: s.conditions,
      }).filter(([, value]) => value !== undefined),
    );
  return {
    ...(document.version ? { Version: document.version } : {}),
    Statement: document.statements.map(statement),
  };
}

const oneOrMany = (item: fc.Arbitrary<string>) =>
  fc.oneof(item, fc.array(item, { minLength: 1, maxLength: 3 }));
const validStatement = fc.record(
  {
    Sid: fc.string({ maxLength: 10 }),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: oneOrMany(fc.constantFrom('s3:GetObject', 'kinesis:*', '*', 'kms:Decrypt')),
    Resource: oneOrMany(
      fc.constantFrom('*', 'arn:aws:s3:::bucket/*', 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders'),
    ),
    Principal: fc.oneof(
      fc.constant('*'),
      fc.record({ AWS: oneOrMany(fc.constantFrom('*', 'arn:aws:iam::111122223333:root')) }),
      fc.record({ Service: oneOrMany(fc.constant('kinesisanalytics.amazonaws.com')) }),
    ),
    Condition: fc.record({
      StringEquals: fc.record({ 'aws:SourceAccount': oneOrMany(fc.constant('111122223333')) }),
    }),
  },
  { requiredKeys: ['Effect'] },
);
const validDocument = fc.record({
  Version: fc.constantFrom('2012-10-17', '2008-10-17'),
  Statement: fc.oneof(validStatement, fc.array(validStatement, { maxLength: 4 })),
});

describe('Function: parsePolicyDocument (fuzzed)', () => {
  it('returns a document or throws PolicyDocumentError for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString,
          fc.string().map((text) => encodeURIComponent(text)),
        ),
        (text) => {
          // Act
          const outcome = parseOrRefuse(text);

          // Assess
          expect(endedAsAllowed(outcome)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns a document or throws PolicyDocumentError for any JSON value, given whole or as text', () => {
    fc.assert(
      fc.property(hostileJson, fc.boolean(), (value, asText) => {
        // Act
        const outcome = parseOrRefuse(asText ? (JSON.stringify(value) ?? '') : value);

        // Assess
        expect(endedAsAllowed(outcome)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a document or throws PolicyDocumentError for statements holding hostile values in every field', () => {
    const hostileStatement = fc.record({
      Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), hostileJson),
      Action: hostileJson,
      NotAction: hostileJson,
      Resource: hostileJson,
      Principal: hostileJson,
      Condition: hostileJson,
    });
    fc.assert(
      fc.property(fc.oneof(hostileStatement, fc.array(hostileStatement, { maxLength: 3 })), (Statement) => {
        // Act
        const outcome = parseOrRefuse({ Version: '2012-10-17', Statement });

        // Assess
        expect(endedAsAllowed(outcome)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a valid policy alike as an object, JSON text and URL-encoded JSON, and round-trips it', () => {
    fc.assert(
      fc.property(validDocument, (document) => {
        // Act
        const parsed = parsePolicyDocument(document);

        // Assess
        expect(parsePolicyDocument(JSON.stringify(document))).toEqual(parsed);
        expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(document)))).toEqual(parsed);
        expect(parsePolicyDocument(toIamJson(parsed))).toEqual(parsed);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [
      'a 10,000-deep list',
      deeplyNested(10_000),
      'Statement 0 Action holds a list where IAM expects a string; fix the policy document.',
    ],
    [
      'an object whose toString is not a function',
      { toString: 1 },
      'Statement 0 Action holds an object where IAM expects a string; fix the policy document.',
    ],
  ])('throws PolicyDocumentError naming the field for an Action holding %s', (_label, action, message) => {
    // Act
    const act = () =>
      parsePolicyDocument({ Statement: [{ Effect: 'Allow', Action: [action], Resource: '*' }] });

    // Assess
    expect(act).toThrow(new PolicyDocumentError(message));
  });

  it('keeps prototype keys of principal and condition blocks as entries', () => {
    // Prepare
    const text = `{"Statement":{"Effect":"Allow","Principal":{"__proto__":"x","AWS":"*"},"Condition":{"__proto__":{"constructor":"y"}}}}`;

    // Act
    const parsed = parsePolicyDocument(text);

    // Assess
    expect(
      parsed.statements.map((statement) => ({
        principals: Object.entries(statement.principals ?? {}),
        conditions: Object.entries(statement.conditions ?? {}).map(([operator, keys]) => [
          operator,
          Object.entries(keys),
        ]),
      })),
    ).toEqual([
      {
        principals: [
          ['__proto__', ['x']],
          ['AWS', ['*']],
        ],
        conditions: [['__proto__', [['constructor', ['y']]]]],
      },
    ]);
  });
});
