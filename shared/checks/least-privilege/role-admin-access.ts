import type { Check } from '../types.js';
import { administratorProbes } from './administrator-grants.js';
import { findGrants, grantVerdict, judgeExecutionRole } from './role-grants.js';

export const roleAdminAccess: Check = {
  metadata: {
    id: 'role-admin-access',
    title: 'The execution role does not have administrator access',
    bestPractice: 'least-privilege',
    severity: 'critical',
    description:
      "Looks for administrator access in the application's service execution role: the AWS-managed " +
      'AdministratorAccess policy, or any Allow statement of its inline and attached policies that grants ' +
      'every action on every resource.',
    logic:
      'FAIL: AdministratorAccess (arn:<partition>:iam::aws:policy/AdministratorAccess) is attached, or an ' +
      'Allow statement has Action "*" on Resource "*", or NotAction on Resource "*" (everything but a few ' +
      'actions). A grant under a Condition still counts and is marked "(conditional)". A grant does not ' +
      'count when an unconditional Deny of the role covers the same actions on the same resources, or when ' +
      'the permissions boundary (if its document was collected) does not allow it. ERROR: no such grant in ' +
      'the readable policies but a policy document could not be read, or the role could not be read or ' +
      'belongs to another account. NOT_APPLICABLE: the application has no execution role or the role does ' +
      'not exist (see role-exists). PASS: otherwise.',
    risk:
      'Code running in the application (including a compromised dependency or a malicious JAR) acts as ' +
      'an administrator of the account: it can read and delete any data, create users and keys, and turn ' +
      'off CloudTrail.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: detach AdministratorAccess ' +
        'and remove or rewrite every statement with Action "*" or NotAction on Resource "*", granting only ' +
        'the actions the application uses on its own streams, buckets, keys and log groups.',
      cli: [
        'aws iam detach-role-policy --role-name <role-name> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
        'aws iam delete-role-policy --role-name <role-name> --policy-name <broad-inline-policy>',
        'aws iam put-role-policy --role-name <role-name> --policy-name <application>-access --policy-document file://least-privilege.json',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  ExecutionRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: <trust policy for kinesisanalytics.amazonaws.com>',
        '      Policies:',
        '        - PolicyName: application-access',
        '          PolicyDocument:',
        "            Version: '2012-10-17'",
        '            Statement:',
        '              - Effect: Allow',
        '                Action: [kinesis:DescribeStream, kinesis:GetShardIterator, kinesis:GetRecords, kinesis:ListShards]',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation !Sub placeholders, not a JS template
        '                Resource: !Sub arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/<source-stream>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
      ],
    },
  },
  evaluate(context) {
    return judgeExecutionRole(context, (permissions) =>
      grantVerdict(
        context,
        permissions,
        findGrants(permissions, ({ statement }) => administratorProbes(statement)),
        { found: 'administrator access', none: 'no administrator access' },
      ),
    );
  },
};
