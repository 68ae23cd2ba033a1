import { type CredentialHit, detectCredentials } from '../../secrets/credentials.js';
import type { Check } from '../types.js';
import { keyLiveness } from './key-liveness.js';

const KIND_WORDING: Record<CredentialHit['kind'], string> = {
  'long-term-credentials-provider': 'makes the AWS connector use stored keys instead of the role',
  'credential-property': 'holds a credential',
  'access-key-id': 'holds an access key id',
  'secret-access-key': 'holds what looks like a secret access key',
};

export const runtimePropertiesNoCredentials: Check = {
  metadata: {
    id: 'runtime-properties-no-credentials',
    title: 'Runtime properties hold no AWS credentials',
    bestPractice: 'iam-roles',
    severity: 'high',
    escalatesTo: 'critical',
    description:
      'Scans every runtime property group of the application for AWS credentials used instead of the ' +
      'execution role: a long-term credentials provider, properties named like keys, and values shaped ' +
      'like access key ids or secret access keys. For each access key id of this account, looks up in IAM ' +
      'whether the key is active and when it was last used. Findings show only masked values.',
    logic:
      'FAIL: a property aws.credentials.provider (any case, also AWS_CREDENTIALS_PROVIDER) is BASIC, ' +
      'ENV_VAR, SYS_PROP or PROFILE; or a property named like a key (aws.credentials.provider.basic.' +
      'accesskeyid / .secretkey, aws_access_key_id, aws_secret_access_key, accessKey, secretKey, ' +
      'aws.secret.key, fs.s3a.access.key…) has a non-empty value; or any value contains an access key id ' +
      '(AKIA/ASIA/ABIA/ACCA followed by 16 characters) or a secret access key (40 base64 characters above ' +
      'the entropy threshold, see docs/checks-credentials.md). Severity rises to critical when a key is ' +
      'active in this account or its lookup failed (it may be active), and falls to low when every value found is an AWS documentation example ' +
      'key (…EXAMPLE, …EXAMPLEKEY) and no long-term provider is set. PASS: none of these, including when ' +
      'the application has no runtime properties at all (absence of credentials is what is proven). ' +
      "ERROR: the application's configuration could not be read.",
    risk:
      'Keys in runtime properties are long-lived, readable by anyone allowed to describe the application ' +
      '(and copied into snapshots, tickets and logs), bypass the least privilege of the execution role, ' +
      'and keep working after the application is deleted.',
    remediation: {
      console:
        'Deactivate and delete the exposed access key in IAM first. Then open the Managed Service for Apache ' +
        'Flink console, choose the application, Configure > Runtime properties: remove the key properties, ' +
        'set aws.credentials.provider to AUTO (or remove it), grant the needed permissions to the execution ' +
        'role, and save.',
      cli: [
        'aws iam update-access-key --user-name <user-name> --access-key-id <access-key-id> --status Inactive',
        'aws iam delete-access-key --user-name <user-name> --access-key-id <access-key-id>',
        'aws kinesisanalyticsv2 describe-application --application-name <application-name> --query "ApplicationDetail.ApplicationVersionId"',
        'aws kinesisanalyticsv2 update-application --application-name <application-name> --current-application-version-id <version-id> --application-configuration-update file://properties-without-keys.json',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  Application:',
        '    Type: AWS::KinesisAnalyticsV2::Application',
        '    Properties:',
        '      RuntimeEnvironment: FLINK-1_20',
        '      ServiceExecutionRole: !GetAtt ExecutionRole.Arn',
        '      ApplicationConfiguration:',
        '        EnvironmentProperties:',
        '          PropertyGroups:',
        '            - PropertyGroupId: ConsumerConfigProperties',
        '              PropertyMap:',
        '                aws.region: !Ref AWS::Region',
        '                aws.credentials.provider: AUTO',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/how-properties.html',
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      ],
    },
  },
  evaluate(context) {
    const { ApplicationARN: applicationArn, ApplicationName: name } = context.application;
    const groups =
      context.application.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions
        ?.PropertyGroupDescriptions ?? [];
    // An application that could not be described never reaches a check (evaluateAccount says ERROR).
    if (groups.length === 0) {
      return [{ status: 'PASS', resourceArn: applicationArn, detail: `${name} has no runtime properties.` }];
    }
    const hits = detectCredentials(groups);
    if (hits.length === 0) {
      return [
        {
          status: 'PASS',
          resourceArn: applicationArn,
          detail: `None of the ${groups.length} runtime property group(s) of ${name} holds AWS credentials.`,
        },
      ];
    }
    const liveness = keyLiveness(
      context.index,
      hits.flatMap((hit) => (hit.kind === 'access-key-id' && !hit.example ? [hit.accessKeyId] : [])),
    );
    const onlyExamples = hits.every((hit) => hit.example);
    const severity = liveness.severity ?? (onlyExamples ? 'low' : undefined);
    const listed = hits.map((hit) => describeHit(hit, liveness.standing)).join('; ');
    return [
      {
        status: 'FAIL',
        resourceArn: applicationArn,
        detail: `The runtime properties of ${name} hold AWS credentials instead of relying on the execution role: ${listed}.`,
        ...(severity ? { severity } : {}),
      },
    ];
  },
};

function describeHit(hit: CredentialHit, standing: ReadonlyMap<string, string>): string {
  const state = hit.kind === 'access-key-id' ? standing.get(hit.accessKeyId) : undefined;
  const note = hit.example ? '; an example key from the AWS documentation' : state ? `; ${state}` : '';
  return `${hit.group} / ${hit.key} ${KIND_WORDING[hit.kind]} (${hit.maskedValue}${note})`;
}
