import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decideAlerts } from '../shared/alert/decide-alerts.js';
import { type AuditDependencies, newScanId, runAudit } from '../shared/audit.js';
import { createClientFactory } from '../shared/aws/clients.js';
import { CallGovernor } from '../shared/aws/governor.js';
import { compareWithPrevious } from '../shared/changes/compare-with-previous.js';
import type { Severity } from '../shared/checks/types.js';
import { collectAccount } from '../shared/collect/collect-account.js';
import { InvalidRequestError, PublishError } from '../shared/errors.js';
import { evaluateAccount } from '../shared/evaluate/evaluate-account.js';
import { resourceIndex } from '../shared/live/resource-index.js';
import { buildReport } from '../shared/report/build-report.js';
import type { ReportMeta } from '../shared/report/types.js';
import type { AccountSnapshot } from '../shared/snapshot/types.js';
import { parseSuppressions } from '../shared/suppressions/parse-suppressions.js';
import { auditSnapshot, failingCheck } from './support/audit-builders.js';

vi.mock('../shared/collect/collect-account.js', () => ({ collectAccount: vi.fn() }));

const s3Mock = mockClient(S3Client);
const snsMock = mockClient(SNSClient);
const NOW = new Date('2026-11-29T02:00:00Z');
const SCAN_ID = '20261129T020000Z-0a1b2c3d';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:kda-auditor-alerts';
const DATED = 'kda/111122223333/2026/11/29/20261129T020000Z-0a1b2c3d';
const LATEST = 'kda/111122223333/latest.json';
const INDEX = 'kda/111122223333/live/resource-index.json';
const checks = [failingCheck('high', ['orders']), failingCheck('medium', ['clicks'])];

function dependencies(progress: string[] = []): AuditDependencies {
  return { clock: () => NOW, newScanId: () => SCAN_ID, progress: (line) => progress.push(line), checks };
}

/** The report runAudit gives a first scan (no previous report): a trend of one point per application. */
function expectedReport(snapshot: AccountSnapshot, scope: Partial<ReportMeta> = {}, evaluated = {}) {
  return compareWithPrevious(
    buildReport(evaluateAccount(snapshot, evaluated, checks), {
      scanId: SCAN_ID,
      startedAt: NOW,
      completedAt: NOW,
      complete: true,
      source: 'snapshot',
      scope: {},
      collectionErrors: [],
      ...scope,
    }),
    undefined,
  );
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

/** Records S3 reads and writes and SNS publishes in the order they happen. */
function recordOrder(): string[] {
  const order: string[] = [];
  s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    order.push(`get ${input.Key}`);
    throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
  });
  s3Mock.on(PutObjectCommand).callsFake((input: { Key: string }) => {
    order.push(`put ${input.Key}`);
    return {};
  });
  s3Mock.on(CopyObjectCommand).callsFake((input: { Key: string; CopySource: string }) => {
    order.push(`copy ${input.CopySource} to ${input.Key}`);
    return {};
  });
  snsMock
    .on(PublishCommand)
    .callsFake((input: { MessageAttributes?: Record<string, { StringValue?: string }> }) => {
      order.push(`publish ${input.MessageAttributes?.eventType?.StringValue}`);
      return { MessageId: 'msg-1' };
    });
  return order;
}

/** A GetObject answer whose body reads as `text`. */
function body(text: string) {
  return {
    Body: {
      transformToString: async () => text,
      transformToByteArray: async () => new TextEncoder().encode(text),
    },
  } as never;
}

describe('Function: runAudit', () => {
  beforeEach(() => {
    s3Mock.reset();
    snsMock.reset();
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock.on(CopyObjectCommand).resolves({});
    s3Mock
      .on(GetObjectCommand)
      .rejects(Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }));
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
    expect(result).toEqual({ report: expectedReport(snapshot), snapshot, alerts: [] });
    expect([s3Mock.calls().length, snsMock.calls().length]).toEqual([0, 0]);
  });

  it('writes the dated report, Markdown and HTML, publishes the alerts, then moves latest.json', async () => {
    // Prepare
    const snapshot = auditSnapshot();
    const progress: string[] = [];
    const order = recordOrder();

    // Act
    const result = await runAudit({}, { kind: 'snapshot', snapshot }, outputs(), dependencies(progress));

    // Assess
    const uri = `s3://audit-reports/${DATED}.json`;
    const report = expectedReport(snapshot);
    const alerts = decideAlerts(report, { reportLocation: uri });
    expect(result).toEqual({
      report,
      snapshot,
      reportLocation: {
        bucket: 'audit-reports',
        key: `${DATED}.json`,
        markdownKey: `${DATED}.md`,
        htmlKey: `${DATED}.html`,
        latestKey: LATEST,
        uri,
      },
      alerts,
      alertMessageIds: ['msg-1'],
      resourceIndexKey: INDEX,
    });
    expect(alerts.map((alert) => [alert.attributes.eventType, alert.attributes.application])).toEqual([
      ['NEW_FINDINGS', 'orders'],
    ]);
    expect(order).toEqual([
      `get ${LATEST}`,
      `put ${DATED}.json`,
      `put ${DATED}.md`,
      `put ${DATED}.html`,
      'publish NEW_FINDINGS',
      `copy audit-reports/${DATED}.json to ${LATEST}`,
      `put ${INDEX}`,
    ]);
    expect(progress).toEqual([
      'Evaluated 3 application(s): account score 67.',
      `Report written to ${uri}.`,
      `1 alert(s) published to ${TOPIC}.`,
    ]);
  });

  it('alerts nothing again for findings the previous report already had', async () => {
    // Prepare
    const snapshot = auditSnapshot();
    const previous = { ...expectedReport(snapshot), scanId: '20261128T020000Z-00000000' };
    s3Mock.on(GetObjectCommand, { Key: LATEST }).resolves(body(JSON.stringify(previous)));

    // Act
    const result = await runAudit({}, { kind: 'snapshot', snapshot }, outputs(), dependencies());

    // Assess
    expect(result.alerts).toEqual([]);
    expect(result.report.changes?.counts).toEqual({ new: 0, persisting: 2, regressed: 0, resolved: 0 });
    expect(snsMock.calls()).toEqual([]);
  });

  it('says why and compares with nothing when the previous report is unusable', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand, { Key: LATEST }).resolves(body('not json'));

    // Act
    const result = await runAudit(
      {},
      { kind: 'snapshot', snapshot: auditSnapshot() },
      outputs(),
      dependencies(),
    );

    // Assess
    expect(result.previousReportProblem).toEqual(expect.any(String));
    expect(result.report.changes).toBeUndefined();
  });

  it('keeps latest.json where it was when a continuation cannot read it to merge into', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand, { Key: LATEST }).resolves(body('not json'));

    // Act
    await runAudit(
      { continuation: true, applications: ['orders'] },
      { kind: 'snapshot', snapshot: auditSnapshot() },
      outputs(),
      dependencies(),
    );

    // Assess
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).not.toContain(LATEST);
    expect(s3Mock).not.toHaveReceivedCommand(CopyObjectCommand);
  });

  it('sends no alert when nothing fails at or above the threshold, and still moves latest.json and the index', async () => {
    // Act
    const result = await runAudit(
      {},
      { kind: 'snapshot', snapshot: auditSnapshot() },
      outputs({ alertThreshold: 'critical' }),
      dependencies(),
    );

    // Assess
    expect([result.alerts, result.alertMessageIds, snsMock.calls().length]).toEqual([[], undefined, 0]);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 4);
    expect(s3Mock).toHaveReceivedCommandWith(CopyObjectCommand, { Key: LATEST });
  });

  it('returns the alerts without publishing them when no topic is set', async () => {
    // Act
    const result = await runAudit(
      {},
      { kind: 'snapshot', snapshot: auditSnapshot() },
      outputs({ topicArn: undefined, reportBucket: undefined }),
      dependencies(),
    );

    // Assess
    expect([result.alerts.length, result.alertMessageIds, result.reportLocation]).toEqual([
      1,
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

  it('keeps latest.json where it was when a scan must not move the baseline', async () => {
    // Act
    await runAudit(
      {},
      { kind: 'snapshot', snapshot: auditSnapshot() },
      outputs({ updateLatest: false }),
      dependencies(),
    );

    // Assess
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual([
      `${DATED}.json`,
      `${DATED}.md`,
      `${DATED}.html`,
    ]);
  });

  it('writes the resource index of the scan beside latest.json, for live re-audits', async () => {
    // Prepare
    const snapshot = auditSnapshot();

    // Act
    const result = await runAudit({}, { kind: 'snapshot', snapshot }, outputs(), dependencies());

    // Assess
    const written = s3Mock
      .commandCalls(PutObjectCommand, { Key: INDEX })
      .map((call) => call.args[0].input.Body);
    expect(written).toEqual([JSON.stringify(resourceIndex(expectedReport(snapshot), snapshot))]);
    expect(result.resourceIndexKey).toEqual(INDEX);
  });

  it('throws PublishError when the index cannot be written, after latest.json moved', async () => {
    // Prepare
    s3Mock
      .on(PutObjectCommand, { Key: INDEX })
      .rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    // Act
    const audit = runAudit({}, { kind: 'snapshot', snapshot: auditSnapshot() }, outputs(), dependencies());

    // Assess
    await expect(audit).rejects.toBeInstanceOf(PublishError);
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual([
      `${DATED}.json`,
      `${DATED}.md`,
      `${DATED}.html`,
      INDEX,
    ]);
    expect(s3Mock).toHaveReceivedCommandWith(CopyObjectCommand, { Key: LATEST });
  });

  it('leaves latest.json as it was when the alerts cannot be published, so they go out next time', async () => {
    // Prepare
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('Throttled'), { name: 'Throttling' }));

    // Act
    const audit = runAudit({}, { kind: 'snapshot', snapshot: auditSnapshot() }, outputs(), dependencies());

    // Assess
    await expect(audit).rejects.toBeInstanceOf(PublishError);
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).not.toContain(LATEST);
    expect(s3Mock).not.toHaveReceivedCommand(CopyObjectCommand);
  });

  it('throws PublishError and announces the failed scan when S3 denies the write', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    // Act
    const audit = runAudit({}, { kind: 'snapshot', snapshot: auditSnapshot() }, outputs(), dependencies());

    // Assess
    await expect(audit).rejects.toBeInstanceOf(PublishError);
    // The three formats are written at once: each write is refused.
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 3);
    expect(snsMock).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(snsMock).toHaveReceivedCommandWith(PublishCommand, {
      MessageAttributes: expect.objectContaining({
        eventType: { DataType: 'String', StringValue: 'SCAN_FAILED' },
      }),
    });
  });

  it('mutes the findings a suppression rule covers and reports what it did', async () => {
    // Prepare
    const rules = parseSuppressions(
      [
        'version: 1',
        'suppressions:',
        '  - application: orders',
        '    justification: Accepted until the migration to the new stream (SEC-42).',
        '    expires: 2027-01-31',
      ].join('\n'),
      'suppressions.yaml',
    );
    const suppressions = { source: 'suppressions.yaml', rules };

    // Act
    const result = await runAudit(
      { suppressions, dryRun: true },
      { kind: 'snapshot', snapshot: auditSnapshot() },
      {},
      dependencies(),
    );

    // Assess
    const orders = result.report.applications.find((application) => application.applicationName === 'orders');
    expect(orders?.findings.map((finding) => finding.status)).toEqual(['MUTED', 'PASS']);
    expect(result.report.suppressions).toEqual({
      source: 'suppressions.yaml',
      rules: 1,
      applied: 1,
      expired: [],
    });
  });

  it('imports the findings into Security Hub when asked', async () => {
    // Prepare
    const securityHub = mockClient(SecurityHubClient);
    securityHub
      .on(BatchImportFindingsCommand)
      .resolves({ SuccessCount: 6, FailedCount: 0, FailedFindings: [] });

    // Act
    const result = await runAudit(
      {},
      { kind: 'snapshot', snapshot: auditSnapshot() },
      outputs({ securityHub: true }),
      dependencies(),
    );

    // Assess
    expect(result.securityHub).toEqual({ imported: 6, failed: [], batches: 1 });
    expect(securityHub).toHaveReceivedCommandTimes(BatchImportFindingsCommand, 1);
    securityHub.restore();
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

  it('scores nothing and reports incomplete when the only region’s applications could not be listed', async () => {
    // Prepare: no application could be listed, so nothing was judged
    const unlisted = {
      operation: 'kinesisanalytics:ListApplications',
      region: 'eu-west-1',
      code: 'AccessDeniedException',
      message: 'not authorized',
    };
    const snapshot = auditSnapshot({
      regions: { 'eu-west-1': { applications: [] } },
      collectionErrors: [unlisted],
    });

    // Act
    const result = await runAudit({ dryRun: true }, { kind: 'snapshot', snapshot }, {}, dependencies());

    // Assess: a score needs findings; the report says it is incomplete and why
    const { score, grade, cappedBy, complete, collectionErrors } = result.report;
    expect({ score, grade, cappedBy, complete, collectionErrors }).toEqual({
      score: null,
      grade: null,
      cappedBy: undefined,
      complete: false,
      collectionErrors: [unlisted],
    });
  });

  it('publishes the alerts of a live scan through the scan’s governor', async () => {
    // Prepare
    vi.mocked(collectAccount).mockResolvedValue(auditSnapshot());
    const governor = new CallGovernor();

    // Act
    await runAudit(
      {},
      { kind: 'live', clients: createClientFactory(), governor },
      outputs({ reportBucket: undefined }),
      dependencies(),
    );

    // Assess
    expect(governor.stats()).toEqual({ 'sns:Publish': 1 });
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
          readFirst: expect.any(Function),
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
