import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IAM_ACTION_OF } from '../../shared/snapshot/read-permissions.js';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';
import { collectedOperations } from './collected-operations.js';

const templatePath = fileURLToPath(new URL('../../template.yaml', import.meta.url));

type Node = { [key: string]: CfnValue };
const asNode = (value: CfnValue | undefined): Node =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};
const asList = (value: CfnValue | undefined): CfnValue[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

const template = (): Node => asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
const resource = (id: string): Node => asNode(asNode(template().Resources)[id]);
const properties = (id: string): Node => asNode(resource(id).Properties);

/** The statements of the inline role policy resource with that id. */
const policyStatements = (id: string): Node[] =>
  asList(asNode(properties(id).PolicyDocument).Statement).map(asNode);
const isRead = (action: CfnValue): boolean => /^[a-z0-9-]+:(Get|List|Describe)/.test(String(action));
const readsOnly = (statement: Node): boolean => asList(statement.Action).every(isRead);

// The longest SQS batching window Lambda accepts (LiveBatchWindowSeconds' MaxValue).
const MAX_BATCH_WINDOW = 300;

describe('Template: live re-audit resources in template.yaml', () => {
  it('creates every live resource only when LiveReaudit is Enabled (the default)', () => {
    // Act
    const resources = asNode(template().Resources);
    const live = Object.keys(resources)
      .filter((id) => id.startsWith('Live'))
      .sort()
      .map((id) => [id, asNode(resources[id]).Condition]);

    // Assess
    expect({ live, parameter: asNode(template().Parameters).LiveReaudit }).toEqual({
      live: [
        ['LiveChangeRule', 'LiveReauditEnabled'],
        ['LiveDeadLetterAlarm', 'LiveReauditEnabled'],
        ['LiveDeadLetterQueue', 'LiveReauditEnabled'],
        ['LiveFunction', 'LiveReauditEnabled'],
        ['LiveFunctionLogGroup', 'LiveReauditEnabled'],
        ['LiveFunctionPolicy', 'LiveReauditEnabled'],
        ['LiveFunctionRole', 'LiveReauditEnabled'],
        ['LiveIamChangeRule', 'LiveIamEventsHere'],
        ['LiveQueue', 'LiveReauditEnabled'],
        ['LiveQueuePolicy', 'LiveReauditEnabled'],
      ],
      parameter: {
        Type: 'String',
        Default: 'Enabled',
        AllowedValues: ['Enabled', 'Disabled'],
        Description: expect.stringContaining('docs/live-reaudit.md'),
      },
    });
  });

  it('encrypts the queue, dead-letters after three receives, and gives Lambda time to retry throttled batches', () => {
    // Act
    const queue = properties('LiveQueue');
    const timeout = Number(properties('LiveFunction').Timeout);

    // Assess
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * timeout + MAX_BATCH_WINDOW);
    expect({ ...queue, VisibilityTimeout: undefined }).toEqual({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: undefined,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': ['LiveDeadLetterQueue', 'Arn'] },
        maxReceiveCount: 3,
      },
    });
    expect(properties('LiveDeadLetterQueue')).toEqual({
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
  });

  it('alarms on the alert topic when a change event reaches the dead-letter queue', () => {
    // Act
    const alarm = properties('LiveDeadLetterAlarm');

    // Assess
    expect({
      metric: [alarm.Namespace, alarm.MetricName],
      dimensions: alarm.Dimensions,
      threshold: [alarm.ComparisonOperator, alarm.Threshold],
      actions: alarm.AlarmActions,
    }).toEqual({
      metric: ['AWS/SQS', 'ApproximateNumberOfMessagesVisible'],
      dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['LiveDeadLetterQueue', 'QueueName'] } }],
      threshold: ['GreaterThanOrEqualToThreshold', 1],
      actions: [{ Ref: 'AlertTopic' }],
    });
  });

  it('lets only the two change rules send to the queue, over TLS', () => {
    // Act
    const statements = asList(asNode(properties('LiveQueuePolicy').PolicyDocument).Statement);

    // Assess
    expect(statements).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Resource: { 'Fn::GetAtt': ['LiveQueue', 'Arn'] },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AllowChangeRules',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['LiveQueue', 'Arn'] },
        Condition: {
          ArnEquals: {
            'aws:SourceArn': [
              { 'Fn::GetAtt': ['LiveChangeRule', 'Arn'] },
              {
                'Fn::If': [
                  'LiveIamEventsHere',
                  { 'Fn::GetAtt': ['LiveIamChangeRule', 'Arn'] },
                  { Ref: 'AWS::NoValue' },
                ],
              },
            ],
          },
        },
      },
    ]);
  });

  it('runs one re-audit at a time, on batches of up to 100 events gathered over the batching window', () => {
    // Act
    const fn = properties('LiveFunction');
    const metadata = asNode(resource('LiveFunction').Metadata);

    // Assess
    expect({
      reserved: fn.ReservedConcurrentExecutions,
      handler: fn.Handler,
      buildMethod: metadata.BuildMethod,
      events: fn.Events,
      window: asNode(template().Parameters).LiveBatchWindowSeconds,
    }).toEqual({
      reserved: 1,
      handler: 'handler.handler',
      buildMethod: 'makefile',
      events: {
        ChangeEvents: {
          Type: 'SQS',
          Properties: {
            Queue: { 'Fn::GetAtt': ['LiveQueue', 'Arn'] },
            BatchSize: 100,
            MaximumBatchingWindowInSeconds: { Ref: 'LiveBatchWindowSeconds' },
            // Messages whose applications the time limit did not reach come back alone.
            FunctionResponseTypes: ['ReportBatchItemFailures'],
          },
        },
      },
      window: {
        Type: 'Number',
        Default: 10,
        MinValue: 1,
        MaxValue: MAX_BATCH_WINDOW,
        Description: expect.stringContaining('one re-audit'),
      },
    });
  });

  it('configures the live function like the scan function (readScanConfig reads both)', () => {
    // Prepare
    const scan = asNode(asNode(properties('ScanFunction').Environment).Variables);

    // Act
    const live = asNode(asNode(properties('LiveFunction').Environment).Variables);

    // Assess
    const shared = Object.keys(live).filter((name) => !name.startsWith('POWERTOOLS_'));
    expect(Object.fromEntries(shared.map((name) => [name, live[name]]))).toEqual(
      Object.fromEntries(shared.map((name) => [name, scan[name]])),
    );
    expect(shared.sort()).toEqual([
      'ALERT_THRESHOLD',
      'ARTIFACT_CACHE_PREFIX',
      'CODE_ARTIFACT_BYTES_IN_FLIGHT',
      'CODE_ARTIFACT_MAX_BYTES',
      'REPORT_BUCKET',
      'REPORT_PREFIX',
      'SCAN_REGIONS',
      'SCORE_DROP_THRESHOLD',
      'TIME_LIMIT_MARGIN_SECONDS',
      'TOPIC_ARN',
    ]);
  });
});

describe('Template: live function role', () => {
  it('reads exactly what the scan function reads, statement for statement', () => {
    // Prepare
    const scanReads = policyStatements('ScanFunctionPolicy').filter(readsOnly);

    // Act
    const liveReads = policyStatements('LiveFunctionPolicy').filter(
      (statement) => readsOnly(statement) && statement.Sid !== 'ListOwnReports',
    );

    // Assess
    expect(liveReads.length).toBeGreaterThan(10);
    expect(liveReads).toEqual(scanReads);
  });

  it('grants every read collection makes', () => {
    // Prepare
    const granted = new Set(
      policyStatements('LiveFunctionPolicy').flatMap((statement) => asList(statement.Action)),
    );

    // Act
    const missing = collectedOperations()
      .map((operation) => IAM_ACTION_OF[operation] ?? operation)
      .filter((action) => !granted.has(action));

    // Assess
    expect(missing).toEqual([]);
  });

  it('lists only the report prefix, so a missing index or latest.json reads as missing', () => {
    // Act
    const listing = policyStatements('LiveFunctionPolicy').filter((statement) =>
      asList(statement.Action).includes('s3:ListBucket'),
    );

    // Assess
    expect(listing).toEqual([
      {
        Sid: 'ListOwnReports',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: { 'Fn::GetAtt': ['ReportBucket', 'Arn'] },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        Condition: { StringLike: { 's3:prefix': { 'Fn::Sub': '${ReportPrefix}/*' } } },
      },
    ]);
  });

  it('writes only reports, the code scan cache, alerts and its logs, and consumes its queue', () => {
    // Act
    const writes = policyStatements('LiveFunctionPolicy')
      .filter((statement) => !readsOnly(statement))
      .map((statement) => [statement.Sid, statement.Action, statement.Resource]);

    // Assess
    expect(writes).toEqual([
      // Code objects encrypted with SSE-KMS, through S3 only (as the scan function).
      [
        'DecryptCodeArtifacts',
        'kms:Decrypt',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        { 'Fn::Sub': 'arn:${AWS::Partition}:kms:*:${AWS::AccountId}:key/*' },
      ],
      [
        'WriteReports',
        ['s3:PutObject', 's3:AbortMultipartUpload'],
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        { 'Fn::Sub': '${ReportBucket.Arn}/${ReportPrefix}/*' },
      ],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
      ['CacheCodeScans', 's3:PutObject', { 'Fn::Sub': '${ReportBucket.Arn}/${ArtifactCachePrefix}/*' }],
      ['PublishAlerts', 'sns:Publish', { Ref: 'AlertTopic' }],
      [
        'EncryptReportsAndAlerts',
        ['kms:GenerateDataKey', 'kms:Decrypt'],
        { 'Fn::GetAtt': ['AuditorKey', 'Arn'] },
      ],
      [
        'ConsumeChangeEvents',
        ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        { 'Fn::GetAtt': ['LiveQueue', 'Arn'] },
      ],
      [
        'WriteOwnLogs',
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        { 'Fn::Sub': '${LiveFunctionLogGroup.Arn}' },
      ],
    ]);
  });

  it('grants no wildcard action', () => {
    // Act
    const actions = policyStatements('LiveFunctionPolicy').flatMap((statement) => asList(statement.Action));

    // Assess
    expect(actions.filter((action) => typeof action !== 'string' || action.includes('*'))).toEqual([]);
  });

  it("is named in the auditor key's policy only when live re-audit is enabled", () => {
    // Act
    const statements = asList(asNode(properties('AuditorKey').KeyPolicy).Statement).map(asNode);
    const auditor = statements.find((statement) => statement.Sid === 'AllowAuditorThroughS3AndSns');

    // Assess
    expect(asNode(auditor?.Principal).AWS).toEqual([
      { 'Fn::GetAtt': ['ScanFunctionRole', 'Arn'] },
      {
        'Fn::If': [
          'LiveReauditEnabled',
          { 'Fn::GetAtt': ['LiveFunctionRole', 'Arn'] },
          { Ref: 'AWS::NoValue' },
        ],
      },
    ]);
  });
});
