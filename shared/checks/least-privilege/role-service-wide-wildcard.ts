import { ALL_RESOURCES, accessRequest, statementCovers } from '../../policy/access.js';
import type { Statement } from '../../policy/document.js';
import { grantStanding } from '../../policy/role-permissions.js';
import type { Check } from '../types.js';
import { administratorProbes } from './administrator-grants.js';
import { findGrants, grantVerdict, judgeExecutionRole, type Probe } from './role-grants.js';

/** The services whose every action on every resource a streaming application never needs. */
export const WILDCARD_SERVICES = ['kinesis', 's3', 'firehose', 'kms', 'iam'] as const;

export const roleServiceWideWildcard: Check = {
  metadata: {
    id: 'role-service-wide-wildcard',
    title: 'The execution role grants no service-wide wildcard on every resource',
    bestPractice: 'least-privilege',
    severity: 'high',
    description:
      "Looks in the application's service execution role for Allow statements that grant every action of " +
      'Kinesis, S3, Firehose, KMS or IAM (kinesis:*, s3:*, firehose:*, kms:*, iam:*, in any letter case or ' +
      'through a broader pattern) on Resource "*".',
    logic:
      'FAIL: an Allow statement grants <service>:* for one of kinesis, s3, firehose, kms, iam on Resource ' +
      '"*" (a grant under a Condition counts, marked "(conditional)"). A grant does not count when an ' +
      'unconditional Deny of the role covers it or the permissions boundary (if collected) does not allow ' +
      'it. Administrator access in force (every action on every resource) is left to role-admin-access: ' +
      'when it is the only such grant, the verdict is NOT_APPLICABLE; administrator access capped by the ' +
      'boundary is judged here by what the boundary leaves. ERROR: nothing found in the readable policies but ' +
      'a policy document could not be read, or the role could not be read or belongs to another account. ' +
      'NOT_APPLICABLE also when the application has no execution role or the role does not exist (see ' +
      'role-exists). PASS: otherwise.',
    risk:
      'A single compromised application can read, write or delete every stream, bucket and delivery stream ' +
      'of the account, use every KMS key (or schedule its deletion), or, with iam:*, grant itself anything.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: replace each <service>:* ' +
        'on "*" with the few actions the application calls, on the ARNs of its own streams, buckets and keys.',
      cli: [
        'aws iam get-role-policy --role-name <role-name> --policy-name <policy-name>',
        'aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://scoped-policy.json',
        'aws iam create-policy-version --policy-arn <managed-policy-arn> --policy-document file://scoped-policy.json --set-as-default',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  ApplicationAccess:',
        '    Type: AWS::IAM::RolePolicy',
        '    Properties:',
        '      RoleName: !Ref ExecutionRole',
        '      PolicyName: application-access',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Action: [kinesis:DescribeStream, kinesis:PutRecord, kinesis:PutRecords]',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation !Sub placeholders, not a JS template
        '            Resource: !Sub arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/<sink-stream>',
        '          - Effect: Allow',
        '            Action: [s3:GetObject, s3:GetObjectVersion]',
        '            Resource: arn:aws:s3:::<code-bucket>/<code-key>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
      ],
    },
  },
  evaluate(context) {
    return judgeExecutionRole(context, (permissions) => {
      // Administrator grants in force are role-admin-access's to report; capped ones may still
      // leave a service wildcard in force, which is judged here.
      const administrator = (statement: Statement) =>
        administratorProbes(statement).some(
          ({ request }) => grantStanding(permissions, statement, request).inForce,
        );
      const search = findGrants(permissions, ({ statement }) =>
        administrator(statement) ? [] : serviceWideProbes(statement),
      );
      const admin = findGrants(permissions, ({ statement }) => administratorProbes(statement));
      if (search.grants.length === 0 && admin.grants.length > 0) {
        return {
          status: 'NOT_APPLICABLE',
          resourceArn: permissions.role.Arn,
          detail:
            `Role ${permissions.role.RoleName} (execution role of ${context.application.ApplicationName}) ` +
            'allows every action on every resource, which role-admin-access reports; it grants no further ' +
            'service-wide wildcard.',
        };
      }
      return grantVerdict(context, permissions, search, {
        found: 'service-wide wildcards on every resource',
        none: `no service-wide wildcard (${WILDCARD_SERVICES.map((service) => `${service}:*`).join(', ')}) on every resource`,
      });
    });
  },
};

// Built once: every statement of every role is asked the same questions.
const SERVICE_WIDE_PROBES: readonly Probe[] = WILDCARD_SERVICES.map((service) => ({
  what: `${service}:*`,
  request: accessRequest(`${service}:*`, ALL_RESOURCES),
}));

function serviceWideProbes(statement: Statement): Probe[] {
  return SERVICE_WIDE_PROBES.filter(({ request }) => statementCovers(statement, request));
}
