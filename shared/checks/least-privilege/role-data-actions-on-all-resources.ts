import { ALL_RESOURCES, accessRequest, statementCovers } from '../../policy/access.js';
import type { Check } from '../types.js';
import { DATA_ACTIONS } from './data-actions.js';
import { findGrants, grantVerdict, judgeExecutionRole, type Probe } from './role-grants.js';

// Built once: every statement of every role is asked the same questions.
const DATA_ACTION_PROBES: readonly Probe[] = DATA_ACTIONS.map((action) => ({
  what: action,
  request: accessRequest(action, ALL_RESOURCES),
}));

export const roleDataActionsOnAllResources: Check = {
  metadata: {
    id: 'role-data-actions-on-all-resources',
    title: 'The execution role grants data actions only on named resources',
    bestPractice: 'least-privilege',
    severity: 'medium',
    description:
      "Looks in the application's service execution role for data-plane actions granted on Resource " +
      '"*": reading or writing Kinesis records (GetRecords, GetShardIterator, PutRecord(s), ' +
      'SubscribeToShard), Firehose records (PutRecord, PutRecordBatch), S3 objects (GetObject, ' +
      'GetObjectVersion, PutObject, DeleteObject) and KMS data keys (Decrypt, Encrypt, GenerateDataKey*, ' +
      'ReEncrypt*), also when granted through wildcards such as kinesis:Get* or *.',
    logic:
      'FAIL: an Allow statement grants one of those actions (directly or through a wildcard, including ' +
      '"*") on Resource "*"; a grant under a Condition counts, marked "(conditional)". A grant does not ' +
      'count when an unconditional Deny of the role covers it or the permissions boundary (if collected) ' +
      'does not allow it. ERROR: nothing found in the readable policies but a policy document could not be ' +
      'read, or the role could not be read or belongs to another account. NOT_APPLICABLE: the application ' +
      'has no execution role or the role does not exist (see role-exists). PASS: otherwise.',
    risk:
      "The application can read and overwrite every stream's records, every object and every key's data in " +
      'the account: one compromised job leaks or corrupts data it never processes.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: in each statement that ' +
        'grants data actions on "*", list the ARNs of the streams, delivery streams, bucket prefixes and keys ' +
        'the application uses instead.',
      cli: [
        'aws kinesisanalyticsv2 describe-application --application-name <application-name> --query "ApplicationDetail.ApplicationConfigurationDescription"',
        'aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://scoped-policy.json',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  DataAccess:',
        '    Type: AWS::IAM::RolePolicy',
        '    Properties:',
        '      RoleName: !Ref ExecutionRole',
        '      PolicyName: data-access',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Action: [kinesis:GetShardIterator, kinesis:GetRecords]',
        '            Resource: !GetAtt SourceStream.Arn',
        '          - Effect: Allow',
        '            Action: [kms:Decrypt, kms:GenerateDataKey]',
        '            Resource: !GetAtt StreamKey.Arn',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/streams/latest/dev/controlling-access.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
  },
  evaluate(context) {
    return judgeExecutionRole(context, (permissions) =>
      grantVerdict(
        context,
        permissions,
        findGrants(permissions, ({ statement }) =>
          DATA_ACTION_PROBES.filter(({ request }) => statementCovers(statement, request)),
        ),
        { found: 'data actions on every resource', none: 'no data action on every resource' },
      ),
    );
  },
};
