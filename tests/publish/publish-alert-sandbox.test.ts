import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import type { AlertMessage } from '../../shared/alert/alert-message.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import { CallGovernor } from '../../shared/aws/governor.js';
import { s3AlertLedger } from '../../shared/publish/alert-ledger.js';
import { publishAlerts } from '../../shared/publish/publish-alert.js';
import { accountSnapshot } from '../support/snapshot-builder.js';

const REGION = 'eu-west-1';
const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:kda-auditor-alerts`;
const BUCKET = 'audit-reports';
const SCAN_KEY = 'lambda:retried-invocation';

function alerts(count: number): AlertMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    subject: `kda-auditor: 1 new finding in app-${index} (${REGION}), account ${ACCOUNT}`,
    message: JSON.stringify({ default: `app-${index}` }),
    attributes: {
      severity: 'high',
      accountId: ACCOUNT,
      region: REGION,
      application: `app-${index}`,
      eventType: 'NEW_FINDINGS',
    },
  }));
}

describe('Function: publishAlerts, with real SDK clients against the sandbox', () => {
  let sandbox: Sandbox;
  let clients: ClientFactory;

  beforeAll(async () => {
    sandbox = await startSandbox({
      snapshot: { ...accountSnapshot({}), accountId: ACCOUNT, sns: { topics: [{ TopicArn: TOPIC }] } },
    });
    clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      env: {},
    });
    await clients.s3(REGION).send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('sends 70 alerts 32 at a time once each, and a retry of the invocation sends none again', async () => {
    // Prepare
    const ledger = s3AlertLedger(clients.s3(REGION), { bucket: BUCKET, root: `kda/${ACCOUNT}` });
    const sent = alerts(70);

    // Act
    const first = await publishAlerts(clients.sns(REGION), TOPIC, sent, { scanKey: SCAN_KEY, ledger });
    const retry = await publishAlerts(clients.sns(REGION), TOPIC, sent, { scanKey: SCAN_KEY, ledger });

    // Assess
    const published = sandbox.state.messages.filter((message) => message.topicArn === TOPIC);
    expect([first.messageIds.length, first.alreadySent.length, first.ledgerProblems]).toEqual([70, 0, []]);
    expect([retry.messageIds.length, retry.alreadySent.length, retry.ledgerProblems]).toEqual([0, 70, []]);
    expect(published.map((message) => message.messageId).toSorted()).toEqual(first.messageIds.toSorted());
  }, 30_000);

  it('paces every attempt at the rate configured for sns:Publish in the governor it is given', async () => {
    // Prepare: 20 publishes per second, one token in the bucket
    const governor = new CallGovernor({ quotaShare: 1, rates: { 'sns:Publish': { rate: 20, burst: 1 } } });
    const started = performance.now();

    // Act
    const result = await publishAlerts(clients.sns(REGION), TOPIC, alerts(6), {
      scanKey: 'lambda:paced-invocation',
      governor,
    });

    // Assess: the first goes at once, each of the 5 others waits 50 ms for its token
    expect(result.messageIds).toHaveLength(6);
    expect(governor.traffic()).toEqual({ 'sns:Publish': { calls: 6, attempts: 6, throttles: 0 } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  }, 30_000);
});
