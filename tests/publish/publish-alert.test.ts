import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../shared/alert/alert-message.js';
import { CallGovernor } from '../../shared/aws/governor.js';
import { PublishError } from '../../shared/errors.js';
import { alertIdempotencyKey } from '../../shared/publish/alert-idempotency.js';
import { s3AlertLedger } from '../../shared/publish/alert-ledger.js';
import { publishAlerts } from '../../shared/publish/publish-alert.js';
import { virtualTime } from '../aws/support/virtual-time.js';
import { memoryS3 } from '../support/memory-s3.js';

const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts';
const FIFO_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts.fifo';
const SCAN_KEY = 'lambda:5f1c9f8e-7d1a-4c0e-9a53-3f2c1d6b8e10';
const BUCKET = 'audit-reports';
const LEDGER = { bucket: BUCKET, root: 'kda/111122223333' };

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

  it('publishes each alert as MessageStructure json with String attributes and its idempotency key, and returns the message ids', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolvesOnce({ MessageId: 'msg-1' }).resolvesOnce({ MessageId: 'msg-2' });
    const sns = new SNSClient({ region: 'eu-west-1' });
    const alerts = [alert('orders', 'NEW_FINDINGS'), alert('clicks', 'RESOLVED')];

    // Act
    const result = await publishAlerts(sns, TOPIC, alerts, { scanKey: SCAN_KEY });

    // Assess
    expect(result).toEqual({ messageIds: ['msg-1', 'msg-2'], alreadySent: [], ledgerProblems: [] });
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
          idempotencyKey: { DataType: 'String', StringValue: alertIdempotencyKey(SCAN_KEY, sent.attributes) },
        },
      })),
    );
  });

  it('returns no message ids and calls nothing for no alerts', async () => {
    // Prepare
    const sns = new SNSClient({ region: 'eu-west-1' });

    // Act
    const result = await publishAlerts(sns, TOPIC, [], { scanKey: SCAN_KEY });

    // Assess
    expect([result, snsMock.calls().length]).toEqual([
      { messageIds: [], alreadySent: [], ledgerProblems: [] },
      0,
    ]);
  });

  it('throws PublishError naming the topic, the permission and what was sent, and starts no further alert, on AuthorizationError (FIFO: one by one)', async () => {
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
    const publish = publishAlerts(sns, FIFO_TOPIC, alerts, { scanKey: SCAN_KEY });

    // Assess
    await expect(publish).rejects.toEqual(
      new PublishError(
        `Could not publish the SCORE_DROP alert to ${FIFO_TOPIC} (AuthorizationErrorException: not authorized to perform SNS:Publish). ` +
          "1 of 3 alerts were sent before it. Check the topic ARN and grant the auditor's role sns:Publish on it " +
          '(plus kms:GenerateDataKey and kms:Decrypt on its key when the topic is encrypted), then run the scan again.',
        { cause: denied },
      ),
    );
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 2);
  });

  it('sends up to 32 alerts at once to a standard topic, each exactly once', async () => {
    // Prepare: each publish waits a turn of the event loop, so concurrent ones overlap
    let inFlight = 0;
    let mostAtOnce = 0;
    snsMock.on(PublishCommand).callsFake(async () => {
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { MessageId: `msg-${snsMock.commandCalls(PublishCommand).length}` };
    });
    const sns = new SNSClient({ region: 'eu-west-1' });
    const alerts = Array.from({ length: 50 }, (_, index) => alert(`app-${index}`, 'NEW_FINDINGS'));

    // Act
    const result = await publishAlerts(sns, TOPIC, alerts, { scanKey: SCAN_KEY });

    // Assess
    expect(mostAtOnce).toBe(32);
    expect(result.messageIds).toHaveLength(50);
    const applications = snsMock
      .commandCalls(PublishCommand)
      .map((call) => call.args[0].input.MessageAttributes?.application?.StringValue);
    expect(new Set(applications).size).toBe(50);
  });

  it('sends every publish through the governor it is given, as sns:Publish in the topic’s region', async () => {
    // Prepare: one publish in flight per (api, region) at most, so the governor's cap shows
    let inFlight = 0;
    let mostAtOnce = 0;
    snsMock.on(PublishCommand).callsFake(async () => {
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { MessageId: 'msg' };
    });
    const governor = new CallGovernor({ perApi: { 'sns:Publish': 1 } });
    const sns = new SNSClient({ region: 'sa-east-1' });
    const topic = 'arn:aws:sns:sa-east-1:111122223333:kda-auditor-alerts';
    const alerts = Array.from({ length: 5 }, (_, index) => alert(`app-${index}`, 'NEW_FINDINGS'));

    // Act
    const result = await publishAlerts(sns, topic, alerts, { scanKey: SCAN_KEY, governor });

    // Assess
    expect(result.messageIds).toHaveLength(5);
    expect([governor.stats(), mostAtOnce]).toEqual([{ 'sns:Publish': 5 }, 1]);
  });

  it('gives a FIFO topic the idempotency key as MessageDeduplicationId, grouped by account', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    const sns = new SNSClient({ region: 'eu-west-1' });
    const sent = alert('orders', 'NEW_FINDINGS');

    // Act
    await publishAlerts(sns, FIFO_TOPIC, [sent], { scanKey: SCAN_KEY });

    // Assess
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: FIFO_TOPIC,
      MessageDeduplicationId: alertIdempotencyKey(SCAN_KEY, sent.attributes),
      MessageGroupId: '111122223333',
    });
  });

  it('gives the same alert of the same invocation the same key, and another invocation another key', () => {
    // Prepare
    const { attributes } = alert('orders', 'NEW_FINDINGS');

    // Act
    const keys = [
      alertIdempotencyKey(SCAN_KEY, attributes),
      alertIdempotencyKey(SCAN_KEY, { ...attributes }),
      alertIdempotencyKey('lambda:another-request', attributes),
      alertIdempotencyKey(SCAN_KEY, { ...attributes, eventType: 'RESOLVED' }),
      alertIdempotencyKey(SCAN_KEY, { ...attributes, application: 'clicks' }),
    ];

    // Assess
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(keys).size).toEqual(4);
    expect(keys[1]).toEqual(keys[0]);
  });

  describe('with a ledger', () => {
    it('records each alert it sends, and a retried invocation sends none of them again', async () => {
      // Prepare
      snsMock.on(PublishCommand).resolvesOnce({ MessageId: 'msg-1' }).resolvesOnce({ MessageId: 'msg-2' });
      const sns = new SNSClient({ region: 'eu-west-1' });
      const { s3, readJson } = memoryS3();
      const ledger = s3AlertLedger(s3, LEDGER);
      const alerts = [alert('orders', 'NEW_FINDINGS'), alert('clicks', 'RESOLVED')];
      const keys = alerts.map((sent) => alertIdempotencyKey(SCAN_KEY, sent.attributes));

      // Act
      const first = await publishAlerts(sns, TOPIC, alerts, { scanKey: SCAN_KEY, ledger });
      const retry = await publishAlerts(sns, TOPIC, alerts, { scanKey: SCAN_KEY, ledger });

      // Assess
      expect([first, retry]).toEqual([
        { messageIds: ['msg-1', 'msg-2'], alreadySent: [], ledgerProblems: [] },
        { messageIds: [], alreadySent: keys, ledgerProblems: [] },
      ]);
      expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 2);
      expect(readJson(BUCKET, `kda/111122223333/alerts/${keys[0]}.json`)).toEqual({
        version: 1,
        state: 'sent',
        idempotencyKey: keys[0],
        scanKey: SCAN_KEY,
        topicArn: TOPIC,
        attributes: alerts[0]?.attributes,
        messageId: 'msg-1',
      });
    });

    it('sends again, on the retry, the alerts a failed attempt claimed and never sent', async () => {
      // Prepare
      const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
      snsMock
        .on(PublishCommand)
        .resolvesOnce({ MessageId: 'msg-1' })
        .rejectsOnce(throttled)
        .resolves({ MessageId: 'msg-2' });
      const sns = new SNSClient({ region: 'eu-west-1' });
      const time = virtualTime();
      const ledger = s3AlertLedger(memoryS3().s3, LEDGER, time.timer);
      const alerts = [alert('orders', 'NEW_FINDINGS'), alert('clicks', 'RESOLVED')];

      // Act: the retry waits 0.6 s (virtual) for the failed attempt's 'publishing' marker
      const first = publishAlerts(sns, TOPIC, alerts, { scanKey: SCAN_KEY, ledger });
      await expect(first).rejects.toBeInstanceOf(PublishError);
      const retrying = publishAlerts(sns, TOPIC, alerts, { scanKey: SCAN_KEY, ledger });
      await time.settle();
      const retry = await retrying;

      // Assess
      expect(retry).toEqual({
        messageIds: ['msg-2'],
        alreadySent: [alertIdempotencyKey(SCAN_KEY, alert('orders', 'NEW_FINDINGS').attributes)],
        ledgerProblems: [],
      });
      expect(
        snsMock
          .commandCalls(PublishCommand)
          .map((call) => call.args[0].input.MessageAttributes?.application?.StringValue),
      ).toEqual(['orders', 'clicks', 'clicks']);
    });

    it('publishes anyway, and says why, when the ledger cannot be written', async () => {
      // Prepare
      snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
      const sns = new SNSClient({ region: 'eu-west-1' });
      const { s3, mock } = memoryS3();
      mock.on(PutObjectCommand).rejects(
        Object.assign(new Error('Access Denied'), {
          name: 'AccessDenied',
          $metadata: { httpStatusCode: 403 },
        }),
      );
      const sent = alert('orders', 'NEW_FINDINGS');
      const key = alertIdempotencyKey(SCAN_KEY, sent.attributes);

      // Act
      const result = await publishAlerts(sns, TOPIC, [sent], {
        scanKey: SCAN_KEY,
        ledger: s3AlertLedger(s3, LEDGER),
      });

      // Assess
      expect(result).toEqual({
        messageIds: ['msg-1'],
        alreadySent: [],
        ledgerProblems: [
          `the alert marker kda/111122223333/alerts/${key}.json could not be written (AccessDenied: Access Denied)`,
        ],
      });
    });
  });
});
