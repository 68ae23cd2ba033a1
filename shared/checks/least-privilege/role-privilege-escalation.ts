import type { Check } from '../types.js';
import { escalationGrants, findEscalations } from './escalation-search.js';
import { PRIVILEGE_ESCALATIONS } from './privilege-escalations.js';
import { grantVerdict, judgeExecutionRole } from './role-grants.js';

/** role-privilege-escalation: the execution role holds no catalogued way to more privileges. */
// How many paths a finding explains one by one; it names every path it found regardless.
const EXPLAINED_PATHS = 5;

export const rolePrivilegeEscalation: Check = {
  metadata: {
    id: 'role-privilege-escalation',
    title: 'The execution role cannot escalate its own privileges',
    bestPractice: 'least-privilege',
    severity: 'high',
    description:
      "Looks in the application's service execution role for grants that let it obtain more permissions " +
      'than it has: iam:PassRole on every role of the account (Resource "*" or role/*) or sts:AssumeRole on ' +
      'Resource "*"; iam:Put*Policy, iam:Attach*Policy ' +
      '(user, group, role), iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:UpdateAssumeRolePolicy ' +
      'or iam:CreateAccessKey on any resource; the published combination paths (Rhino Security Labs, as ' +
      'PMapper, Cloudsplaining and pathfinding.cloud list them) that pass another role to a service running ' +
      'code it chooses: iam:PassRole with kinesisanalytics:CreateApplication + StartApplication or ' +
      'UpdateApplication, lambda:CreateFunction + InvokeFunction / CreateEventSourceMapping / AddPermission, ' +
      'ec2:RunInstances, glue:CreateDevEndpoint, glue:CreateJob + StartJobRun, cloudformation:CreateStack, ' +
      'datapipeline, sagemaker, ecs or codebuild; and the updates that take over a resource already running ' +
      'under a stronger role without PassRole: lambda:UpdateFunctionCode, glue:UpdateDevEndpoint, ' +
      'cloudformation:UpdateStack or CreateChangeSet + ExecuteChangeSet, kinesisanalytics:UpdateApplication ' +
      'on another application. Also when granted through wildcards, iam:* or *.',
    logic:
      'FAIL: the Allow statements grant every part of a catalogued escalation (the finding names the path, ' +
      'e.g. "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction", the statements that grant it and ' +
      'how it escalates). For a combination, iam:PassRole counts only on Resource "*" or on a pattern that ' +
      'matches a role of the account other than the execution role itself (passing only itself escalates ' +
      'nothing; roles of other accounts cannot be passed); kinesisanalytics:UpdateApplication alone counts ' +
      'only on an application other than this one. Each part counts only when no unconditional Deny of the ' +
      'role covers it and the permissions boundary (if collected) allows it; a part granted only under a ' +
      'Condition makes the path "(conditional)". A path with a cancelled part is named under "Not counted". ' +
      'ERROR: nothing found in the readable policies but a policy document could not be read, or ' +
      'the role could not be read or belongs to another account. NOT_APPLICABLE: the application has no ' +
      'execution role or the role does not exist (see role-exists). PASS: otherwise.',
    risk:
      'Whoever controls the application code can turn the execution role into an administrator (or reach ' +
      'one), so every other least-privilege limit on the role is only a formality.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: remove every IAM write ' +
        'action (a Flink application needs none), restrict iam:PassRole and sts:AssumeRole to the exact ' +
        'role ARNs the application really uses, and remove the compute create/update actions named in the ' +
        'finding (lambda, ec2, glue, cloudformation, kinesisanalytics, ...) that the application does not ' +
        'need. Consider a permissions boundary that denies iam:*.',
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
      const subject = { roleArn: permissions.role.Arn, applicationArn: context.application.ApplicationARN };
      const search = findEscalations(permissions, subject, PRIVILEGE_ESCALATIONS);
      const verdict = grantVerdict(context, permissions, escalationGrants(search), {
        found: 'privilege escalation',
        none: 'no privilege escalation',
      });
      if (verdict.status !== 'FAIL') return verdict;
      // An administrator role opens every path: explain the first few, count the rest.
      const explained = search.found
        .slice(0, EXPLAINED_PATHS)
        .map((found) => `${found.name} ${found.escalation.how}`);
      const more = search.found.length - explained.length;
      const how = `${explained.join('; ')}${more > 0 ? `; and ${more} more path(s) of the same kind` : ''}`;
      return { ...verdict, detail: `${verdict.detail} How: ${how}.` };
    });
  },
};
