import { paginate } from '../state.js';
import { AwsServiceError, type OperationContext, type QueryService } from '../types.js';
import { guard } from './lookups.js';
import { entryMap, requiredParam } from './query-wire.js';
import { invalidParameter, publishedContent } from './sns-messages.js';

const TOPIC_ARN = /^arn:[\w-]+:sns:([a-z0-9-]+):\d{12}:[\w-]{1,256}(\.fifo)?$/;
const STANDARD_NAME = /^[\w-]{1,256}$/;
const FIFO_NAME = /^[\w-]{1,251}\.fifo$/;

/**
 * SNS: the topics the snapshot lists (`sns.topics`) or clients create, and the messages published
 * to them, kept in the sandbox state for tests and the demo to read.
 */
export const snsService: QueryService = {
  signingName: 'sns',
  flavour: 'query',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  operations: {
    Publish(params, context) {
      const message = requiredParam(params, 'Message');
      const topicArn = params.get('TopicArn') ?? params.get('TargetArn');
      if (!topicArn) {
        // The sandbox keeps no SMS: a PhoneNumber alone is refused like a missing target.
        throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
      }
      const attributes = existingTopic(context, topicArn, 'sns:Publish');
      const content = publishedContent(params, message);
      const fifo = topicArn.endsWith('.fifo');
      if (fifo) checkFifoPublish(params, attributes);
      const sequence = context.state.messages.filter((sent) => sent.topicArn === topicArn).length + 1;
      const messageId = context.state.publish({ ...content, topicArn });
      return {
        MessageId: messageId,
        SequenceNumber: fifo ? String(sequence).padStart(20, '0') : undefined,
      };
    },
    CreateTopic(params, context) {
      const name = requiredParam(params, 'Name');
      const attributes = entryMap(params, 'Attributes');
      const fifo = attributes.get('FifoTopic') === 'true';
      if (fifo && !FIFO_NAME.test(name)) {
        throw invalidParameter(
          'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ' +
            'ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
        );
      }
      if (!fifo && !STANDARD_NAME.test(name)) throw invalidParameter('Topic Name');
      const { state } = context;
      const topicArn = `arn:${state.partition}:sns:${context.region}:${state.accountId}:${name}`;
      guard(context, 'sns:CreateTopic', topicArn);
      const existing = state.topics.get(topicArn);
      if (existing) {
        // CreateTopic is idempotent, unless it asks for different attributes.
        const differs = [...attributes].some(
          ([key, value]) => existing[key] !== undefined && existing[key] !== value,
        );
        if (differs)
          throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      } else {
        state.topics.set(topicArn, Object.fromEntries(attributes));
      }
      return { TopicArn: topicArn };
    },
    ListTopics(params, context) {
      guard(context, 'sns:ListTopics', undefined);
      const inRegion = [...context.state.topics.keys()].filter(
        (arn) => TOPIC_ARN.exec(arn)?.[1] === context.region,
      );
      const page = paginate(inRegion, {
        token: params.get('NextToken') ?? undefined,
        defaultLimit: 100,
        state: context.state,
        invalidTokenCode: 'InvalidParameter',
      });
      return { Topics: page.items.map((TopicArn) => ({ TopicArn })), NextToken: page.nextToken };
    },
    GetTopicAttributes(params, context) {
      const topicArn = requiredParam(params, 'TopicArn');
      const attributes = existingTopic(context, topicArn, 'sns:GetTopicAttributes');
      return { Attributes: new Map(Object.entries(topicAttributes(context, topicArn, attributes))) };
    },
  },
};

/**
 * The attributes of a topic that exists in the request's region, after the snapshot's recorded
 * failure for this call (if any). SNS serves only its own region's topics.
 */
function existingTopic(
  context: OperationContext,
  topicArn: string,
  operation: string,
): Record<string, string> {
  const match = TOPIC_ARN.exec(topicArn);
  if (!match || match[1] !== context.region) throw invalidParameter('TopicArn');
  guard(context, operation, topicArn);
  const attributes = context.state.topics.get(topicArn);
  if (!attributes) throw new AwsServiceError('NotFound', 'Topic does not exist', 404);
  return attributes;
}

function checkFifoPublish(params: URLSearchParams, attributes: Record<string, string>): void {
  if (!params.get('MessageGroupId')) {
    throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  }
  if (attributes.ContentBasedDeduplication !== 'true' && !params.get('MessageDeduplicationId')) {
    throw invalidParameter(
      'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
}

/** What GetTopicAttributes reports: SNS's defaults for a topic nobody subscribed to, then the topic's own. */
function topicAttributes(
  context: OperationContext,
  topicArn: string,
  own: Record<string, string>,
): Record<string, string> {
  const owner = context.state.accountId;
  const policy = {
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
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': owner } },
      },
    ],
  };
  const deliveryPolicy = {
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
  };
  return {
    Policy: JSON.stringify(policy),
    Owner: owner,
    SubscriptionsPending: '0',
    TopicArn: topicArn,
    EffectiveDeliveryPolicy: JSON.stringify(deliveryPolicy),
    SubscriptionsConfirmed: '0',
    DisplayName: '',
    SubscriptionsDeleted: '0',
    ...(topicArn.endsWith('.fifo') ? { FifoTopic: 'true', ContentBasedDeduplication: 'false' } : {}),
    ...own,
  };
}
