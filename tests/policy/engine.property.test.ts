import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessRequest, documentAllows } from '../../shared/policy/access.js';
import {
  expandActionPattern,
  expandActionPatterns,
  notActionComplement,
} from '../../shared/policy/action-catalog.js';
import type { PolicyDocument, Statement } from '../../shared/policy/document.js';
import { resourceMatches } from '../../shared/policy/wildcard.js';

// Properties of the evaluator checked against the action catalog: what IAM promises must hold for
// every generated policy, not just the examples in access.test.ts.
const ALL = expandActionPattern('*').actions;
const RUNS = { numRuns: 60 };

/** A concrete action of the catalog. */
const catalogActions = fc.constantFrom(...ALL);

/** An action pattern derived from a catalog action: exact, prefix*, one `?`, service:*, cross-service, `*`. */
const actionPatterns = fc
  .tuple(catalogActions, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 6 }), fc.boolean())
  .map(([action, cut, at, shape, upper]) => {
    const [service = '', name = ''] = action.split(':');
    const recase = (text: string) => (upper ? text.toUpperCase() : text.toLowerCase());
    switch (shape) {
      case 0:
        return recase(action);
      case 1:
        return `${service}:${name.slice(0, cut % (name.length + 1))}*`;
      case 2: {
        const i = at % name.length;
        return `${service}:${name.slice(0, i)}?${name.slice(i + 1)}`;
      }
      case 3:
        return `${service}:*`;
      case 4:
        return `${service.slice(0, 1)}*:${name.slice(0, cut % (name.length + 1))}*`;
      case 5:
        return `${service}:*${name.slice(at % (name.length + 1))}`;
      default:
        return '*';
    }
  });

const segment = fc.constantFrom('orders', 'orders-raw', 'Orders', 'clicks', 'audit', 'a', 'ab');
/** An ARN of a kind the auditor meets. */
const arns = fc
  .tuple(
    fc.constantFrom('kinesis', 's3', 'kms', 'logs'),
    fc.constantFrom('eu-west-1', 'us-east-1'),
    segment,
    segment,
  )
  .map(([service, region, first, second]) =>
    service === 's3'
      ? `arn:aws:s3:::${first}/${second}`
      : `arn:aws:${service}:${region}:111122223333:${service === 'kms' ? 'key' : 'stream'}/${first}-${second}`,
  );
/** A resource pattern derived from an ARN: exact, prefix*, one `?`, `*`. */
const resourcePatterns = fc.tuple(arns, fc.nat(), fc.integer({ min: 0, max: 3 })).map(([arn, cut, shape]) => {
  const i = cut % (arn.length + 1);
  if (shape === 0) return arn;
  if (shape === 1) return `${arn.slice(0, i)}*`;
  if (shape === 2) return i < arn.length ? `${arn.slice(0, i)}?${arn.slice(i + 1)}` : arn;
  return '*';
});

const condition = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } };
/** A statement with an Action or NotAction, a Resource or NotResource, maybe a Condition. */
const statements: fc.Arbitrary<Statement> = fc
  .record({
    effect: fc.constantFrom<Statement['effect']>('Allow', 'Deny'),
    actions: fc.array(actionPatterns, { minLength: 1, maxLength: 3 }),
    notAction: fc.boolean(),
    resources: fc.array(resourcePatterns, { minLength: 1, maxLength: 2 }),
    notResource: fc.boolean(),
    conditional: fc.boolean(),
  })
  .map(({ effect, actions, notAction, resources, notResource, conditional }) => ({
    effect,
    ...(notAction ? { notActions: actions } : { actions }),
    ...(notResource ? { notResources: resources } : { resources }),
    ...(conditional ? { conditions: condition } : {}),
  }));

const documentOf = (...list: Statement[]): PolicyDocument => ({ version: '2012-10-17', statements: list });

describe('Property: policy evaluation', () => {
  it('lets an explicit unconditional Deny of the request win over any Allow', () => {
    fc.assert(
      fc.property(
        fc.array(statements, { maxLength: 5 }),
        catalogActions,
        arns,
        fc.nat(),
        (others, action, arn, at) => {
          // Prepare
          const denial: Statement = { effect: 'Deny', actions: [action.toUpperCase()], resources: [arn] };
          const list = [...others, { effect: 'Allow', actions: ['*'], resources: ['*'] } satisfies Statement];
          list.splice(at % (list.length + 1), 0, denial);

          // Act
          const decision = documentAllows(documentOf(...list), accessRequest(action, arn));

          // Assess
          expect(decision.allowed).toBe(false);
          expect(decision.deniedBy.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  it('matches with a wildcard action pattern exactly the actions its catalog expansion lists', () => {
    fc.assert(
      fc.property(actionPatterns, (pattern) => {
        // Prepare
        const document = documentOf({ effect: 'Allow', actions: [pattern], resources: ['*'] });
        const expansion = new Set(expandActionPattern(pattern).actions);

        // Act
        const allowed = ALL.filter((action) => documentAllows(document, accessRequest(action, '*')).allowed);

        // Assess
        expect(allowed).toEqual(ALL.filter((action) => expansion.has(action)));
        expect(expansion.size).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('grants with NotAction exactly the complement the catalog computes', () => {
    fc.assert(
      fc.property(fc.array(actionPatterns, { minLength: 1, maxLength: 3 }), (patterns) => {
        // Prepare
        const document = documentOf({ effect: 'Allow', notActions: patterns, resources: ['*'] });
        const complement = notActionComplement(patterns).actions;
        const excluded = new Set(expandActionPatterns(patterns).actions);

        // Act
        const allowed = ALL.filter((action) => documentAllows(document, accessRequest(action, '*')).allowed);

        // Assess
        expect(allowed).toEqual(complement);
        expect(allowed).toEqual(ALL.filter((action) => !excluded.has(action)));
      }),
      RUNS,
    );
  });

  it('grants with Resource exactly the ARNs a pattern matches, and with NotResource the others', () => {
    fc.assert(
      fc.property(
        fc.array(resourcePatterns, { minLength: 1, maxLength: 3 }),
        fc.array(arns, { minLength: 1, maxLength: 8 }),
        (patterns, candidates) => {
          // Prepare
          const named = documentOf({ effect: 'Allow', actions: ['*'], resources: patterns });
          const excepted = documentOf({ effect: 'Allow', actions: ['*'], notResources: patterns });
          const matched = (arn: string) => patterns.some((pattern) => resourceMatches(pattern, arn));

          // Act
          const byResource = candidates.map(
            (arn) => documentAllows(named, accessRequest('s3:GetObject', arn)).allowed,
          );
          const byNotResource = candidates.map(
            (arn) => documentAllows(excepted, accessRequest('s3:GetObject', arn)).allowed,
          );

          // Assess
          expect(byResource).toEqual(candidates.map(matched));
          expect(byNotResource).toEqual(candidates.map((arn) => !matched(arn)));
        },
      ),
      RUNS,
    );
  });

  it('decides the same whatever the order of the statements', () => {
    fc.assert(
      fc.property(
        fc.array(statements, { minLength: 1, maxLength: 6 }),
        fc.oneof(catalogActions, actionPatterns),
        fc.oneof(arns, resourcePatterns),
        fc.func(fc.integer()),
        (list, action, resource, rank) => {
          // Prepare
          const shuffled = list
            .map((statement, i) => ({ statement, key: rank(i, JSON.stringify(statement)) }))
            .sort((a, b) => a.key - b.key)
            .map(({ statement }) => statement);
          const request = accessRequest(action, resource);
          const summary = (document: PolicyDocument) => {
            const decision = documentAllows(document, request);
            const keys = (found: typeof decision.allowedBy) =>
              found.map(({ statement }) => JSON.stringify(statement)).sort();
            return {
              allowed: decision.allowed,
              conditional: decision.conditional,
              allowedBy: keys(decision.allowedBy),
              deniedBy: keys(decision.deniedBy),
            };
          };

          // Act
          const original = summary(documentOf(...list));
          const reordered = summary(documentOf(...shuffled));

          // Assess
          expect(reordered).toEqual(original);
        },
      ),
      RUNS,
    );
  });
});
