import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type AuditDependencies, newScanId, runAudit } from '../shared/audit.js';
import { createClientFactory } from '../shared/aws/clients.js';
import { CallGovernor } from '../shared/aws/governor.js';
import type { Severity } from '../shared/checks/types.js';
import { collectAccount } from '../shared/collect/collect-account.js';
import { InvalidRequestError, PublishError } from '../shared/errors.js';
import { evaluateAccount } from '../shared/evaluate/evaluate-account.js';
import { buildReport } from '../shared/report/build-report.js';
import type { ReportMeta } from '../shared/report/types.js';
import type { AccountSnapshot } from '../shared/snapshot/types.js';
import { auditSnapshot, failingCheck } from './support/audit-builders.js';

vi.mock('../shared/collect/collect-account.js', () => ({ collectAccount: vi.fn() }));

const s3Mock = mockClient(S3Client);
const snsMock = mockClient(SNSClient);
const NOW = new Date('2026-11-29T02:00:00Z');
const SCAN_ID = '20261129T020000Z-0a1b2c3d';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:kda-auditor-alerts';
const DATED = 'kda/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d';
const checks = [failingCheck('high', ['orders']), failingCheck('medium', ['clicks'])];

function dependencies(progress: string[] = []): AuditDependencies {
  return { clock: () => NOW, newScanId: () => SCAN_ID, progress: (line) => progress.push(line), checks };
}

function expectedReport(snapshot: AccountSnapshot, scope: Partial<ReportMeta> = {}, evaluated = {}) {
  return buildReport(evaluateAccount(snapshot, evaluated, checks), {
    scanId: SCAN_ID,
    startedAt: NOW,
    completedAt: NOW,
    complete: true,
    source: 'snapshot',
    scope: {},
    collectionErrors: [],
    ...scope,
  });
}

function outputs(overrides = {}) {
  return {
    clients: createClientFactory(),
    region: 'eu-west-1',
    reportBucket: 'audit-reports',
    reportPrefix: 'kda',
    topicArn: TOPIC,
    ...overrides,
  };
}

describe('Function: runAudit', () => {
  beforeEach(() => {
    s3Mock.reset();
    snsMock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    vi.mocked(collectAccount).mockReset();
  });

  it('returns the report and writes nothing on a dry run', async () => {
    // Prepare
    const snapshot = auditSnapshot();

    // Act
    const result = await runAudit(
      { dryRun: true },
      { kind: 'snapshot', snapshot },
      outputs(),
      dependencies(),
    );

    // Assess
    expect(result).toEqual({ report: expectedReport(snapshot), snapshot });
    expect([s3Mock.calls().length, snsMock.calls().length]).toEqual([0, 0]);
  });

  it('writes the dated report, its Markdown, then latest.json, then alerts with the report URI', async () => {
    // Prepare
    const snapshot = auditSnapshot();
    const progress: string[] = [];

    // Act
    const result = await runAudit({}, { kind: 'snapshot', snapshot }, outputs(), dependencies(progress));

    // Assess
    const uri = `s3://audit-reports/${DATED}.json`;
    expect(result).toEqual({
      report: expectedReport(snapshot),
      snapshot,
      reportLocation: {
        bucket: 'audit-reports',
        key: `${DATED}.json`,
        markdownKey: `${DATED}.md`,
        latestKey: 'kda/111122223333/latest.json',
        uri,
      },
      alert: {
        subject: 'kda-auditor: 1 critical/high finding in 111122223333 (grade D)',
        message: expect.stringContaining(`Full report: ${uri}\n`),
        attributes: { severity: 'high', accountId: '111122223333', eventType: 'NEW_FINDINGS' },
      },
      alertMessageId: 'msg-1',
    });
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual([
      `${DATED}.json`,
      `${DATED}.md`,
      'kda/111122223333/latest.json',
    ]);
    expect(snsMock).toReceiveCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      Subject: result.alert?.subject,
      Message: result.alert?.message,
      MessageAttributes: {
        severity: { DataType: 'String', StringValue: 'high' },
        accountId: { DataType: 'String', StringValue: '111122223333' },
        eventType: { DataType: 'String', StringValue: 'NEW_FINDINGS' },
      },
    });
    expect(progress).toEqual([
      'Evaluated 3 application(s): account score 67.',
      `Report written to ${uri}.`,
      `Alert published to ${TOPIC}.`,
    ]);
  });

  it('sends no alert when nothing fails at or above the threshold', async () => {
    // Prepare
    const snapshot = auditSnapshot();

    // Act
    const result = await runAudit(
      {},
      { kind: 'snapshot', snapshot },
      outputs({ alertThreshold: 'critical' }),
      dependencies(),
    );

    // Assess
    expect([result.alert, result.alertMessageId, snsMock.calls().length]).toEqual([undefined, undefined, 0]);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 3);
  });

  it('returns the alert without publishing it when no topic is set', async () => {
    // Prepare
    const snapshot = auditSnapshot();

    // Act
    const result = await runAudit(
      {},
      { kind: 'snapshot', snapshot },
      outputs({ topicArn: undefined, reportBucket: undefined }),
      dependencies(),
    );

    // Assess
    expect([result.alert?.subject, result.alertMessageId, result.reportLocation]).toEqual([
      'kda-auditor: 1 critical/high finding in 111122223333 (grade D)',
      undefined,
      undefined,
    ]);
    expect([s3Mock.calls().length, snsMock.calls().length]).toEqual([0, 0]);
  });

  it('publishes through an SNS client in the topic’s own region', async () => {
    // Prepare
    const clients = createClientFactory();
    const sns = vi.spyOn(clients, 'sns');

    // Act
    await runAudit({}, { kind: 'snapshot', snapshot: auditSnapshot() }, outputs({ clients }), dependencies());

    // Assess
    expect(sns.mock.calls).toEqual([['us-east-1']]);
  });

  it('throws PublishError and sends no alert when S3 denies the write', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    // Act
    const audit = runAudit({}, { kind: 'snapshot', snapshot: auditSnapshot() }, outputs(), dependencies());

    // Assess
    await expect(audit).rejects.toBeInstanceOf(PublishError);
    expect([s3Mock.calls().length, snsMock.calls().length]).toEqual([1, 0]);
  });

  it('throws InvalidRequestError before any read when the outputs are incomplete', async () => {
    // Prepare
    const progress: string[] = [];
    const live = { kind: 'live' as const, clients: createClientFactory() };

    // Act
    const audit = runAudit(
      {},
      live,
      { reportBucket: 'audit-reports', topicArn: 'not-an-arn', alertThreshold: 'severe' as Severity },
      dependencies(progress),
    );

    // Assess
    await expect(audit).rejects.toEqual(
      new InvalidRequestError([
        'outputs.region (the region of bucket audit-reports) is required',
        'topicArn "not-an-arn" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
        'alertThreshold must be one of critical, high, medium, low, info, not "severe"',
      ]),
    );
    expect([vi.mocked(collectAccount).mock.calls.length, progress]).toEqual([0, []]);
  });

  it('evaluates only the requested regions and applications and records the scope', async () => {
    // Prepare
    const snapshot = auditSnapshot();
    const request = { regions: ['eu-west-1'], applications: ['clicks'], dryRun: true };

    // Act
    const result = await runAudit(request, { kind: 'snapshot', snapshot }, {}, dependencies());

    // Assess
    const scope = { regions: ['eu-west-1'], applications: ['clicks'] };
    expect(result.report).toEqual(expectedReport(snapshot, { scope }, scope));
    expect(result.report.applications.map(({ applicationName }) => applicationName)).toEqual(['clicks']);
  });

  it('collects a live account with the request’s scope, then reports it as live and incomplete', async () => {
    // Prepare
    const collectionErrors = [{ operation: 'kms:DescribeKey', code: 'AccessDenied', message: 'denied' }];
    const snapshot = auditSnapshot({ collectionErrors });
    vi.mocked(collectAccount).mockResolvedValue(snapshot);
    const clients = createClientFactory();
    const governor = new CallGovernor();
    const deps = dependencies();

    // Act
    const result = await runAudit(
      { regions: 'all', applications: ['orders'], dryRun: true },
      { kind: 'live', clients, governor },
      { region: 'eu-west-1' },
      deps,
    );

    // Assess
    expect(vi.mocked(collectAccount).mock.calls).toEqual([
      [
        {
          clients,
          governor,
          regions: 'all',
          applications: ['orders'],
          homeRegion: 'eu-west-1',
          progress: deps.progress,
          clock: deps.clock,
        },
      ],
    ]);
    expect(result.report).toEqual(
      expectedReport(
        snapshot,
        {
          source: 'live',
          complete: false,
          collectionErrors,
          scope: { regions: 'all', applications: ['orders'] },
        },
        { applications: ['orders'] },
      ),
    );
  });
});

describe('Function: newScanId', () => {
  it('returns the compact start time and 8 random hex digits, so ids sort by time', () => {
    // Act
    const ids = [
      newScanId(new Date('2026-11-29T02:00:00.123Z')),
      newScanId(new Date('2026-11-29T02:00:00.123Z')),
    ];

    // Assess
    expect(ids).toEqual([
      expect.stringMatching(/^20261129T020000Z-[0-9a-f]{8}$/),
      expect.stringMatching(/^20261129T020000Z-[0-9a-f]{8}$/),
    ]);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
