import { PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../shared/alert/alert-message.js';
import { alertIdempotencyKey } from '../../shared/publish/alert-idempotency.js';
import { type AlertMarker, s3AlertLedger } from '../../shared/publish/alert-ledger.js';
import { publishAlerts } from '../../shared/publish/publish-alert.js';
import { virtualTime } from '../aws/support/virtual-time.js';
import { memoryS3 } from '../support/memory-s3.js';

const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts';
const SCAN_KEY = 'lambda:5f1c9f8e-7d1a-4c0e-9a53-3f2c1d6b8e10';
const BUCKET = 'audit-reports';
const LEDGER = { bucket: BUCKET, root: 'kda/111122223333' };

const ALERT: AlertMessage = {
  subject: 'kda-auditor: 1 new finding in orders (eu-west-1), account 111122223333',
  message: JSON.stringify({ default: 'text' }),
  attributes: {
    severity: 'critical',
    accountId: '111122223333',
    region: 'eu-west-1',
    application: 'orders',
    eventType: 'NEW_FINDINGS',
  },
};
const KEY = alertIdempotencyKey(SCAN_KEY, ALERT.attributes);
const MARKER_KEY = `${BUCKET}/${LEDGER.root}/alerts/${KEY}.json`;

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });
}

function marker(state: AlertMarker['state']): string {
  const base = { version: 1, state, idempotencyKey: KEY, scanKey: SCAN_KEY, topicArn: TOPIC };
  return JSON.stringify({
    ...base,
    attributes: ALERT.attributes,
    ...(state === 'sent' ? { messageId: 'msg-0' } : {}),
  });
}

/**
 * An in-memory bucket whose first `conflicts` conditional puts of the marker answer 409
 * ConditionalRequestConflict, as S3 does while another attempt writes the same key; `onConflict`
 * plays that other attempt.
 */
function racingS3(conflicts: number, onConflict: (objects: Map<string, string>) => void = () => undefined) {
  const store = memoryS3();
  let left = conflicts;
  store.mock
    .on(PutObjectCommand)
    .callsFake((input: { Bucket: string; Key: string; Body: string; IfNoneMatch?: string }) => {
      const path = `${input.Bucket}/${input.Key}`;
      if (input.IfNoneMatch === '*' && left > 0) {
        left -= 1;
        onConflict(store.objects);
        throw s3Error('ConditionalRequestConflict', 409);
      }
      if (input.IfNoneMatch === '*' && store.objects.has(path)) throw s3Error('PreconditionFailed', 412);
      store.objects.set(path, String(input.Body));
      return {};
    });
  return store;
}

describe('Function: s3AlertLedger', () => {
  beforeEach(() => {
    snsMock.reset();
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  });

  describe('Method: claim (a concurrent claim answered 409)', () => {
    it('sends nothing when the other attempt claims the alert and records its send', async () => {
      // Prepare: the other attempt's claim lands during the 409; it records the send 50 ms later
      const time = virtualTime();
      const { s3 } = racingS3(1, (objects) => {
        objects.set(MARKER_KEY, marker('publishing'));
        void time.timer.sleep(50).then(() => objects.set(MARKER_KEY, marker('sent')));
      });
      const sns = new SNSClient({ region: 'eu-west-1' });

      // Act
      const publish = publishAlerts(sns, TOPIC, [ALERT], {
        scanKey: SCAN_KEY,
        ledger: s3AlertLedger(s3, LEDGER, time.timer),
      });
      await time.settle();

      // Assess: after its 50 ms backoff, the claim meets the other attempt's marker, already sent
      expect(await publish).toEqual({ messageIds: [], alreadySent: [KEY], ledgerProblems: [] });
      expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 0);
      expect(time.now()).toBe(50);
    });

    it('claims and sends the alert once when the conflicting write leaves no marker', async () => {
      // Prepare
      const { s3, readJson } = racingS3(1);
      const ledger = s3AlertLedger(s3, LEDGER);
      const marked = {
        idempotencyKey: KEY,
        scanKey: SCAN_KEY,
        topicArn: TOPIC,
        attributes: ALERT.attributes,
      };

      // Act
      const claim = await ledger.claim(marked);

      // Assess
      expect(claim).toEqual({ status: 'claimed' });
      expect(readJson(BUCKET, `${LEDGER.root}/alerts/${KEY}.json`)).toMatchObject({ state: 'publishing' });
    });

    it('publishes once, and says why, when S3 keeps answering 409', async () => {
      // Prepare
      const time = virtualTime();
      const { s3 } = racingS3(Number.POSITIVE_INFINITY);
      const sns = new SNSClient({ region: 'eu-west-1' });

      // Act
      const publish = publishAlerts(sns, TOPIC, [ALERT], {
        scanKey: SCAN_KEY,
        ledger: s3AlertLedger(s3, LEDGER, time.timer),
      });
      await time.settle();
      const result = await publish;

      // Assess: a lost alert is worse than a repeat; 4 claims, 50 + 100 + 150 ms apart
      expect(time.now()).toBe(300);
      expect(result).toEqual({
        messageIds: ['msg-1'],
        alreadySent: [],
        ledgerProblems: [
          `the alert marker ${LEDGER.root}/alerts/${KEY}.json could not be written (ConditionalRequestConflict: ConditionalRequestConflict)`,
        ],
      });
      expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
    });
  });

  describe('Method: claim (an existing marker)', () => {
    it('sends again the alert of an attempt that claimed it and failed (its marker stays publishing)', async () => {
      // Prepare
      const time = virtualTime();
      const { s3 } = memoryS3({ [MARKER_KEY]: marker('publishing') });
      const sns = new SNSClient({ region: 'eu-west-1' });

      // Act
      const publish = publishAlerts(sns, TOPIC, [ALERT], {
        scanKey: SCAN_KEY,
        ledger: s3AlertLedger(s3, LEDGER, time.timer),
      });
      await time.settle();

      // Assess: still publishing after 0.1, 0.3 and 0.6 s, so the earlier attempt failed
      expect(await publish).toEqual({ messageIds: ['msg-1'], alreadySent: [], ledgerProblems: [] });
      expect(time.now()).toBe(600);
    });
  });

  it('sends each alert once when two attempts of one invocation publish at the same time', async () => {
    // Prepare: both attempts share one bucket; SNS takes 20 ms a publish
    const time = virtualTime();
    snsMock.on(PublishCommand).callsFake(async () => {
      await time.timer.sleep(20);
      return { MessageId: `msg-${snsMock.commandCalls(PublishCommand).length}` };
    });
    const { s3 } = memoryS3();
    const sns = new SNSClient({ region: 'eu-west-1' });
    const alerts = Array.from({ length: 12 }, (_, index) => ({
      ...ALERT,
      attributes: { ...ALERT.attributes, application: `app-${index}` },
    }));
    const attempt = () =>
      publishAlerts(sns, TOPIC, alerts, {
        scanKey: SCAN_KEY,
        ledger: s3AlertLedger(s3, LEDGER, time.timer),
      });

    // Act
    const both = Promise.all([attempt(), attempt()]);
    await time.settle();
    const [first, second] = await both;

    // Assess
    const sent = snsMock
      .commandCalls(PublishCommand)
      .map((call) => call.args[0].input.MessageAttributes?.application?.StringValue);
    expect(sent.toSorted()).toEqual(alerts.map((one) => one.attributes.application).toSorted());
    expect((first?.messageIds.length ?? 0) + (second?.messageIds.length ?? 0)).toBe(12);
    expect((first?.alreadySent.length ?? 0) + (second?.alreadySent.length ?? 0)).toBe(12);
  });
});
