import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNotifyConfig } from '../../functions/notify/config.js';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';

const templatePath = fileURLToPath(new URL('../../template.yaml', import.meta.url));

type Node = { [key: string]: CfnValue };
const asNode = (value: CfnValue | undefined): Node =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

function template(): Node {
  return asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
}

function resource(id: string): Node {
  return asNode(asNode(template().Resources)[id]);
}

function parameter(id: string): Node {
  return asNode(asNode(template().Parameters)[id]);
}

const NOTIFY_RESOURCES = [
  'NotifyDeadLetterQueue',
  'NotifyDeadLetterAlarm',
  'NotifyFunctionLogGroup',
  'NotifyFunctionRole',
  'NotifyFunctionPolicy',
  'NotifyFunction',
  'NotifySubscription',
  'NotifyFunctionPermission',
];

describe('Template: notify function in template.yaml', () => {
  it('creates the notify resources only when a webhook is configured', () => {
    // Act
    const ids = Object.keys(asNode(template().Resources)).filter((id) => id.startsWith('Notify'));
    const conditions = ids.map((id) => resource(id).Condition);

    // Assess
    expect(ids.sort()).toEqual([...NOTIFY_RESOURCES].sort());
    expect(conditions).toEqual(ids.map(() => 'HasWebhook'));
    expect(asNode(template().Conditions).HasWebhook).toEqual({
      'Fn::Or': [{ Condition: 'HasWebhookParameter' }, { Condition: 'HasWebhookSecret' }],
    });
  });

  it('refuses a stack that names both a parameter and a secret', () => {
    // Act
    const rule = asNode(asNode(template().Rules).OneWebhookSource);

    // Assess
    expect(rule).toEqual({
      Assertions: [
        {
          Assert: {
            'Fn::Or': [
              { 'Fn::Equals': [{ Ref: 'WebhookParameterName' }, ''] },
              { 'Fn::Equals': [{ Ref: 'WebhookSecretArn' }, ''] },
            ],
          },
          AssertDescription: 'Set WebhookParameterName or WebhookSecretArn, not both.',
        },
      ],
    });
  });

  it('grants the notify role that one parameter or secret, its key through the service, its queue and its logs', () => {
    // Act
    const policy = asNode(resource('NotifyFunctionPolicy').Properties);

    // Assess
    /* biome-ignore-start lint/suspicious/noTemplateCurlyInString: CloudFormation !Sub strings, not JS templates */
    const parameterArn = {
      'Fn::Sub':
        'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${WebhookParameterName}',
    };
    const anyKey = { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' };
    expect(policy).toEqual({
      RoleName: { Ref: 'NotifyFunctionRole' },
      PolicyName: 'kda-auditor-notify',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            'Fn::If': [
              'HasWebhookSecret',
              {
                Sid: 'ReadWebhookUrl',
                Effect: 'Allow',
                Action: 'secretsmanager:GetSecretValue',
                Resource: { Ref: 'WebhookSecretArn' },
              },
              { Sid: 'ReadWebhookUrl', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: parameterArn },
            ],
          },
          {
            'Fn::If': [
              'HasWebhookParameter',
              {
                Sid: 'DecryptWebhookUrl',
                Effect: 'Allow',
                Action: 'kms:Decrypt',
                Resource: anyKey,
                Condition: {
                  StringEquals: {
                    'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' },
                    'kms:EncryptionContext:PARAMETER_ARN': parameterArn,
                  },
                },
              },
              {
                Sid: 'DecryptWebhookUrl',
                Effect: 'Allow',
                Action: 'kms:Decrypt',
                Resource: anyKey,
                Condition: {
                  StringEquals: {
                    'kms:ViaService': { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' },
                    'kms:EncryptionContext:SecretARN': { Ref: 'WebhookSecretArn' },
                  },
                },
              },
            ],
          },
          {
            Sid: 'SendDeadLetters',
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': ['NotifyDeadLetterQueue', 'Arn'] },
          },
          {
            Sid: 'WriteOwnLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::Sub': '${NotifyFunctionLogGroup.Arn}' },
          },
        ],
      },
    });
    /* biome-ignore-end lint/suspicious/noTemplateCurlyInString: CloudFormation !Sub strings */
  });

  it('sends failed invocations to the dead-letter queue after two retries', () => {
    // Act
    const properties = asNode(resource('NotifyFunction').Properties);

    // Assess
    expect({
      runtime: properties.Runtime,
      architectures: properties.Architectures,
      handler: properties.Handler,
      buildMethod: asNode(resource('NotifyFunction').Metadata).BuildMethod,
      deadLetterQueue: properties.DeadLetterQueue,
      invokeConfig: properties.EventInvokeConfig,
      role: properties.Role,
    }).toEqual({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'handler.handler',
      buildMethod: 'makefile',
      deadLetterQueue: { Type: 'SQS', TargetArn: { 'Fn::GetAtt': ['NotifyDeadLetterQueue', 'Arn'] } },
      invokeConfig: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
      role: { 'Fn::GetAtt': ['NotifyFunctionRole', 'Arn'] },
    });
  });

  it('sets an environment the notify function accepts', () => {
    // Prepare
    const variables = asNode(asNode(asNode(resource('NotifyFunction').Properties).Environment).Variables);
    const resolved: Record<string, CfnValue> = {
      WebhookFormat: 'teams',
      NotifyMaxFindings: 12,
      WebhookParameterName: '/kda-auditor/webhook-url',
    };
    // Deployed with a parameter name: the secret's variable is AWS::NoValue.
    const env = Object.fromEntries(
      Object.entries(variables).flatMap(([name, value]) => {
        const node = asNode(value);
        const chosen = Array.isArray(node['Fn::If'])
          ? name === 'WEBHOOK_PARAMETER'
            ? node['Fn::If'][1]
            : undefined
          : value;
        if (chosen === undefined) return [];
        const ref = asNode(chosen).Ref;
        return [[name, String(typeof ref === 'string' ? resolved[ref] : chosen)]];
      }),
    );

    // Act
    const config = readNotifyConfig({ ...env, AWS_REGION: 'eu-west-1' });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      webhook: { kind: 'parameter', name: '/kda-auditor/webhook-url' },
      format: 'teams',
      maxFindings: 12,
      timeoutMs: 5000,
      maxAttempts: 4,
      urlCacheMs: 300_000,
    });
  });

  it('subscribes the function to the alert topic with a filter policy, and lets SNS invoke it', () => {
    // Act
    const subscription = asNode(resource('NotifySubscription').Properties);
    const permission = asNode(resource('NotifyFunctionPermission').Properties);

    // Assess
    expect({ subscription, permission }).toEqual({
      subscription: {
        TopicArn: { Ref: 'AlertTopic' },
        Protocol: 'lambda',
        Endpoint: { 'Fn::GetAtt': ['NotifyFunction', 'Arn'] },
        FilterPolicyScope: 'MessageAttributes',
        FilterPolicy: {
          'Fn::If': ['HasNotifyFilterPolicy', { Ref: 'NotifyFilterPolicy' }, { Ref: 'AWS::NoValue' }],
        },
      },
      permission: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: 'NotifyFunction' },
        Principal: 'sns.amazonaws.com',
        SourceArn: { Ref: 'AlertTopic' },
        SourceAccount: { Ref: 'AWS::AccountId' },
      },
    });
  });

  it('forwards critical and high alerts and attribute-less messages (the alarm) by default', () => {
    // Act
    const policy: unknown = JSON.parse(String(parameter('NotifyFilterPolicy').Default));

    // Assess
    expect(policy).toEqual({ $or: [{ severity: ['critical', 'high'] }, { eventType: [{ exists: false }] }] });
  });

  it('filters the e-mail subscription only when AlertEmailFilterPolicy is set', () => {
    // Act
    const email = asNode(resource('AlertEmailSubscription').Properties);

    // Assess
    expect({ default: parameter('AlertEmailFilterPolicy').Default, filter: email.FilterPolicy }).toEqual({
      default: '',
      filter: {
        'Fn::If': ['HasAlertEmailFilterPolicy', { Ref: 'AlertEmailFilterPolicy' }, { Ref: 'AWS::NoValue' }],
      },
    });
  });
});
