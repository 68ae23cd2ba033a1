import { PolicyDocumentError } from '../../errors.js';
import {
  accessRequest,
  type IndexedStatement,
  statementCovers,
  statementLabel,
} from '../../policy/access.js';
import { type PolicyDocument, parsePolicyDocument, type Statement } from '../../policy/document.js';
import type { AccountIndex } from '../../snapshot/account-index.js';
import type { RoleDetail } from '../../snapshot/types.js';
import type { CheckContext, CheckOutcome } from '../types.js';
import { executionRole, unjudgedRoleOutcome } from './execution-role.js';

/** The service principal of Managed Service for Apache Flink (Kinesis Data Analytics). */
export const FLINK_SERVICE_PRINCIPAL = 'kinesisanalytics.amazonaws.com';

/** The STS actions through which a trust policy lets a principal become the role. */
export const ASSUME_ROLE_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithWebIdentity',
  'sts:AssumeRoleWithSAML',
] as const;

// Built once: every application's trust policy is asked the same questions.
const ASSUME_ROLE_REQUESTS = ASSUME_ROLE_ACTIONS.map((action) => accessRequest(action, '*'));
const FLINK_ASSUME_ROLE = accessRequest('sts:AssumeRole', '*');

/** An execution role trusting only the Flink service, for this account: CloudFormation lines. */
export const GUARDED_TRUST_POLICY_CLOUDFORMATION = [
  'Resources:',
  '  ExecutionRole:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      AssumeRolePolicyDocument:',
  "        Version: '2012-10-17'",
  '        Statement:',
  '          - Effect: Allow',
  `            Principal: { Service: ${FLINK_SERVICE_PRINCIPAL} }`,
  '            Action: sts:AssumeRole',
  '            Condition:',
  '              StringEquals: { aws:SourceAccount: !Ref AWS::AccountId }',
] as const;

/**
 * Runs `judge` on the execution role's parsed trust policy. Without a role to judge: NOT_APPLICABLE
 * (not set, missing) or ERROR (unreadable, another account's); a trust policy that is absent or not
 * parseable is ERROR.
 */
export function judgeTrustPolicy(
  context: CheckContext,
  judge: (role: RoleDetail, document: PolicyDocument) => CheckOutcome,
): CheckOutcome[] {
  const role = executionRole(context);
  if (role.state !== 'present') return [unjudgedRoleOutcome(context, role)];
  const raw = role.role.AssumeRolePolicyDocument;
  const unreadable = (why: string): CheckOutcome[] => [
    {
      status: 'ERROR',
      resourceArn: role.arn,
      detail: `The trust policy of role ${role.role.RoleName} ${why}; collect it (iam:GetRole) and scan again.`,
    },
  ];
  if (raw === undefined) return unreadable('is not in the snapshot');
  const parsed = context.index.derive(parseTrustPolicy, role.role);
  if (parsed.problem !== undefined) return unreadable(`could not be parsed (${parsed.problem})`);
  return [judge(role.role, parsed.document)];
}

// Parsed once per snapshot and role: several checks judge the same trust policy.
function parseTrustPolicy(
  _index: AccountIndex,
  role: RoleDetail,
): { document: PolicyDocument; problem?: undefined } | { problem: string } {
  try {
    return { document: parsePolicyDocument(role.AssumeRolePolicyDocument ?? {}) };
  } catch (error) {
    if (error instanceof PolicyDocumentError) return { problem: error.message };
    throw error;
  }
}

/** The Allow statements of a trust policy that let someone assume the role, in any of the STS ways. */
export function assumeRoleStatements(document: PolicyDocument): IndexedStatement[] {
  return document.statements
    .map((statement, index) => ({ statement, index, label: statementLabel(statement, index) }))
    .filter(
      ({ statement }) =>
        statement.effect === 'Allow' &&
        ASSUME_ROLE_REQUESTS.some((request) => statementCovers(statement, request)),
    );
}

/** Whether a statement names the Flink service principal and lets it call sts:AssumeRole. */
export function trustsFlinkService(statement: Statement): boolean {
  const services = statement.principals?.Service ?? [];
  return (
    services.some((service) => service.toLowerCase() === FLINK_SERVICE_PRINCIPAL) &&
    statementCovers(statement, FLINK_ASSUME_ROLE)
  );
}
