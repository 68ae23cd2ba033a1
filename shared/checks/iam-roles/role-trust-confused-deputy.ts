import type { Check } from '../types.js';
import { confusedDeputyGap } from './source-conditions.js';
import {
  assumeRoleStatements,
  FLINK_SERVICE_PRINCIPAL,
  GUARDED_TRUST_POLICY_CLOUDFORMATION,
  judgeTrustPolicy,
  trustsFlinkService,
} from './trust-policy.js';

export const roleTrustConfusedDeputy: Check = {
  metadata: {
    id: 'role-trust-confused-deputy',
    title: 'The execution role trust policy prevents the confused deputy problem',
    bestPractice: 'iam-roles',
    severity: 'medium',
    description:
      `Reads every trust statement that lets ${FLINK_SERVICE_PRINCIPAL} assume the application's execution ` +
      "role and checks that it limits the service to requests made on behalf of this account's " +
      'applications, with the aws:SourceAccount and/or aws:SourceArn global condition keys.',
    logic:
      'PASS: every such statement has aws:SourceAccount equal to this account (StringEquals/StringLike) ' +
      'and/or aws:SourceArn (ArnEquals/ArnLike/StringEquals/StringLike) whose values all lie in this ' +
      "account, one of them matching this application's ARN (wildcards allowed, e.g. " +
      '"arn:aws:kinesisanalytics:<region>:<account-id>:application/*"). FAIL: a statement has neither key, ' +
      'names another account, has no aws:SourceArn value matching the application, or only uses ' +
      '...IfExists operators (they pass when the key is absent). Condition keys are compared ' +
      'case-insensitively. ERROR: the role or its trust policy could not be read, or the role belongs to ' +
      'another account. NOT_APPLICABLE: the application has no execution role, the role does not exist ' +
      '(see role-exists), or no statement trusts the service (see role-trust-service-only).',
    risk:
      "Without these conditions, another AWS customer's Flink application could be configured with this " +
      "role's ARN and the service, acting as a confused deputy, would hand it this account's permissions.",
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Trust relationships > Edit trust policy: ' +
        'add a Condition with StringEquals aws:SourceAccount set to your account id and ArnLike aws:SourceArn ' +
        'set to the application ARN (or arn:aws:kinesisanalytics:<region>:<account-id>:application/*).',
      cli: 'aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust-policy.json',
      cloudformation: [
        ...GUARDED_TRUST_POLICY_CLOUDFORMATION,
        '              ArnLike:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation !Sub placeholders, not a JS template
        '                aws:SourceArn: !Sub arn:${AWS::Partition}:kinesisanalytics:${AWS::Region}:${AWS::AccountId}:application/<application-name>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-cross-service-confused-deputy-prevention.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn',
      ],
    },
  },
  evaluate(context) {
    return judgeTrustPolicy(context, (role, document) => {
      const subject = `The trust policy of role ${role.RoleName} (execution role of ${context.application.ApplicationName})`;
      const trusting = assumeRoleStatements(document).filter(({ statement }) =>
        trustsFlinkService(statement),
      );
      if (trusting.length === 0) {
        return {
          status: 'NOT_APPLICABLE',
          resourceArn: role.Arn,
          detail: `${subject} has no statement trusting ${FLINK_SERVICE_PRINCIPAL}; see role-trust-service-only.`,
        };
      }
      const expected = {
        accountId: context.index.accountId,
        applicationArn: context.application.ApplicationARN,
      };
      const gaps = trusting.flatMap(({ statement, label }) => {
        const gap = confusedDeputyGap(statement.conditions, expected);
        return gap ? [`${label} ${gap}`] : [];
      });
      if (gaps.length > 0) {
        return {
          status: 'FAIL',
          resourceArn: role.Arn,
          detail: `${subject} does not stop a confused deputy: ${gaps.join('; ')}.`,
        };
      }
      return {
        status: 'PASS',
        resourceArn: role.Arn,
        detail: `${subject} limits ${FLINK_SERVICE_PRINCIPAL} to this account's requests with aws:SourceAccount/aws:SourceArn.`,
      };
    });
  },
};
