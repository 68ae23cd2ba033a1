import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../alert/build-alert.js';
import { PublishError } from '../errors.js';

/** Publishes an alert to an SNS topic, its attributes as String message attributes. Throws PublishError. */
export async function publishAlert(
  sns: SNSClient,
  topicArn: string,
  alert: AlertMessage,
): Promise<{ messageId: string }> {
  // String attributes let subscribers filter (e.g. only critical) with a subscription filter policy.
  const attributes = Object.fromEntries(
    Object.entries(alert.attributes).map(([name, value]) => [
      name,
      { DataType: 'String', StringValue: value },
    ]),
  );
  try {
    const response = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: alert.subject,
        Message: alert.message,
        MessageAttributes: attributes,
      }),
    );
    return { messageId: response.MessageId ?? '' };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new PublishError(
      `Could not publish the alert to ${topicArn} (${reason}). Check the topic ARN and grant the auditor's ` +
        'role sns:Publish on it (plus kms:GenerateDataKey and kms:Decrypt on its key when the topic is ' +
        'encrypted), then run the scan again.',
      { cause: error },
    );
  }
}
