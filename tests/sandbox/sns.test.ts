import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  PublishCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { accountSnapshot, collectionError } from '../support/snapshot-builder.js';
import {
  ACCOUNT,
  awsCli,
  awsCliAvailable,
  credentials,
  failureOf,
  NO_AWS_CLI,
  REGION,
} from './support/json-wire.js';
import { rawQueryCall } from './support/query-wire.js';

const CREATE_REGION = 'us-west-2';
const topicArn = (name: string, region = REGION) => `arn:aws:sns:${region}:${ACCOUNT}:${name}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const snapshot: AccountSnapshot = {
  ...accountSnapshot({
    collectionErrors: [collectionError('sns:Publish', topicArn('locked'), 'AuthorizationError')],
  }),
  sns: {
    topics: [
      {
        TopicArn: topicArn('audit-alerts'),
        Attributes: { KmsMasterKeyId: 'alias/aws/sns', DisplayName: 'Audit' },
      },
      { TopicArn: topicArn('locked') },
      { TopicArn: topicArn('ordered.fifo') },
      { TopicArn: topicArn('elsewhere', 'us-east-1') },
    ],
  },
};

/** GetTopicAttributes' defaults for a topic nobody has subscribed to. */
function defaultAttributes(arn: string): Record<string, string> {
  return {
    Policy: JSON.stringify({
      Version: '2008-10-17',
      Id: '__default_policy_ID',
      Statement: [
        {
          Sid: '__default_statement_ID',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: [
            'SNS:GetTopicAttributes',
            'SNS:SetTopicAttributes',
            'SNS:AddPermission',
            'SNS:RemovePermission',
            'SNS:DeleteTopic',
            'SNS:Subscribe',
            'SNS:ListSubscriptionsByTopic',
            'SNS:Publish',
          ],
          Resource: arn,
          Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
        },
      ],
    }),
    Owner: ACCOUNT,
    SubscriptionsPending: '0',
    TopicArn: arn,
    EffectiveDeliveryPolicy: JSON.stringify({
      http: {
        defaultHealthyRetryPolicy: {
          minDelayTarget: 20,
          maxDelayTarget: 20,
          numRetries: 3,
          numMaxDelayRetries: 0,
          numNoDelayRetries: 0,
          numMinDelayRetries: 0,
          backoffFunction: 'linear',
        },
        disableSubscriptionOverrides: false,
        defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
      },
    }),
    SubscriptionsConfirmed: '0',
    DisplayName: '',
    SubscriptionsDeleted: '0',
  };
}

describe('Service: SNS (sandbox)', () => {
  let sandbox: Sandbox;
  let client: SNSClient;
  let creator: SNSClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    const clients = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 });
    client = clients.sns(REGION);
    creator = clients.sns(CREATE_REGION);
  });

  afterAll(async () => {
    client.destroy();
    creator.destroy();
    await sandbox.close();
  });

  describe('Operation: Publish', () => {
    it('keeps the message, subject and attributes of every type, and returns its id', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new PublishCommand({
          TopicArn: topicArn('audit-alerts'),
          Subject: 'kda-auditor: 2 applications below 80',
          Message: 'Scores: orders 62, clicks 75',
          MessageAttributes: {
            severity: { DataType: 'String', StringValue: 'high' },
            score: { DataType: 'Number', StringValue: '62' },
            digest: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) },
          },
        }),
      );

      // Assess
      expect(response).toEqual({ MessageId: expect.stringMatching(UUID) });
      expect(sandbox.state.messages.find((message) => message.messageId === response.MessageId)).toEqual({
        messageId: response.MessageId,
        topicArn: topicArn('audit-alerts'),
        subject: 'kda-auditor: 2 applications below 80',
        message: 'Scores: orders 62, clicks 75',
        messageAttributes: {
          severity: { DataType: 'String', StringValue: 'high' },
          score: { DataType: 'Number', StringValue: '62' },
          digest: { DataType: 'Binary', BinaryValue: 'AQID' },
        },
        publishedAt: expect.any(Date),
      });
    });

    it('accepts a JSON message structure with a default entry', async () => {
      // Act
      const { MessageId } = await client.send(
        new PublishCommand({
          TopicArn: topicArn('audit-alerts'),
          MessageStructure: 'json',
          Message: JSON.stringify({ default: 'scan done', email: 'The nightly scan is done.' }),
        }),
      );

      // Assess
      expect(sandbox.state.messages.find((message) => message.messageId === MessageId)).toEqual({
        messageId: MessageId,
        topicArn: topicArn('audit-alerts'),
        message: JSON.stringify({ default: 'scan done', email: 'The nightly scan is done.' }),
        messageStructure: 'json',
        messageAttributes: {},
        publishedAt: expect.any(Date),
      });
    });

    it('returns a sequence number for a FIFO topic given a group and deduplication id', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new PublishCommand({
          TopicArn: topicArn('ordered.fifo'),
          Message: 'first',
          MessageGroupId: 'scan',
          MessageDeduplicationId: 'scan-1',
        }),
      );

      // Assess
      expect(response).toEqual({
        MessageId: expect.stringMatching(UUID),
        SequenceNumber: '00000000000000000001',
      });
    });

    it.each([
      [
        'a FIFO topic without a message group',
        { TopicArn: topicArn('ordered.fifo'), Message: 'x', MessageDeduplicationId: 'd' },
        'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
      ],
      [
        'a topic of another region',
        { TopicArn: topicArn('elsewhere', 'us-east-1'), Message: 'x' },
        'Invalid parameter: TopicArn',
      ],
      [
        'a JSON message structure without a default entry',
        { TopicArn: topicArn('audit-alerts'), Message: '{"email":"x"}', MessageStructure: 'json' },
        'Invalid parameter: Message Structure - No default entry in JSON message body',
      ],
      [
        'a subject with a line break',
        { TopicArn: topicArn('audit-alerts'), Message: 'x', Subject: 'two\nlines' },
        'Invalid parameter: Subject',
      ],
      [
        'an empty message',
        { TopicArn: topicArn('audit-alerts'), Message: '' },
        'Invalid parameter: Empty message',
      ],
    ])('returns InvalidParameter for %s', async (_case, input, message) => {
      // Act
      const failure = await failureOf(client.send(new PublishCommand(input)));

      // Assess
      expect(failure).toEqual({ name: 'InvalidParameterException', message, status: 400 });
    });

    it('returns InvalidParameterValue for a string attribute without a value', async () => {
      // Act
      const failure = await failureOf(
        client.send(
          new PublishCommand({
            TopicArn: topicArn('audit-alerts'),
            Message: 'x',
            MessageAttributes: { severity: { DataType: 'String' } },
          }),
        ),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidParameterValueException',
        message:
          "The message attribute 'severity' must contain non-empty message attribute value for message " +
          "attribute type 'String'.",
        status: 400,
      });
    });

    it('returns NotFound (404) for a topic that does not exist', async () => {
      // Act
      const failure = await failureOf(
        client.send(new PublishCommand({ TopicArn: topicArn('ghost'), Message: 'x' })),
      );

      // Assess
      expect(failure).toEqual({ name: 'NotFoundException', message: 'Topic does not exist', status: 404 });
    });

    it('returns the recorded failure for a topic the snapshot says cannot be published to', async () => {
      // Act
      const failure = await failureOf(
        client.send(new PublishCommand({ TopicArn: topicArn('locked'), Message: 'x' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AuthorizationErrorException',
        message: 'User is not authorized to perform: sns:Publish',
        status: 403,
      });
    });
  });

  describe('Operation: CreateTopic', () => {
    it('creates a topic in the request region that takes messages and reports its attributes', async () => {
      // Act
      const { TopicArn } = await creator.send(
        new CreateTopicCommand({ Name: 'created', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }),
      );
      const again = await creator.send(new CreateTopicCommand({ Name: 'created' }));
      const { Attributes } = await creator.send(new GetTopicAttributesCommand({ TopicArn }));
      const published = await creator.send(new PublishCommand({ TopicArn, Message: 'hello' }));

      // Assess
      expect([TopicArn, again.TopicArn]).toEqual([
        topicArn('created', CREATE_REGION),
        topicArn('created', CREATE_REGION),
      ]);
      expect(Attributes).toEqual({
        ...defaultAttributes(topicArn('created', CREATE_REGION)),
        KmsMasterKeyId: 'alias/aws/sns',
      });
      expect(published.MessageId).toMatch(UUID);
    });

    it('returns InvalidParameter for an existing topic asked for with other attributes', async () => {
      // Prepare
      await creator.send(
        new CreateTopicCommand({ Name: 'keyed', Attributes: { KmsMasterKeyId: 'alias/one' } }),
      );

      // Act
      const failure = await failureOf(
        creator.send(new CreateTopicCommand({ Name: 'keyed', Attributes: { KmsMasterKeyId: 'alias/two' } })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidParameterException',
        message: 'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
        status: 400,
      });
    });

    it('returns InvalidParameter for a name SNS does not accept', async () => {
      // Act
      const failure = await failureOf(creator.send(new CreateTopicCommand({ Name: 'audit alerts' })));

      // Assess
      expect(failure).toEqual({
        name: 'InvalidParameterException',
        message: 'Invalid parameter: Topic Name',
        status: 400,
      });
    });
  });

  describe('Operation: ListTopics', () => {
    it('returns the topics of the request region page by page', async () => {
      // Act
      const first = await client.send(new ListTopicsCommand({}));
      const second = await client.send(new ListTopicsCommand({ NextToken: first.NextToken }));
      const third = await client.send(new ListTopicsCommand({ NextToken: second.NextToken }));

      // Assess
      expect([first, second, third].map(({ $metadata: _metadata, ...page }) => page)).toEqual([
        { Topics: [{ TopicArn: topicArn('audit-alerts') }], NextToken: expect.any(String) },
        { Topics: [{ TopicArn: topicArn('locked') }], NextToken: expect.any(String) },
        { Topics: [{ TopicArn: topicArn('ordered.fifo') }] },
      ]);
    });
  });

  describe('Operation: GetTopicAttributes', () => {
    it('returns the defaults overlaid with the attributes the snapshot gives', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new GetTopicAttributesCommand({ TopicArn: topicArn('audit-alerts') }),
      );

      // Assess
      expect(response).toEqual({
        Attributes: {
          ...defaultAttributes(topicArn('audit-alerts')),
          KmsMasterKeyId: 'alias/aws/sns',
          DisplayName: 'Audit',
        },
      });
    });

    it('returns NotFound (404) for a topic that does not exist', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetTopicAttributesCommand({ TopicArn: topicArn('ghost') })),
      );

      // Assess
      expect(failure).toEqual({ name: 'NotFoundException', message: 'Topic does not exist', status: 404 });
    });
  });

  it('returns InvalidAction for an action the sandbox does not serve', async () => {
    // Act
    const response = await rawQueryCall(sandbox.endpoint, {
      signingName: 'sns',
      params: { Action: 'Subscribe', Version: '2010-03-31', TopicArn: topicArn('audit-alerts') },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: expect.stringMatching(
        /^<ErrorResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action Subscribe is not valid for this endpoint\.<\/Message><\/Error><RequestId>[\w-]+<\/RequestId><\/ErrorResponse>$/,
      ),
    });
  });

  it('answers the AWS CLI, whose message attributes arrive intact', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = (await awsCli(sandbox.endpoint, REGION, [
      'sns',
      'publish',
      '--topic-arn',
      topicArn('audit-alerts'),
      '--message',
      'from the CLI',
      '--message-attributes',
      '{"severity":{"DataType":"String","StringValue":"low"}}',
    ])) as { MessageId: string };

    // Assess
    expect(output).toEqual({ MessageId: expect.stringMatching(UUID) });
    expect(sandbox.state.messages.find((message) => message.messageId === output.MessageId)).toEqual({
      messageId: output.MessageId,
      topicArn: topicArn('audit-alerts'),
      message: 'from the CLI',
      messageAttributes: { severity: { DataType: 'String', StringValue: 'low' } },
      publishedAt: expect.any(Date),
    });
  }, 60_000);
});
