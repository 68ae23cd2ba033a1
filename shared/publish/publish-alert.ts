import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../alert/alert-message.js';
import { PublishError } from '../errors.js';

/**
 * Publishes alerts to an SNS topic in order, each with MessageStructure json (a variant per
 * protocol) and its attributes as String message attributes. Stops at the first failure with a
 * PublishError that says how many were already sent.
 */
export async function publishAlerts(
  sns: SNSClient,
  topicArn: string,
  alerts: readonly AlertMessage[],
): Promise<{ messageIds: string[] }> {
  const messageIds: string[] = [];
  for (const alert of alerts) {
    try {
      const response = await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: alert.subject,
          Message: alert.message,
          MessageStructure: 'json',
          MessageAttributes: messageAttributes(alert),
        }),
      );
      messageIds.push(response.MessageId ?? '');
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const sent =
        messageIds.length > 0 ? ` ${messageIds.length} of ${alerts.length} alerts were sent before it.` : '';
      throw new PublishError(
        `Could not publish the ${alert.attributes.eventType} alert to ${topicArn} (${reason}).${sent} Check the ` +
          "topic ARN and grant the auditor's role sns:Publish on it (plus kms:GenerateDataKey and kms:Decrypt " +
          'on its key when the topic is encrypted), then run the scan again.',
        { cause: error },
      );
    }
  }
  return { messageIds };
}

// String attributes let subscribers filter (e.g. only critical) with a subscription filter policy.
function messageAttributes(alert: AlertMessage) {
  return Object.fromEntries(
    Object.entries(alert.attributes).map(([name, value]) => [
      name,
      { DataType: 'String', StringValue: value },
    ]),
  );
}
