import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../shared/alert/alert-message.js';
import { PublishError } from '../../shared/errors.js';
import { publishAlerts } from '../../shared/publish/publish-alert.js';

const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts';

function alert(application: string, eventType: AlertMessage['attributes']['eventType']): AlertMessage {
  return {
    subject: `kda-auditor: 1 new finding in ${application} (eu-west-1), account 111122223333`,
    message: JSON.stringify({
      default: 'text',
      email: 'text',
      lambda: '{}',
      sqs: '{}',
      http: '{}',
      https: '{}',
    }),
    attributes: {
      severity: 'critical',
      accountId: '111122223333',
      region: 'eu-west-1',
      application,
      eventType,
    },
  };
}

describe('Function: publishAlerts', () => {
  beforeEach(() => {
    snsMock.reset();
  });

  it('publishes each alert as MessageStructure json with String attributes, and returns the message ids', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolvesOnce({ MessageId: 'msg-1' }).resolvesOnce({ MessageId: 'msg-2' });
    const sns = new SNSClient({ region: 'eu-west-1' });
    const alerts = [alert('orders', 'NEW_FINDINGS'), alert('clicks', 'RESOLVED')];

    // Act
    const result = await publishAlerts(sns, TOPIC, alerts);

    // Assess
    expect(result).toEqual({ messageIds: ['msg-1', 'msg-2'] });
    expect(snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual(
      alerts.map((sent) => ({
        TopicArn: TOPIC,
        Subject: sent.subject,
        Message: sent.message,
        MessageStructure: 'json',
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: 'critical' },
          accountId: { DataType: 'String', StringValue: '111122223333' },
          region: { DataType: 'String', StringValue: 'eu-west-1' },
          application: { DataType: 'String', StringValue: sent.attributes.application },
          eventType: { DataType: 'String', StringValue: sent.attributes.eventType },
        },
      })),
    );
  });

  it('returns no message ids and calls nothing for no alerts', async () => {
    // Prepare
    const sns = new SNSClient({ region: 'eu-west-1' });

    // Act
    const result = await publishAlerts(sns, TOPIC, []);

    // Assess
    expect([result, snsMock.calls().length]).toEqual([{ messageIds: [] }, 0]);
  });

  it('throws PublishError naming the topic, the permission and what was sent, and stops, on AuthorizationError', async () => {
    // Prepare
    const denied = Object.assign(new Error('not authorized to perform SNS:Publish'), {
      name: 'AuthorizationErrorException',
    });
    snsMock.on(PublishCommand).resolvesOnce({ MessageId: 'msg-1' }).rejects(denied);
    const sns = new SNSClient({ region: 'eu-west-1' });
    const alerts = [
      alert('orders', 'NEW_FINDINGS'),
      alert('clicks', 'SCORE_DROP'),
      alert('billing', 'RESOLVED'),
    ];

    // Act
    const publish = publishAlerts(sns, TOPIC, alerts);

    // Assess
    await expect(publish).rejects.toEqual(
      new PublishError(
        `Could not publish the SCORE_DROP alert to ${TOPIC} (AuthorizationErrorException: not authorized to perform SNS:Publish). ` +
          "1 of 3 alerts were sent before it. Check the topic ARN and grant the auditor's role sns:Publish on it " +
          '(plus kms:GenerateDataKey and kms:Decrypt on its key when the topic is encrypted), then run the scan again.',
        { cause: denied },
      ),
    );
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 2);
  });
});
