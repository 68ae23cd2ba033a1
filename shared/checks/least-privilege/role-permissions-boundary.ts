import { executionRole, unjudgedRoleOutcome } from '../iam-roles/execution-role.js';
import type { Check } from '../types.js';

export const rolePermissionsBoundary: Check = {
  metadata: {
    id: 'role-permissions-boundary',
    title: 'The execution role has a permissions boundary',
    bestPractice: 'least-privilege',
    severity: 'info',
    description:
      "Checks that the application's service execution role has a permissions boundary: a managed policy " +
      'that caps what the identity policies of the role can grant, whatever is added to them later.',
    logic:
      'PASS: the role has a PermissionsBoundary. FAIL: it has none. ERROR: the role could not be read or ' +
      'belongs to another account. NOT_APPLICABLE: the application has no execution role or the role does ' +
      'not exist (see role-exists). Whether the boundary itself is narrow is judged by the other ' +
      'least-privilege checks, which apply it to every grant.',
    risk:
      'Without a boundary, one careless policy change (a broad managed policy attached, a wildcard added ' +
      'inline) grants the application everything it says, with nothing in place to cap it.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: under Permissions ' +
        'boundary choose "Set permissions boundary" and pick a managed policy that allows only the services ' +
        'the application uses (Kinesis, S3, KMS, CloudWatch Logs and Metrics, VPC networking).',
      cli: [
        'aws iam create-policy --policy-name flink-application-boundary --policy-document file://boundary.json',
        'aws iam put-role-permissions-boundary --role-name <role-name> --permissions-boundary arn:aws:iam::<account-id>:policy/flink-application-boundary',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  ExecutionRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: <trust policy for kinesisanalytics.amazonaws.com>',
        '      PermissionsBoundary: !Ref FlinkApplicationBoundary',
        '  FlinkApplicationBoundary:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Action: [kinesis:*, s3:GetObject*, s3:PutObject, kms:Decrypt, kms:GenerateDataKey, logs:*, cloudwatch:PutMetricData]',
        "            Resource: '*'",
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
        'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html',
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
      ],
    },
  },
  evaluate(context) {
    const role = executionRole(context);
    if (role.state !== 'present') return [unjudgedRoleOutcome(context, role)];
    const { RoleName: name, Arn: arn, PermissionsBoundary: boundary } = role.role;
    const subject = `Role ${name} (execution role of ${context.application.ApplicationName})`;
    const boundaryArn = boundary?.PermissionsBoundaryArn;
    if (boundaryArn) {
      return [
        { status: 'PASS', resourceArn: arn, detail: `${subject} has permissions boundary ${boundaryArn}.` },
      ];
    }
    return [
      {
        status: 'FAIL',
        resourceArn: arn,
        detail: `${subject} has no permissions boundary: nothing caps what a later policy change could grant it.`,
      },
    ];
  },
};
