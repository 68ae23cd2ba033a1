import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveHandler } from '../../functions/live/live-handler.js';
import { reportBucketStores } from '../../functions/scan/audit-settings.js';
import { readScanConfig } from '../../functions/scan/config.js';
import { createHandler } from '../../functions/scan/scan-handler.js';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import { runReaudit } from '../../shared/live/run-reaudit.js';
import { readAlertNotice } from '../../shared/notify/alert-notice.js';
import { buildChatMessage, WEBHOOK_FORMATS } from '../../shared/notify/chat-message.js';
import type { AuditReport } from '../../shared/report/types.js';
import { maskKeyId } from '../../shared/secrets/mask.js';
import type { ApplicationDetail } from '../../shared/snapshot/types.js';
import { cliHarness } from '../cli/cli-harness.js';
import { LIVE_CONTEXT, sqsBatch } from '../functions/live/sqs-batch.js';
import {
  type CapturedOutput,
  captureProcessOutput,
  filesUnder,
  findLeaks,
  textOutput,
} from './support/output-capture.js';
import { plantedAccount } from './support/planted-credentials.js';

// A new seed each run, so no fixed string can pass by accident; SECRETS_SEED replays a failure.
const SEED = Number(process.env.SECRETS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const OUTPUTS = {
  region: 'eu-west-1',
  bucket: 'kda-auditor-secrets-reports',
  topic: 'kda-auditor-secrets',
} as const;
const CREDENTIAL_CHECKS = ['runtime-properties-no-credentials', 'code-artifact-no-credentials'] as const;

function sandboxClients(sandbox: Sandbox): ClientFactory {
  return createClientFactory({
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 1,
    env: {},
  });
}

/** A CloudTrail UpdateApplication event that sets the application's credential properties again. */
function updateApplicationEvent(accountId: string, region: string, application: ApplicationDetail) {
  const url = new URL('../../events/live/kinesisanalytics-UpdateApplication.json', import.meta.url);
  const event = JSON.parse(readFileSync(url, 'utf8'));
  const groups = application.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions;
  event.account = accountId;
  event.region = region;
  event.detail.awsRegion = region;
  event.detail.recipientAccountId = accountId;
  event.detail.requestParameters = {
    applicationName: application.ApplicationName,
    currentApplicationVersionId: 1,
    applicationConfigurationUpdate: {
      environmentPropertyUpdates: { propertyGroups: groups?.PropertyGroupDescriptions ?? [] },
    },
  };
  event.detail.responseElements.applicationDetail.applicationARN = application.ApplicationARN;
  return event;
}

describe(`Reliability: secrets (seed ${SEED})`, { timeout: 180_000 }, () => {
  const planted = plantedAccount(SEED);
  const { snapshot } = planted;
  const regions = Object.keys(snapshot.regions ?? {});
  const outputs: CapturedOutput[] = [];
  const harness = cliHarness();
  let sandbox: Sandbox;
  let lambdaReport: AuditReport;
  let liveReaudited: { status: string; applications: string[] };
  let reauditedApplication: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot });
    const clients = sandboxClients(sandbox);
    await clients.s3(OUTPUTS.region).send(new CreateBucketCommand({ Bucket: OUTPUTS.bucket }));
    const { TopicArn: topicArn = '' } = await clients
      .sns(OUTPUTS.region)
      .send(new CreateTopicCommand({ Name: OUTPUTS.topic }));

    // The CLI: local report files, suggested policies, stdout and stderr, then S3 and SNS.
    const cli = await harness.run(
      [
        'scan',
        '--regions',
        regions.join(','),
        '--out',
        'out',
        '--bucket',
        OUTPUTS.bucket,
        '--topic',
        topicArn,
      ],
      { clients },
      { AWS_REGION: OUTPUTS.region },
    );
    outputs.push(
      textOutput('cli/stdout', cli.stdout),
      textOutput('cli/stderr', cli.stderr),
      ...filesUnder(join(harness.cwd, 'out'), 'cli'),
    );

    // The scan function, twice: the nightly scan, and a dry run returning the report inline.
    const config = readScanConfig({
      AWS_REGION: OUTPUTS.region,
      REPORT_BUCKET: OUTPUTS.bucket,
      TOPIC_ARN: topicArn,
      SCAN_REGIONS: regions.join(','),
    });
    const scan = createHandler({
      config,
      clients,
      ...reportBucketStores(config, clients),
      runAudit,
      logger: new Logger({ serviceName: 'kda-auditor', logLevel: 'DEBUG' }),
      metrics: new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' }),
    });
    const context = { ...LIVE_CONTEXT, functionName: 'kda-auditor-scan' };
    const nightly = await captureProcessOutput(() => scan({ trigger: 'schedule' }, context));
    const dryRun = await captureProcessOutput(() => scan({ dryRun: true }, context));
    outputs.push(
      textOutput('scan/logs', nightly.written),
      textOutput('scan/summary', JSON.stringify(nightly.result)),
      textOutput('scan/dry-run-logs', dryRun.written),
      textOutput('scan/dry-run-summary', JSON.stringify(dryRun.result)),
    );
    if (!('report' in dryRun.result) || !dryRun.result.report)
      throw new Error('the dry run returned no report');
    lambdaReport = dryRun.result.report;

    // The live function, on an event whose request parameters carry the credentials again.
    const [region = '', regionSnapshot] = Object.entries(snapshot.regions ?? {})[0] ?? [];
    const [application] = regionSnapshot?.applications ?? [];
    if (!application) throw new Error('the planted account has no application');
    const live = createLiveHandler({
      config,
      clients,
      ...reportBucketStores(config, clients),
      runReaudit,
      logger: new Logger({ serviceName: 'kda-auditor-live', logLevel: 'DEBUG' }),
      metrics: new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor-live' }),
    });
    const reaudit = await captureProcessOutput(() =>
      live(sqsBatch(updateApplicationEvent(snapshot.accountId, region, application)), LIVE_CONTEXT),
    );
    liveReaudited = { status: reaudit.result.status, applications: reaudit.result.applications };
    reauditedApplication = application.ApplicationARN;
    outputs.push(
      textOutput('live/logs', reaudit.written),
      textOutput('live/summary', JSON.stringify(reaudit.result)),
    );

    // What reached S3 and SNS, and the chat payloads the notify function would post.
    for (const [key, object] of sandbox.state.bucketObjects(OUTPUTS.bucket) ?? []) {
      outputs.push({ name: `s3/${key}`, bytes: object.body });
    }
    for (const message of sandbox.state.messages) {
      outputs.push(textOutput(`sns/${message.messageId}`, JSON.stringify(message)));
      for (const format of WEBHOOK_FORMATS) {
        const notice = readAlertNotice(message.message, message.subject);
        outputs.push(
          textOutput(`chat/${format}/${message.messageId}`, JSON.stringify(buildChatMessage(format, notice))),
        );
      }
    }
  }, 180_000);

  afterAll(async () => {
    await sandbox?.close();
    harness.cleanup();
  });

  it('gathers every kind of output: report files, logs, summaries, S3 objects, SNS messages, chat payloads', () => {
    // Assess
    const names = outputs.map((output) => output.name);
    const kinds = [...new Set(names.map((name) => name.replace(/\/.*$/, '')))].sort();
    expect(kinds).toEqual(['chat', 'cli', 'live', 's3', 'scan', 'sns']);
    expect(names).toEqual(
      expect.arrayContaining([
        'cli/report.json',
        'cli/report.md',
        'cli/report.html',
        'cli/summary.md',
        'cli/stdout',
        'scan/logs',
        'live/logs',
      ]),
    );
    expect(outputs.find((output) => output.name === 'scan/logs')?.bytes.toString()).toContain(
      'Scan finished',
    );
    expect(liveReaudited).toEqual({ status: 'reaudited', applications: [reauditedApplication] });
  });

  it('reports the planted credentials of every application, masked', () => {
    // Assess
    const verdicts = lambdaReport.applications
      .map((application) => ({
        application: application.applicationName,
        checks: application.findings
          .filter((finding) => (CREDENTIAL_CHECKS as readonly string[]).includes(finding.checkId))
          .map((finding) => `${finding.checkId} ${finding.status}`)
          .sort(),
      }))
      .sort((left, right) => left.application.localeCompare(right.application));
    expect(verdicts).toEqual(
      [...planted.applications].sort().map((application) => ({
        application,
        checks: CREDENTIAL_CHECKS.map((check) => `${check} FAIL`).sort(),
      })),
    );
    const liveKeyIds = (snapshot.iam?.accessKeys ?? []).map((key) => maskKeyId(key.AccessKeyId));
    expect(liveKeyIds.filter((masked) => JSON.stringify(lambdaReport).includes(masked))).toEqual(liveKeyIds);
  });

  it('names a code object by its key as it is, a key id in that name included', () => {
    // Assess: a name is no value; masking it would point the report and the policy at no object
    const codeObjects = lambdaReport.applications
      .flatMap((application) => application.findings)
      .filter((finding) => finding.checkId === 'code-artifact-no-credentials')
      .map((finding) => finding.resourceArn.replace(/^.*\/([A-Z0-9]{20})\/.*$/, '$1'))
      .sort();
    expect(codeObjects).toEqual([...planted.names].sort());
  });

  it('writes no planted secret and no full access key id in any output', () => {
    // Assess
    expect(findLeaks(outputs, planted.values)).toEqual([]);
  });
});
