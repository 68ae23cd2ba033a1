import { readFileSync } from 'node:fs';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server.js';
import type { AlertMessage } from '../../shared/alert/alert-message.js';
import type { AlertPayload } from '../../shared/alert/alert-payload.js';
import { decideAlerts } from '../../shared/alert/decide-alerts.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { InvalidRequestError, PublishError } from '../../shared/errors.js';
import { type ReauditOptions, runReaudit } from '../../shared/live/run-reaudit.js';
import type { CloudTrailChangeEvent, ResourceIndex } from '../../shared/live/types.js';
import type { AuditReport } from '../../shared/report/types.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { LIVE_BUCKET, LIVE_PREFIX, LIVE_REGION, startLiveSandbox } from '../support/live-sandbox.js';

const SAMPLES = new URL('../../events/live/', import.meta.url);
const ACCOUNT = demoAccount.accountId;
const REGION = LIVE_REGION;
const BUCKET = LIVE_BUCKET;
const PREFIX = LIVE_PREFIX;
const LATEST = `${PREFIX}/${ACCOUNT}/latest.json`;
const INDEX = `${PREFIX}/${ACCOUNT}/live/resource-index.json`;
const REAUDIT_ID = '20261129T140010Z-0a1b2c3d';
const DATED = `${PREFIX}/${ACCOUNT}/2026/11/29/${REAUDIT_ID}`;
const ORDERS_IN = `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/orders-in`;
const ORDERS_ROUTER = `arn:aws:kinesisanalytics:eu-west-1:${ACCOUNT}:application/orders-router`;
const LEGACY = `arn:aws:kinesisanalytics:us-east-1:${ACCOUNT}:application/legacy-sql-alerts`;

function sample(name: string): CloudTrailChangeEvent {
  return JSON.parse(readFileSync(new URL(`${name}.json`, SAMPLES), 'utf8')) as CloudTrailChangeEvent;
}

/** The demo account after a change, as a deep copy. */
function changedAccount(change: (snapshot: AccountSnapshot) => void): AccountSnapshot {
  const snapshot = structuredClone(demoAccount);
  change(snapshot);
  return snapshot;
}

function withoutStreamEncryption(snapshot: AccountSnapshot): void {
  for (const stream of snapshot.regions?.[REGION]?.streams ?? []) {
    if (stream.StreamARN !== ORDERS_IN) continue;
    stream.EncryptionType = 'NONE';
    delete stream.KeyId;
  }
}

function withoutLegacyApplication(snapshot: AccountSnapshot): void {
  const regional = snapshot.regions?.['us-east-1'];
  if (regional) {
    regional.applications = (regional.applications ?? []).filter(
      (application) => application.ApplicationARN !== LEGACY,
    );
  }
}

interface LiveAccount {
  sandbox: Sandbox;
  clients: ClientFactory;
  topicArn: string;
  options: ReauditOptions;
}

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/**
 * A sandbox serving the account as it is now, with the report bucket and the topic; with a
 * baseline, the nightly scan of the demo account as it was (latest.json and the index) is in it.
 */
async function liveAccount(now: AccountSnapshot, baseline = true): Promise<LiveAccount> {
  const live = await startLiveSandbox(now, { baseline });
  sandbox = live.sandbox;
  return {
    ...live,
    options: {
      ...live.outputs,
      topicArn: live.topicArn,
      clock: () => new Date('2026-11-29T14:00:10Z'),
      newScanId: () => REAUDIT_ID,
    },
  };
}

async function stored(clients: ClientFactory, key: string): Promise<unknown> {
  const response = await clients.s3(REGION).send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return JSON.parse((await response.Body?.transformToString('utf-8')) ?? '');
}

/** Requests served so far, by operation (`s3:GetObject`, `sts:GetCallerIdentity`, …). */
function requestCounts(live: LiveAccount): Record<string, number> {
  return Object.fromEntries(
    Object.entries(live.sandbox.state.stats().operations).map(([operation, stats]) => [
      operation,
      stats.requests,
    ]),
  );
}

/** Requests served since `before`, by operation. */
function requestsSince(live: LiveAccount, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(requestCounts(live))
      .map(([operation, count]) => [operation, count - (before[operation] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

function reportKeysIn(live: LiveAccount): string[] {
  return [...(live.sandbox.state.bucketObjects(BUCKET)?.keys() ?? [])].sort();
}

/** What an alert says, from its compact JSON variant (what programs read): type, application, findings. */
function alertSummary(alert: AlertMessage) {
  const payload = JSON.parse(JSON.parse(alert.message).sqs) as AlertPayload;
  return {
    eventType: payload.eventType,
    application: payload.application,
    findings: payload.findings.map(
      (finding) => `${finding.checkId} ${finding.change ?? '-'} ${finding.resourceArn}`,
    ),
  };
}

describe('Function: runReaudit', () => {
  it('re-audits the applications reading a stream whose encryption stopped, alerts once each, and moves latest.json', async () => {
    // Prepare
    const live = await liveAccount(changedAccount(withoutStreamEncryption));

    // Act
    const result = await runReaudit([sample('kinesis-StopStreamEncryption')], live.options);

    // Assess
    if (result.status !== 'reaudited') throw new Error(`expected a re-audit, got ${result.status}`);
    const reason = `kinesis StopStreamEncryption on ${ORDERS_IN}`;
    expect(result.plan).toEqual({
      regions: [
        {
          region: 'eu-west-1',
          applications: [{ applicationArn: ORDERS_ROUTER, reasons: [reason], events: [0] }],
        },
        { region: 'us-east-1', applications: [{ applicationArn: LEGACY, reasons: [reason], events: [0] }] },
      ],
      events: 1,
      ignored: 0,
      ignoredReasons: [],
    });
    expect(result.reportLocation).toEqual({
      bucket: BUCKET,
      key: `${DATED}.json`,
      markdownKey: `${DATED}.md`,
      htmlKey: `${DATED}.html`,
      latestKey: LATEST,
      uri: `s3://${BUCKET}/${DATED}.json`,
    });
    // The baseline's SCAN_INCOMPLETE (the demo account has unreadable keys) is not repeated.
    expect(result.alerts).toEqual(
      decideAlerts(result.report, { reportLocation: result.reportLocation.uri }).filter(
        (alert) => alert.attributes.eventType !== 'SCAN_INCOMPLETE',
      ),
    );
    const stopped = `kinesis-stream-encrypted REGRESSED ${ORDERS_IN}`;
    expect(result.alerts.map(alertSummary)).toEqual([
      { eventType: 'NEW_FINDINGS', application: 'orders-router', findings: [stopped] },
      { eventType: 'NEW_FINDINGS', application: 'legacy-sql-alerts', findings: [stopped] },
      { eventType: 'SCORE_DROP', application: 'orders-router', findings: [stopped] },
    ]);
    expect(live.sandbox.state.messages.map((message) => message.subject)).toEqual(
      result.alerts.map((alert) => alert.subject),
    );
    expect(result.report.reaudit).toEqual({
      baseScanId: '20261129T020000Z-00000000',
      applications: [ORDERS_ROUTER, LEGACY],
      reasons: [reason],
      events: 1,
    });
    expect(await stored(live.clients, LATEST)).toEqual(result.report);
    expect(await stored(live.clients, INDEX)).toEqual(expect.objectContaining({ scanId: REAUDIT_ID }));
  });

  it('announces the re-audit as incomplete only when one of its reads failed anew', async () => {
    // Prepare
    const denied = {
      operation: 'kinesis:DescribeStreamSummary',
      resource: ORDERS_IN,
      region: REGION,
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: kinesis:DescribeStreamSummary',
    };
    const live = await liveAccount(
      changedAccount((snapshot) => {
        snapshot.collectionErrors = [...(snapshot.collectionErrors ?? []), denied];
      }),
    );

    // Act
    const result = await runReaudit([sample('kinesis-StopStreamEncryption')], live.options);

    // Assess
    if (result.status !== 'reaudited') throw new Error(`expected a re-audit, got ${result.status}`);
    expect({
      complete: result.report.complete,
      collectionErrors: result.report.collectionErrors.map((error) => error.operation),
      alerts: result.alerts.map((alert) => [alert.attributes.eventType, alert.attributes.application]),
    }).toEqual({
      complete: false,
      collectionErrors: ['kinesis:DescribeStreamSummary', 'kms:DescribeKey'],
      // The stream cannot be read: its checks are ERROR, never a new FAIL nor a pass. The key it may
      // use is unknown (perhaps pending deletion), a critical ERROR that caps both scores at 40.
      alerts: [
        ['SCORE_DROP', 'orders-router'],
        ['SCORE_DROP', 'legacy-sql-alerts'],
        ['SCAN_INCOMPLETE', '*'],
      ],
    });
  });

  it('drops events that touch nothing audited after reading the index alone: no read of the account', async () => {
    // Prepare
    const live = await liveAccount(demoAccount);
    const scratch = sample('s3-PutBucketPolicy');
    scratch.detail.requestParameters = { bucketName: 'scratch-bucket' };
    const before = requestCounts(live);

    // Act
    const result = await runReaudit([scratch, sample('iam-CreatePolicyVersion')], live.options);

    // Assess
    expect(result).toEqual({
      status: 'ignored',
      plan: {
        regions: [],
        events: 2,
        ignored: 2,
        ignoredReasons: [
          's3 PutBucketPolicy on arn:aws:s3:::scratch-bucket: no audited application uses it',
          `iam CreatePolicyVersion on arn:aws:iam::${ACCOUNT}:policy/demo-shared-logging, attached to no role: no audited application uses it`,
        ],
      },
    });
    expect(requestsSince(live, before)).toEqual({ 's3:GetObject': 1 });
  });

  it('returns no-baseline, reading nothing else, when no full scan wrote the index yet', async () => {
    // Prepare
    const live = await liveAccount(demoAccount, false);
    const before = requestCounts(live);

    // Act
    const result = await runReaudit([sample('kinesis-StopStreamEncryption')], live.options);

    // Assess
    expect(result).toEqual({
      status: 'no-baseline',
      reason:
        `No resource index at s3://${BUCKET}/${INDEX} yet: run a full scan of account ${ACCOUNT} first; ` +
        'live re-audits start from it.',
      events: 1,
    });
    expect(requestsSince(live, before)).toEqual({ 's3:GetObject': 1 });
  });

  it('re-audits a burst of ten events once, and alerts nothing when no verdict changed', async () => {
    // Prepare
    const live = await liveAccount(demoAccount);
    const burst = [
      'kinesis-StopStreamEncryption',
      'kinesis-StartStreamEncryption',
      'firehose-UpdateDestination',
      's3-PutBucketEncryption',
      'iam-PutRolePolicy',
      'iam-CreatePolicyVersion',
      'kms-DisableKeyRotation',
      'kinesisanalytics-UpdateApplication',
      'kinesisanalytics-AddApplicationCloudWatchLoggingOption',
      'kinesisanalytics-AddApplicationInput',
    ].map(sample);
    const before = requestCounts(live);

    // Act
    const result = await runReaudit(burst, live.options);

    // Assess
    if (result.status !== 'reaudited') throw new Error(`expected a re-audit, got ${result.status}`);
    const app = (name: string, region = REGION) =>
      `arn:aws:kinesisanalytics:${region}:${ACCOUNT}:application/${name}`;
    expect({
      events: result.plan.events,
      ignored: result.plan.ignored,
      reaudit: result.report.reaudit?.applications,
      alerts: result.alerts,
      identityCalls: requestsSince(live, before)['sts:GetCallerIdentity'],
      keys: reportKeysIn(live),
    }).toEqual({
      events: 10,
      ignored: 1,
      reaudit: [
        app('clickstream-sessionizer'),
        app('fraud-scorer'),
        app('orders-router'),
        app('partner-feed-loader'),
        app('payments-aggregator'),
        app('legacy-sql-alerts', 'us-east-1'),
      ],
      alerts: [],
      identityCalls: 1,
      keys: [
        `${PREFIX}/${ACCOUNT}/2026/11/29/20261129T020000Z-00000000.html`,
        `${PREFIX}/${ACCOUNT}/2026/11/29/20261129T020000Z-00000000.json`,
        `${PREFIX}/${ACCOUNT}/2026/11/29/20261129T020000Z-00000000.md`,
        `${DATED}.html`,
        `${DATED}.json`,
        `${DATED}.md`,
        LATEST,
        INDEX,
      ].sort(),
    });
  });

  it('removes a deleted application, resolves its failures, alerts RESOLVED and drops it from the index', async () => {
    // Prepare
    const live = await liveAccount(changedAccount(withoutLegacyApplication));
    const baseline = (await stored(live.clients, LATEST)) as AuditReport;
    const failing = baseline.applications
      .find((application) => application.applicationArn === LEGACY)
      ?.findings.filter((finding) => finding.status === 'FAIL')
      .map((finding) => finding.fingerprint);

    // Act
    const result = await runReaudit([sample('kinesisanalytics-DeleteApplication')], live.options);

    // Assess
    if (result.status !== 'reaudited') throw new Error(`expected a re-audit, got ${result.status}`);
    const index = (await stored(live.clients, INDEX)) as ResourceIndex;
    expect({
      applications: result.report.applications.map((application) => application.applicationArn),
      resolved: result.report.changes?.resolved.map((finding) => finding.fingerprint),
      alerts: result.alerts.map((alert) => [alert.attributes.eventType, alert.attributes.application]),
      indexed: Object.keys(index.applications).includes(LEGACY),
    }).toEqual({
      applications: baseline.applications
        .map((application) => application.applicationArn)
        .filter((arn) => arn !== LEGACY),
      resolved: failing,
      alerts: [['RESOLVED', 'legacy-sql-alerts']],
      indexed: false,
    });
    expect(failing?.length).toBeGreaterThan(0);
  });

  it('throws when the alerts cannot be published, announces nothing and leaves latest.json as it was', async () => {
    // Prepare
    const live = await liveAccount(changedAccount(withoutStreamEncryption));
    const baseline = await stored(live.clients, LATEST);

    // Act
    const reaudit = runReaudit([sample('kinesis-StopStreamEncryption')], {
      ...live.options,
      topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:no-such-topic`,
    });

    // Assess
    await expect(reaudit).rejects.toBeInstanceOf(PublishError);
    expect([live.sandbox.state.messages, await stored(live.clients, LATEST)]).toEqual([[], baseline]);
  });

  it('sends the alerts of a redelivered burst once when the first delivery failed after them', async () => {
    // Prepare
    const live = await liveAccount(changedAccount(withoutStreamEncryption));
    const options = { ...live.options, idempotencyKey: 'events:burst-of-one' };
    let latestWrites = 0;
    // The first write of latest.json (a copy of the dated report) fails, as S3 may: SQS then redelivers the batch.
    live.clients.s3(REGION).middlewareStack.add(
      (next, context) => async (args) => {
        const { Key } = (args as { input: { Key?: string } }).input;
        if (context.commandName === 'CopyObjectCommand' && Key === LATEST && latestWrites++ === 0) {
          throw Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failFirstLatestWrite' },
    );

    // Act
    await expect(runReaudit([sample('kinesis-StopStreamEncryption')], options)).rejects.toBeInstanceOf(
      PublishError,
    );
    const sentByFirst = live.sandbox.state.messages.length;
    const redelivery = await runReaudit([sample('kinesis-StopStreamEncryption')], options);

    // Assess
    expect(redelivery.status).toEqual('reaudited');
    expect(sentByFirst).toBeGreaterThan(0);
    expect(live.sandbox.state.messages.length).toEqual(sentByFirst);
    // The redelivery decided the same alerts and sent none of them.
    expect(
      redelivery.status === 'reaudited' && [redelivery.alerts.length, redelivery.alertMessageIds],
    ).toEqual([sentByFirst, []]);
  });

  it('throws InvalidRequestError before any read when the outputs are misconfigured', async () => {
    // Prepare
    const live = await liveAccount(demoAccount, false);
    const before = requestCounts(live);

    // Act
    const reaudit = runReaudit([sample('kinesis-StopStreamEncryption')], {
      ...live.options,
      topicArn: 'not-an-arn',
    });

    // Assess
    await expect(reaudit).rejects.toEqual(
      new InvalidRequestError([
        'topicArn "not-an-arn" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
      ]),
    );
    expect(requestsSince(live, before)).toEqual({});
  });
});
