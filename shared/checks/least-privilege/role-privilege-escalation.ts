import {
  type AccessRequest,
  ALL_RESOURCES,
  accessRequest,
  statementCovers,
  statementResources,
} from '../../policy/access.js';
import type { Statement } from '../../policy/document.js';
import type { Check } from '../types.js';
import { PRIVILEGE_ESCALATIONS, type PrivilegeEscalation } from './privilege-escalations.js';
import { findGrants, grantVerdict, judgeExecutionRole, type Probe } from './role-grants.js';

export const rolePrivilegeEscalation: Check = {
  metadata: {
    id: 'role-privilege-escalation',
    title: 'The execution role cannot escalate its own privileges',
    bestPractice: 'least-privilege',
    severity: 'high',
    description:
      "Looks in the application's service execution role for grants that let it obtain more permissions " +
      'than it has: iam:PassRole or sts:AssumeRole on Resource "*", and iam:Put*Policy, iam:Attach*Policy ' +
      '(user, group, role), iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:UpdateAssumeRolePolicy ' +
      'or iam:CreateAccessKey on any resource, also when granted through iam:* or *.',
    logic:
      'FAIL: an Allow statement grants one of the catalogued escalations (the finding names each one and ' +
      'how it escalates); a grant under a Condition counts, marked "(conditional)". A grant does not count ' +
      'when an unconditional Deny of the role covers it or the permissions boundary (if collected) does not ' +
      'allow it. ERROR: nothing found in the readable policies but a policy document could not be read, or ' +
      'the role could not be read or belongs to another account. NOT_APPLICABLE: the application has no ' +
      'execution role or the role does not exist (see role-exists). PASS: otherwise.',
    risk:
      'Whoever controls the application code can turn the execution role into an administrator (or reach ' +
      'one), so every other least-privilege limit on the role is only a formality.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: remove every IAM write ' +
        'action (a Flink application needs none) and restrict iam:PassRole and sts:AssumeRole to the exact ' +
        'role ARNs the application really uses. Consider a permissions boundary that denies iam:*.',
      cli: [
        'aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://no-iam-writes.json',
        'aws iam put-role-permissions-boundary --role-name <role-name> --permissions-boundary arn:aws:iam::<account-id>:policy/<boundary-policy>',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  ExecutionRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: <trust policy for kinesisanalytics.amazonaws.com>',
        '      PermissionsBoundary: !Ref NoIamWritesBoundary',
        '  NoIamWritesBoundary:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            NotAction: [iam:*, sts:AssumeRole]',
        "            Resource: '*'",
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
  },
  evaluate(context) {
    return judgeExecutionRole(context, (permissions) => {
      const search = findGrants(permissions, ({ statement }) => escalationProbes(statement));
      const verdict = grantVerdict(context, permissions, search, {
        found: 'privilege escalation',
        none: 'no privilege escalation',
      });
      if (verdict.status !== 'FAIL') return verdict;
      const found = PRIVILEGE_ESCALATIONS.filter((escalation) =>
        search.grants.some((grant) => grant.what.includes(escalation.name)),
      );
      const how = found.map((escalation) => `${escalation.name} ${escalation.how}`).join('; ');
      return { ...verdict, detail: `${verdict.detail} How: ${how}.` };
    });
  },
};

function escalationProbes(statement: Statement): Probe[] {
  return PRIVILEGE_ESCALATIONS.flatMap((escalation) =>
    escalation.actions
      .map((action) => ({ what: escalation.name, request: escalationRequest(statement, escalation, action) }))
      .filter(({ request }) => statementCovers(statement, request)),
  );
}

function escalationRequest(
  statement: Statement,
  escalation: PrivilegeEscalation,
  action: string,
): AccessRequest {
  if (escalation.scope === 'every-resource') return accessRequest(action, ALL_RESOURCES);
  return { actions: { patterns: [action], except: false }, resources: statementResources(statement) };
}
