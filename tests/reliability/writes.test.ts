import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { MiddlewareStack } from '@smithy/types';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { type AuditRequest, runAudit } from '../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import type { Check } from '../../shared/checks/types.js';
import { PublishError } from '../../shared/errors.js';
import type { AuditReport } from '../../shared/report/types.js';
import { auditSnapshot, failingCheck } from '../support/audit-builders.js';

// Writes (issue 7, docs/reliability.md "Writes"): real S3 and SNS clients against the sandbox;
// a failed write or publish is injected into the client, where AWS's answer would surface.

const REGION = 'eu-west-1';
const BUCKET = 'audit-reports';
const snapshot = auditSnapshot();
const ROOT = `kda/${snapshot.accountId}`;
const LATEST = `${ROOT}/latest.json`;
const CLEAN = [failingCheck('high', [])];
const ORDERS_FAIL = [failingCheck('high', ['orders'])];
// What ORDERS_FAIL after the clean baseline warrants: a new finding and the scores it drags down.
const ORDERS_ALERTS = ['NEW_FINDINGS orders', 'SCORE_DROP *', 'SCORE_DROP orders'];
const RETRIED: AuditRequest = { idempotencyKey: 'lambda:0d1f6a2e-4b7c-4e8a-9f3d-2c5b7a1e9d04' };

type Fault = (command: string, input: Record<string, unknown>) => boolean;

let sandbox: Sandbox;
let clients: ClientFactory;
let topicArn: string;
/** Writes and publishes in the order the clients made them (successful ones only). */
let order: string[];
let faults: Fault[];

beforeEach(async () => {
  sandbox = await startSandbox({ snapshot });
  clients = createClientFactory({
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    env: {},
    maxAttempts: 1,
  });
  await clients.s3(REGION).send(new CreateBucketCommand({ Bucket: BUCKET }));
  topicArn = (await clients.sns(REGION).send(new CreateTopicCommand({ Name: 'alerts' }))).TopicArn ?? '';
  order = [];
  faults = [];
  observe(clients.s3(REGION));
  observe(clients.sns(REGION));
});

afterEach(async () => {
  await sandbox.close();
});

/** Records each successful PutObject, CopyObject and Publish, and fails those a fault in `faults` matches. */
function observe(client: S3Client | SNSClient): void {
  (client.middlewareStack as MiddlewareStack<object, object>).add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const input = (args as { input: Record<string, unknown> }).input;
      if (faults.some((fault) => fault(command, input))) {
        throw Object.assign(new Error('Access Denied'), {
          name: 'AccessDenied',
          $metadata: { httpStatusCode: 403 },
        });
      }
      const output = await next(args);
      if (command === 'PutObjectCommand') order.push(`put ${String(input.Key)}`);
      if (command === 'CopyObjectCommand') order.push(`copy ${String(input.Key)}`);
      if (command === 'PublishCommand') order.push(`publish ${eventTypeOf(input)}`);
      return output;
    },
    { step: 'initialize', name: 'observeWrites' },
  );
}

function eventTypeOf(input: Record<string, unknown>): string {
  const attributes = input.MessageAttributes as Record<string, { StringValue?: string }> | undefined;
  return attributes?.eventType?.StringValue ?? '?';
}

// latest.json is written by CopyObject (from the dated report), the rest by PutObject.
const failPut =
  (key: (written: string) => boolean): Fault =>
  (command, input) =>
    (command === 'PutObjectCommand' || command === 'CopyObjectCommand') && key(String(input.Key));
const failPublish: Fault = (command) => command === 'PublishCommand';

function audit(checks: readonly Check[], request: AuditRequest = {}, outputs = {}) {
  return runAudit(
    request,
    { kind: 'snapshot', snapshot },
    { clients, region: REGION, reportBucket: BUCKET, reportPrefix: 'kda', topicArn, ...outputs },
    { checks },
  );
}

function stored(key: string): AuditReport | undefined {
  const object = sandbox.state.bucketObjects(BUCKET)?.get(key);
  return object ? (JSON.parse(object.body.toString('utf-8')) as AuditReport) : undefined;
}

/** The alerts the topic received, sorted: a standard topic gets a scan's alerts concurrently. */
function alertsSent(): string[] {
  return sandbox.state.messages
    .map(
      (message) =>
        `${message.messageAttributes.eventType?.StringValue} ${message.messageAttributes.application?.StringValue}`,
    )
    .sort();
}

/** A first scan with nothing failing: the previous latest.json the tests protect. */
async function baseline(): Promise<AuditReport> {
  const { report } = await audit(CLEAN);
  order = [];
  return report;
}

describe('Writes: the report, the alerts and latest.json', { timeout: 30_000 }, () => {
  it('writes the dated report, then publishes the alerts, then moves latest.json', async () => {
    // Prepare
    await baseline();

    // Act
    const { reportLocation } = await audit(ORDERS_FAIL);

    // Assess
    expect(order).toEqual([
      `put ${reportLocation?.key}`,
      `put ${reportLocation?.markdownKey}`,
      `put ${reportLocation?.htmlKey}`,
      'publish NEW_FINDINGS',
      'publish SCORE_DROP',
      'publish SCORE_DROP',
      `copy ${LATEST}`,
      `put ${ROOT}/live/resource-index.json`,
    ]);
    expect(stored(LATEST)).toEqual(stored(reportLocation?.key ?? ''));
  });

  it('leaves the previous latest.json and sends no finding alert when the report cannot be written', async () => {
    // Prepare
    const previous = await baseline();
    faults.push(failPut((key) => key.endsWith('.json') && key !== LATEST));

    // Act
    const scan = audit(ORDERS_FAIL);

    // Assess
    await expect(scan).rejects.toBeInstanceOf(PublishError);
    expect(stored(LATEST)).toEqual(previous);
    expect(alertsSent()).toEqual(['SCAN_FAILED *']);
  });

  it('keeps the written report and the previous latest.json, and fails, when latest.json cannot be written', async () => {
    // Prepare
    const previous = await baseline();
    faults.push(failPut((key) => key === LATEST));

    // Act
    const scan = audit(ORDERS_FAIL);

    // Assess
    await expect(scan).rejects.toThrow(`to s3://${BUCKET}/${LATEST} (AccessDenied: Access Denied)`);
    const dated = order.find((write) => write.startsWith('put ') && write.endsWith('.json'))?.slice(4) ?? '';
    expect(stored(dated)?.applications.length).toEqual(3);
    expect(stored(LATEST)).toEqual(previous);
  });

  it('leaves latest.json where it was when the alerts cannot be published, so they go out on the next scan', async () => {
    // Prepare
    const previous = await baseline();
    faults.push(failPublish);

    // Act
    await expect(audit(ORDERS_FAIL)).rejects.toBeInstanceOf(PublishError);
    const latestAfterFailure = stored(LATEST);
    faults.length = 0;
    await audit(ORDERS_FAIL);

    // Assess
    expect(latestAfterFailure).toEqual(previous);
    expect(alertsSent()).toEqual([...ORDERS_ALERTS].sort());
  });
});

describe('Writes: a retried invocation', { timeout: 30_000 }, () => {
  it('publishes no alert twice when the first attempt failed after its alerts went out', async () => {
    // Prepare
    const previous = await baseline();
    faults.push(failPut((key) => key === LATEST));
    await expect(audit(ORDERS_FAIL, RETRIED)).rejects.toBeInstanceOf(PublishError);
    faults.length = 0;

    // Act
    const retry = await audit(ORDERS_FAIL, RETRIED);

    // Assess
    expect(alertsSent()).toEqual([...ORDERS_ALERTS, 'SCAN_FAILED *'].sort());
    expect(
      retry.alerts.map((alert) => `${alert.attributes.eventType} ${alert.attributes.application}`),
    ).toEqual(ORDERS_ALERTS);
    expect([retry.alertMessageIds, retry.alertsAlreadySent?.length]).toEqual([[], 3]);
    // The retry's report is a report of its own, compared with the same baseline as the attempt.
    expect(stored(LATEST)).toEqual(retry.report);
    expect([retry.report.changes?.previousScanId, retry.report.changes?.counts]).toEqual([
      previous.scanId,
      { new: 0, persisting: 0, regressed: 1, resolved: 0 },
    ]);
  });

  it('announces a scan that fails on every attempt once', async () => {
    // Prepare
    await baseline();
    faults.push(failPut((key) => key === LATEST));

    // Act
    await expect(audit(ORDERS_FAIL, RETRIED)).rejects.toBeInstanceOf(PublishError);
    await expect(audit(ORDERS_FAIL, RETRIED)).rejects.toBeInstanceOf(PublishError);
    await expect(audit(ORDERS_FAIL, RETRIED)).rejects.toBeInstanceOf(PublishError);

    // Assess
    expect(alertsSent()).toEqual([...ORDERS_ALERTS, 'SCAN_FAILED *'].sort());
  });

  it('sends, once, the alerts a failed publish left unsent', async () => {
    // Prepare
    await baseline();
    faults.push(failPublish);
    await expect(audit(ORDERS_FAIL, RETRIED)).rejects.toBeInstanceOf(PublishError);
    faults.length = 0;

    // Act
    await audit(ORDERS_FAIL, RETRIED);
    await audit(ORDERS_FAIL, RETRIED);

    // Assess
    expect(alertsSent()).toEqual([...ORDERS_ALERTS].sort());
    expect(sandbox.state.messages[0]?.messageAttributes.idempotencyKey?.StringValue).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });
});

describe('Writes: Security Hub', { timeout: 30_000 }, () => {
  const hubMock = mockClient(SecurityHubClient);

  afterEach(() => {
    hubMock.reset();
  });

  it('reports a failed export without failing the scan: report, alerts and latest.json are delivered', async () => {
    // Prepare
    await baseline();
    hubMock
      .on(BatchImportFindingsCommand)
      .rejects(Object.assign(new Error('Security Hub is not enabled'), { name: 'InvalidAccessException' }));
    const progress: string[] = [];

    // Act
    const result = await runAudit(
      {},
      { kind: 'snapshot', snapshot },
      { clients, region: REGION, reportBucket: BUCKET, reportPrefix: 'kda', topicArn, securityHub: true },
      { checks: ORDERS_FAIL, progress: (line) => progress.push(line) },
    );

    // Assess
    expect(result.securityHubProblem).toMatch(
      /^Could not import \d+ findings into Security Hub \(InvalidAccessException: Security Hub is not enabled\)/,
    );
    expect(result.securityHub).toBeUndefined();
    expect(stored(LATEST)).toEqual(result.report);
    expect(alertsSent()).toEqual([...ORDERS_ALERTS].sort());
    expect(progress.at(-1)).toEqual(
      `Security Hub export failed (the report and alerts are delivered): ${result.securityHubProblem}`,
    );
  });
});
