import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../shared/alert/build-alert.js';
import { PublishError } from '../../shared/errors.js';
import { publishAlert } from '../../shared/publish/publish-alert.js';

const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts';
const alert: AlertMessage = {
  subject: 'kda-auditor: 1 critical/high finding in 111122223333 (grade F)',
  message: 'kda-auditor found 1 failing finding…',
  attributes: { severity: 'critical', accountId: '111122223333', eventType: 'NEW_FINDINGS' },
};

describe('Function: publishAlert', () => {
  beforeEach(() => {
    snsMock.reset();
  });

  it('publishes subject, message and String attributes, and returns the message id', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    const sns = new SNSClient({ region: 'eu-west-1' });

    // Act
    const result = await publishAlert(sns, TOPIC, alert);

    // Assess
    expect(result).toEqual({ messageId: 'msg-1' });
    expect(snsMock).toReceiveCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      Subject: alert.subject,
      Message: alert.message,
      MessageAttributes: {
        severity: { DataType: 'String', StringValue: 'critical' },
        accountId: { DataType: 'String', StringValue: '111122223333' },
        eventType: { DataType: 'String', StringValue: 'NEW_FINDINGS' },
      },
    });
  });

  it('throws PublishError naming the topic and the permission on AuthorizationError', async () => {
    // Prepare
    const denied = Object.assign(new Error('not authorized to perform SNS:Publish'), {
      name: 'AuthorizationErrorException',
    });
    snsMock.on(PublishCommand).rejects(denied);
    const sns = new SNSClient({ region: 'eu-west-1' });

    // Act
    const publish = publishAlert(sns, TOPIC, alert);

    // Assess
    await expect(publish).rejects.toEqual(
      new PublishError(
        `Could not publish the alert to ${TOPIC} (AuthorizationErrorException: not authorized to perform SNS:Publish). ` +
          "Check the topic ARN and grant the auditor's role sns:Publish on it (plus kms:GenerateDataKey and " +
          'kms:Decrypt on its key when the topic is encrypted), then run the scan again.',
        { cause: denied },
      ),
    );
  });
});
