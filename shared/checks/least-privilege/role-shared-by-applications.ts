import { parseArn } from '../../arn.js';
import type { RegionalApplication } from '../../snapshot/account-index.js';
import { DESCRIBE_APPLICATION, LIST_APPLICATIONS } from '../../snapshot/application-listing.js';
import { unjudgedRoleOutcome } from '../iam-roles/execution-role.js';
import type { Check, CheckContext, CheckOutcome } from '../types.js';

export const roleSharedByApplications: Check = {
  metadata: {
    id: 'role-shared-by-applications',
    title: 'The execution role serves this application only',
    bestPractice: 'least-privilege',
    severity: 'low',
    description:
      "Checks that no other application of the account, in any region scanned, uses the application's " +
      'service execution role: a role shared by several applications must grant the union of what they ' +
      'all need, so none of them can be scoped to its own resources.',
    logic:
      'FAIL: another application in the snapshot (any region) has the same ServiceExecutionRole (same ' +
      'account and role name); the finding names them. ERROR: no other application is known to share it, ' +
      'but an application could not be described (kinesisanalytics:DescribeApplication) or the ' +
      'applications of a region could not be listed (kinesisanalytics:ListApplications), so their roles ' +
      'are unknown. NOT_APPLICABLE: the application has no execution role. PASS: otherwise. Only ' +
      'applications in the snapshot count: a scan limited to some regions or applications cannot see the ' +
      'others.',
    risk:
      'Every application sharing the role can read, write and decrypt what any of the others can: a ' +
      "compromised or faulty job reaches the other jobs' streams, buckets and keys, and no grant can be " +
      'removed without checking every application that uses it.',
    remediation: {
      console:
        'Open the IAM console and create one role per application, trusted by kinesisanalytics.amazonaws.com ' +
        "and granting only that application's streams, buckets, keys and log groups. Then open the Managed " +
        'Service for Apache Flink console, choose each application, Configure, and under Permissions pick ' +
        'its own role.',
      cli: [
        'aws iam create-role --role-name <application>-role --assume-role-policy-document file://trust-policy.json',
        'aws iam put-role-policy --role-name <application>-role --policy-name <application>-access --policy-document file://least-privilege.json',
        'aws kinesisanalyticsv2 update-application --application-name <application-name> --current-application-version-id <version-id> --service-execution-role-update arn:aws:iam::<account-id>:role/<application>-role',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  OrdersApplication:',
        '    Type: AWS::KinesisAnalyticsV2::Application',
        '    Properties:',
        '      ServiceExecutionRole: !GetAtt OrdersExecutionRole.Arn',
        '  ClicksApplication:',
        '    Type: AWS::KinesisAnalyticsV2::Application',
        '    Properties:',
        '      ServiceExecutionRole: !GetAtt ClicksExecutionRole.Arn',
        '  # One AWS::IAM::Role per application, each granting only its own resources.',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_UpdateApplication.html',
      ],
    },
  },
  evaluate(context) {
    const roleArn = context.application.ServiceExecutionRole;
    if (!roleArn) return [unjudgedRoleOutcome(context, { state: 'unset' })];
    return [sharingVerdict(context, roleArn)];
  },
};

function sharingVerdict(context: CheckContext, roleArn: string): CheckOutcome {
  const { index, application } = context;
  const notThis = (other: RegionalApplication) =>
    other.application.ApplicationARN !== application.ApplicationARN;
  const sharing = index.applicationsUsingRole(roleArn).filter(notThis);
  const unknown = [
    ...index
      .undescribedApplications()
      .filter(({ entry }) => notThis(entry))
      .map(({ entry, errors }) => {
        const reasons = errors.map((error) => `${error.operation} failed with ${error.code}`).join('; ');
        return `could not describe ${describe(entry)} (${reasons})`;
      }),
    ...unlisted(context),
  ];
  const subject = `Role ${roleName(roleArn)} (execution role of ${application.ApplicationName})`;
  if (sharing.length > 0) {
    const also = unknown.length > 0 ? ` Unknown besides: ${unknown.join('; ')}.` : '';
    return {
      status: 'FAIL',
      resourceArn: roleArn,
      detail:
        `${subject} is also the execution role of ${sharing.map(describe).join(', ')}; ` +
        `give each application its own role.${also}`,
    };
  }
  if (unknown.length > 0) {
    return {
      status: 'ERROR',
      resourceArn: roleArn,
      detail:
        `${subject} is used by no other application that could be read, but ${unknown.join('; ')}; ` +
        `allow ${LIST_APPLICATIONS} and ${DESCRIBE_APPLICATION} to the auditor and scan again.`,
    };
  }
  return {
    status: 'PASS',
    resourceArn: roleArn,
    detail: `${subject} is used by no other of the ${index.applications().length} application(s) scanned.`,
  };
}

/** Regions whose applications are unknown because ListApplications failed there. */
function unlisted(context: CheckContext): string[] {
  return context.index
    .unreadableOperation(LIST_APPLICATIONS)
    .map(
      (error) =>
        `could not list the applications of ${error.region ?? 'every region'} (${error.operation} failed with ${error.code})`,
    );
}

function describe({ application, region }: RegionalApplication): string {
  return `${application.ApplicationName} (${region})`;
}

function roleName(arn: string): string {
  return parseArn(arn)?.resource.split('/').pop() ?? arn;
}
