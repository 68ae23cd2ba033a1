import { parsePolicyDocument, type Statement } from '../../shared/policy/document.js';
import { actionMatches } from '../../shared/policy/wildcard.js';
import type { RawPolicyDocument } from '../../shared/snapshot/types.js';

/** Who asks to assume a role, as the role's trust policy sees the caller. */
export interface TrustedCaller {
  /** Every ARN that names the caller in a Principal: a user's ARN; a session's role ARN and session ARN. */
  arns: readonly string[];
  accountId: string;
  partition: string;
  /** `aws:PrincipalOrgID`: the organisation of the caller's account, if it belongs to one. */
  organizationId?: string;
}

/** What the AssumeRole request itself carries that a trust policy can test. */
export interface AssumeRoleRequestFacts {
  /** `sts:ExternalId`. */
  externalId?: string;
}

// A statement's verdict for this request: applies, does not apply, or cannot be judged here.
type Match = 'yes' | 'no' | 'unknown';

const ACTION = 'sts:AssumeRole';
// A condition key this evaluator does not know: distinct from any value a request may carry.
const UNKNOWN_KEY = Symbol('unknown condition key');

/**
 * Whether a role's trust policy lets the caller assume it, as STS decides: an Allow statement
 * naming the caller (role ARN, account root, account id or `*`) for sts:AssumeRole whose
 * conditions hold, and no Deny that applies. Only `StringEquals` on `sts:ExternalId` and
 * `aws:PrincipalOrgID` is understood: an Allow with anything else never allows, a Deny with
 * anything else always denies, and an unreadable document allows nothing.
 */
export function trustAllows(
  document: RawPolicyDocument | undefined,
  caller: TrustedCaller,
  request: AssumeRoleRequestFacts,
): boolean {
  if (document === undefined || document === null) return false;
  let statements: Statement[];
  try {
    statements = parsePolicyDocument(document).statements;
  } catch {
    return false;
  }
  const verdicts = statements.map((statement) => ({
    effect: statement.effect,
    match: applies(statement, caller, request),
  }));
  if (verdicts.some(({ effect, match }) => effect === 'Deny' && match !== 'no')) return false;
  return verdicts.some(({ effect, match }) => effect === 'Allow' && match === 'yes');
}

function applies(statement: Statement, caller: TrustedCaller, request: AssumeRoleRequestFacts): Match {
  return all([
    actionApplies(statement),
    principalApplies(statement, caller),
    conditionsHold(statement, caller, request),
  ]);
}

function all(matches: readonly Match[]): Match {
  if (matches.includes('no')) return 'no';
  return matches.includes('unknown') ? 'unknown' : 'yes';
}

function actionApplies(statement: Statement): Match {
  if (statement.notActions || !statement.actions) return 'unknown';
  return statement.actions.some((pattern) => actionMatches(pattern, ACTION)) ? 'yes' : 'no';
}

function principalApplies(statement: Statement, caller: TrustedCaller): Match {
  if (statement.notPrincipals || !statement.principals) return 'unknown';
  // Service and federated principals never name an IAM user or role session.
  const named = statement.principals.AWS ?? [];
  const root = `arn:${caller.partition}:iam::${caller.accountId}:root`;
  return named.some(
    (principal) =>
      principal === '*' ||
      principal === caller.accountId ||
      principal === root ||
      caller.arns.includes(principal),
  )
    ? 'yes'
    : 'no';
}

function conditionsHold(statement: Statement, caller: TrustedCaller, request: AssumeRoleRequestFacts): Match {
  const matches: Match[] = [];
  for (const [operator, keys] of Object.entries(statement.conditions ?? {})) {
    if (operator.toLowerCase() !== 'stringequals') return 'unknown';
    for (const [key, expected] of Object.entries(keys)) {
      const actual = contextValue(key, caller, request);
      if (actual === UNKNOWN_KEY) return 'unknown';
      // A key the request does not carry fails StringEquals; several values are alternatives.
      matches.push(actual !== undefined && expected.includes(actual) ? 'yes' : 'no');
    }
  }
  return all(matches);
}

function contextValue(
  key: string,
  caller: TrustedCaller,
  request: AssumeRoleRequestFacts,
): string | undefined | typeof UNKNOWN_KEY {
  switch (key.toLowerCase()) {
    case 'sts:externalid':
      return request.externalId;
    case 'aws:principalorgid':
      return caller.organizationId;
    default:
      return UNKNOWN_KEY;
  }
}
