import { policyLabel, policyStatements } from '../../policy/role-permissions.js';
import type { Check } from '../types.js';
import { administratorProbes } from './administrator-grants.js';
import { findGrants, grantVerdict, judgeExecutionRole } from './role-grants.js';
import {
  summariseCancelled,
  summariseGrant,
  unjudgedPatterns,
  writeActionProbes,
} from './write-action-grants.js';

export const roleWriteActionsOnAllResources: Check = {
  metadata: {
    id: 'role-write-actions-on-all-resources',
    title: 'The execution role grants write and permissions-management actions only on named resources',
    bestPractice: 'least-privilege',
    severity: 'medium',
    description:
      "Looks in the application's service execution role for actions whose access level (AWS Service " +
      'Authorization Reference, through the generated action catalog) includes Write or Permissions ' +
      'management, granted on Resource "*": directly, through wildcards such as kinesis:* or s3:Put*, or ' +
      'through NotAction. The catalog covers kinesis, firehose, s3, kms, iam, sts, logs, kinesisanalytics, ' +
      'glue, lambda, ec2, cloudwatch, cloudtrail, sns and organizations.',
    logic:
      'FAIL: an Allow statement on Resource "*" grants a Write or Permissions management action of the ' +
      'catalog; a grant under a Condition counts, marked "(conditional)". Not counted here, to avoid ' +
      'reporting one grant twice: statements whose administrator grant (Action "*" or NotAction on "*") is ' +
      'in force, which role-admin-access reports, and the data actions (PutRecord, PutObject, Decrypt, ...) ' +
      'that role-data-actions-on-all-resources reports. A NotAction statement whose administrator grant is ' +
      'cancelled (e.g. by the permissions boundary) is judged action by action. A grant does not count when ' +
      'an unconditional Deny of the role covers it or the permissions boundary (if collected) does not allow ' +
      'it. Action patterns of services outside the catalog are named in the detail as not judged. ' +
      'NOT_APPLICABLE: administrator access is in force and no other statement grants a write action on ' +
      '"*" (role-admin-access reports it). ERROR: ' +
      'nothing found in the readable policies but a policy document could not be read, or the role could ' +
      'not be read or belongs to another account. NOT_APPLICABLE: the application has no execution role or ' +
      'the role does not exist (see role-exists). PASS: otherwise.',
    risk:
      'The application can delete or reconfigure every stream, bucket, key, log group or role of the ' +
      "account, or change who may access them: a compromised job can destroy other teams' resources or " +
      'open them to the outside.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: in each statement that ' +
        'grants write or permissions-management actions on "*", name the ARNs of the resources the ' +
        'application changes, and drop the actions it does not call.',
      cli: [
        'aws iam get-role-policy --role-name <role-name> --policy-name <policy-name>',
        'aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://scoped-policy.json',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  CheckpointWrites:',
        '    Type: AWS::IAM::RolePolicy',
        '    Properties:',
        '      RoleName: !Ref ExecutionRole',
        '      PolicyName: checkpoint-writes',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Action: [logs:PutLogEvents, logs:CreateLogStream]',
        '            Resource: !GetAtt ApplicationLogGroup.Arn',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
      ],
    },
  },
  evaluate(context) {
    return judgeExecutionRole(context, (permissions) => {
      const search = findGrants(permissions, (allow) => writeActionProbes(permissions, allow));
      const admin = findGrants(permissions, ({ statement }) => administratorProbes(statement));
      if (search.grants.length === 0 && admin.grants.length > 0) {
        return {
          status: 'NOT_APPLICABLE',
          resourceArn: permissions.role.Arn,
          detail:
            `Role ${permissions.role.RoleName} (execution role of ${context.application.ApplicationName}) ` +
            'has administrator access, which role-admin-access reports; it grants no further write action on ' +
            'every resource.',
        };
      }
      const outcome = grantVerdict(
        context,
        permissions,
        { grants: search.grants.map(summariseGrant), cancelled: summariseCancelled(search.cancelled) },
        { found: 'write actions on every resource', none: 'no write action on every resource' },
      );
      const unjudged = policyStatements(permissions, 'Allow').flatMap((allow) => {
        const patterns = unjudgedPatterns(allow);
        return patterns.length > 0
          ? [`${patterns.join(', ')} from ${policyLabel(allow.policy)} ${allow.label}`]
          : [];
      });
      if (unjudged.length === 0) return outcome;
      return {
        ...outcome,
        detail: `${outcome.detail} Not judged (outside the action catalog): ${unjudged.join('; ')}.`,
      };
    });
  },
};
