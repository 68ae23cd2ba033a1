import type { PolicyDocument, Statement } from './document.js';
import { patternCovers, patternsOverlap } from './wildcard.js';

/**
 * A set of actions or resources as IAM writes it: the union of some wildcard patterns, or (from
 * NotAction / NotResource) everything except them.
 */
export interface PatternSet {
  patterns: readonly string[];
  /** True for "everything except `patterns`". */
  except: boolean;
}

/** A question put to a policy: may these actions be done on these resources? */
export interface AccessRequest {
  actions: PatternSet;
  resources: PatternSet;
}

/** Every action: all real actions are `service:name`, so this pattern stands for all of them. */
export const ALL_ACTIONS = '*:*';
/** Every resource. */
export const ALL_RESOURCES = '*';

/** A request for some actions (patterns allowed) on some resources (patterns allowed). */
export function accessRequest(
  actions: string | readonly string[],
  resources: string | readonly string[],
): AccessRequest {
  return {
    actions: { patterns: typeof actions === 'string' ? [actions] : actions, except: false },
    resources: { patterns: typeof resources === 'string' ? [resources] : resources, except: false },
  };
}

/** The actions a statement names (Action or NotAction); undefined when it names none. */
export function statementActions(statement: Statement): PatternSet | undefined {
  if (statement.actions) return { patterns: statement.actions, except: false };
  if (statement.notActions) return { patterns: statement.notActions, except: true };
  return undefined;
}

/** The resources a statement names (Resource or NotResource); every resource when it names none. */
export function statementResources(statement: Statement): PatternSet {
  if (statement.resources) return { patterns: statement.resources, except: false };
  if (statement.notResources) return { patterns: statement.notResources, except: true };
  // Trust policies have no Resource element: the statement is about the role itself.
  return { patterns: [ALL_RESOURCES], except: false };
}

/** Whether a pattern set holds actions (case-insensitive) or resources (case-sensitive). */
export type PatternKind = 'action' | 'resource';

/**
 * Whether `outer` holds every member of `inner`. Each pattern of `inner` must be covered by one
 * pattern of `outer`; unions that only cover together are not recognised, so the answer errs
 * towards "not covered".
 */
export function patternSetCovers(outer: PatternSet, inner: PatternSet, kind: PatternKind): boolean {
  // Plain loops, no closures: asked millions of times per large snapshot, and a closure made per
  // call costs an allocation (and a run-time name in the bundle) each time.
  const caseInsensitive = kind === 'action';
  if (!outer.except && !inner.except) {
    for (const q of inner.patterns) if (!anyCovers(outer.patterns, q, caseInsensitive)) return false;
    return true;
  }
  if (!outer.except && inner.except) {
    // "Everything except a few" fits only under a pattern that matches everything.
    return anyCovers(outer.patterns, kind === 'action' ? ALL_ACTIONS : ALL_RESOURCES, caseInsensitive);
  }
  if (outer.except && !inner.except) {
    for (const q of inner.patterns) {
      for (const p of outer.patterns) if (patternsOverlap(p, q, caseInsensitive)) return false;
    }
    return true;
  }
  // all-but-O holds all-but-I exactly when everything O excludes, I excludes too.
  for (const p of outer.patterns) if (!anyCovers(inner.patterns, p, caseInsensitive)) return false;
  return true;
}

function anyCovers(patterns: readonly string[], subPattern: string, caseInsensitive: boolean): boolean {
  for (const pattern of patterns) if (patternCovers(pattern, subPattern, caseInsensitive)) return true;
  return false;
}

/** Whether a statement's Action/NotAction and Resource/NotResource hold the whole request. */
export function statementCovers(statement: Statement, request: AccessRequest): boolean {
  const actions = statementActions(statement);
  if (!actions) return false;
  return (
    patternSetCovers(actions, request.actions, 'action') &&
    patternSetCovers(statementResources(statement), request.resources, 'resource')
  );
}

/** Whether a statement only applies under a Condition. */
export function isConditional(statement: Statement): boolean {
  return Object.keys(statement.conditions ?? {}).length > 0;
}

/** How a finding names a statement: its Sid, or its position (1-based) in the document. */
export function statementLabel(statement: Statement, index: number): string {
  return statement.sid ? `statement "${statement.sid}"` : `statement #${index + 1}`;
}

/** A statement of a document together with its position. */
export interface IndexedStatement {
  statement: Statement;
  index: number;
  label: string;
}

/** What a document says about a request. */
export interface AccessDecision {
  /** Some Allow statement holds the request and no unconditional Deny statement holds it. */
  allowed: boolean;
  /** Every statement allowed it under a Condition. */
  conditional: boolean;
  /** The Allow statements that hold the request. */
  allowedBy: IndexedStatement[];
  /** The unconditional Deny statements that hold the request and so cancel every Allow. */
  deniedBy: IndexedStatement[];
}

/**
 * Whether a policy document allows a request, with IAM wildcard semantics (actions
 * case-insensitive, resources case-sensitive, NotAction / NotResource as complements). An explicit
 * unconditional Deny that holds the whole request cancels it; a conditional Deny cancels nothing,
 * since its condition may not hold.
 */
export function documentAllows(document: PolicyDocument, request: AccessRequest): AccessDecision {
  const indexed = document.statements.map(
    (statement, index): IndexedStatement => ({ statement, index, label: statementLabel(statement, index) }),
  );
  const allowedBy = indexed.filter(
    ({ statement }) => statement.effect === 'Allow' && statementCovers(statement, request),
  );
  const deniedBy = unconditionalDenials(document, request);
  return {
    allowed: allowedBy.length > 0 && deniedBy.length === 0,
    conditional: allowedBy.length > 0 && allowedBy.every(({ statement }) => isConditional(statement)),
    allowedBy,
    deniedBy,
  };
}

/** The unconditional Deny statements of a document that hold the whole request. */
export function unconditionalDenials(document: PolicyDocument, request: AccessRequest): IndexedStatement[] {
  return document.statements
    .map(
      (statement, index): IndexedStatement => ({ statement, index, label: statementLabel(statement, index) }),
    )
    .filter(
      ({ statement }) =>
        statement.effect === 'Deny' && !isConditional(statement) && statementCovers(statement, request),
    );
}
