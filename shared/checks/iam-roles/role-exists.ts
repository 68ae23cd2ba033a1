import type { Check } from '../types.js';
import { executionRole, unjudgedRoleOutcome } from './execution-role.js';

export const roleExists: Check = {
  metadata: {
    id: 'role-exists',
    title: 'The application runs as an existing IAM role',
    bestPractice: 'iam-roles',
    severity: 'critical',
    description:
      "Checks that the application's ServiceExecutionRole is set and names an IAM role that exists in this " +
      'account: the role is how the application gets temporary credentials instead of stored keys.',
    logic:
      'PASS: ServiceExecutionRole is set and the role is in the snapshot. FAIL: ServiceExecutionRole is not ' +
      'set, or the role does not exist (the application cannot start or restart). ERROR: the role could ' +
      'not be read (a collection error covers it) or it belongs to another account, which this scan does ' +
      'not read.',
    risk:
      'Without its role the application fails at its next start, restart, scaling or update, and teams ' +
      'tend to "fix" it by embedding access keys in the code or runtime properties.',
    remediation: {
      console:
        'Open the Managed Service for Apache Flink console, choose the application, then Configure: under ' +
        'Permissions, choose "Create / update IAM role" or pick an existing role trusted by ' +
        'kinesisanalytics.amazonaws.com, and save.',
      cli: [
        'aws iam create-role --role-name <role-name> --assume-role-policy-document file://trust-policy.json',
        'aws iam put-role-policy --role-name <role-name> --policy-name <application>-access --policy-document file://least-privilege.json',
        'aws kinesisanalyticsv2 update-application --application-name <application-name> --current-application-version-id <version-id> --service-execution-role-update arn:aws:iam::<account-id>:role/<role-name>',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  Application:',
        '    Type: AWS::KinesisAnalyticsV2::Application',
        '    Properties:',
        '      RuntimeEnvironment: FLINK-1_20',
        '      ServiceExecutionRole: !GetAtt ExecutionRole.Arn',
        '  ExecutionRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Principal: { Service: kinesisanalytics.amazonaws.com }',
        '            Action: sts:AssumeRole',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_UpdateApplication.html',
      ],
    },
  },
  evaluate(context) {
    const { ApplicationARN: applicationArn, ApplicationName: name } = context.application;
    const role = executionRole(context);
    switch (role.state) {
      case 'present':
        return [
          {
            status: 'PASS',
            resourceArn: role.arn,
            detail: `${name} runs as role ${role.role.RoleName}, which exists.`,
          },
        ];
      case 'unset':
        return [
          {
            status: 'FAIL',
            resourceArn: applicationArn,
            detail: `${name} has no service execution role; it cannot start or restart until one is set.`,
          },
        ];
      case 'missing':
        return [
          {
            status: 'FAIL',
            resourceArn: role.arn,
            detail: `The execution role ${role.arn} of ${name} does not exist; the application cannot start or restart until it does.`,
          },
        ];
      default:
        return [unjudgedRoleOutcome(context, role)];
    }
  },
};
