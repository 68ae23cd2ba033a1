import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandler as createAggregateHandler } from '../../functions/org-aggregate/aggregate-handler.js';
import type { OrgAggregateConfig } from '../../functions/org-aggregate/config.js';
import type { OrgTargetsConfig } from '../../functions/org-targets/config.js';
import { createHandler as createTargetsHandler } from '../../functions/org-targets/targets-handler.js';
import type { ScanConfig } from '../../functions/scan/config.js';
import { createHandler as createScanHandler } from '../../functions/scan/scan-handler.js';
import { generateOrganization } from '../../sandbox/generator/generate-organization.js';
import { GENERATOR_REGIONS } from '../../sandbox/generator/regions.js';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import {
  type ClientFactory,
  type ClientFactoryOptions,
  createClientFactory,
} from '../../shared/aws/clients.js';
import { createOrganizationsClient } from '../../shared/aws/organizations-client.js';
import { aggregateOrganization } from '../../shared/organization/aggregate.js';
import { listScanTargets } from '../../shared/organization/list-scan-targets.js';
import { organizationAlert } from '../../shared/organization/organization-alert.js';
import { readMapResults } from '../../shared/organization/read-map-results.js';
import type { OrganizationReport } from '../../shared/organization/types.js';
import { writeOrganizationReport } from '../../shared/organization/write-organization-report.js';
import { publishAlerts } from '../../shared/publish/publish-alert.js';
import type { AuditReport } from '../../shared/report/types.js';
import { scoreAccount } from '../../shared/score/score.js';
import { type LambdaFunction, loadDefinition, runStateMachine } from '../support/state-machine-driver.js';

// The organisation scan end to end: the real definition, driven locally over the three handlers,
// each with real SDK clients against a sandbox serving a management account and three members
// (the last without the member role), in two regions.
const EXTERNAL_ID = 'kda-auditor-org-flow-external-id';
const REGION = GENERATOR_REGIONS[0] ?? 'eu-west-1';
const REGIONS = GENERATOR_REGIONS.slice(0, 2);
const PREFIX = 'reports';
const ORGANIZATION = generateOrganization({
  seed: 606,
  accounts: 3,
  regions: 2,
  applicationsPerAccount: 3,
  memberRoleMissing: 1,
  externalId: EXTERNAL_ID,
});
const MANAGEMENT = ORGANIZATION.auditor.accountId;
const MEMBERS = ORGANIZATION.members.map((member) => member.accountId);
const WITHOUT_ROLE = MEMBERS[2] ?? '';
const DEFINITION_PATH = fileURLToPath(
  new URL('../../statemachine/organization-scan.asl.json', import.meta.url),
);
const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${MANAGEMENT}:function:${name}`;
const ARNS = {
  OrgTargetsFunctionArn: functionArn('kda-auditor-org-targets'),
  ScanFunctionArn: functionArn('kda-auditor-scan'),
  OrgAggregateFunctionArn: functionArn('kda-auditor-org-aggregate'),
};

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  vi.restoreAllMocks();
});

/** Powertools logs silenced and metrics kept in memory: the flow is asserted on its outputs. */
function quiet() {
  const logger = new Logger({ serviceName: 'kda-auditor', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  return { logger, metrics };
}

/** The client options of the functions: the sandbox's user acting as the auditor's scan role, as Lambda would. */
async function auditorClientOptions(endpoint: string): Promise<ClientFactoryOptions> {
  const user = createClientFactory({
    endpoint,
    credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' },
    env: {},
    maxAttempts: 1,
  });
  const { Credentials } = await user
    .sts(REGION)
    .send(
      new AssumeRoleCommand({ RoleArn: ORGANIZATION.auditorRoleArn, RoleSessionName: 'kda-auditor-scan' }),
    );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey)
    throw new Error('the sandbox gave no credentials');
  return {
    endpoint,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      ...(Credentials.SessionToken ? { sessionToken: Credentials.SessionToken } : {}),
    },
    env: {},
    maxAttempts: 1,
  };
}

/** The three functions as the template deploys them, built from their factories with the sandbox's clients. */
function organizationFunctions(
  endpoint: string,
  clients: ClientFactory,
  organizations: OrganizationsClient,
  settings: { maxConcurrency: number; toleratedFailurePercentage: number },
  scanClock?: () => Date,
): Record<string, LambdaFunction> {
  const targetsConfig: OrgTargetsConfig = {
    region: REGION,
    reportBucket: ORGANIZATION.reportBucket,
    reportPrefix: PREFIX,
    scanRegions: REGIONS,
    includeAccounts: [],
    excludeAccounts: [],
    ...settings,
  };
  const scanConfig: ScanConfig = {
    region: REGION,
    reportBucket: ORGANIZATION.reportBucket,
    reportPrefix: PREFIX,
    // Set as in the template: organisation items must still never publish per-account alerts.
    topicArn: ORGANIZATION.topicArn,
    alertThreshold: 'high',
    scanRegions: REGIONS,
    codeArtifactMaxBytes: 64 * 1024 * 1024,
    codeArtifactBytesInFlight: 128 * 1024 * 1024,
    artifactCachePrefix: 'cache/code-artifact-scans',
    suppressionsKey: `${PREFIX}/suppressions.yaml`,
    securityHubExport: false,
    scoreDrop: 10,
    trendLength: 30,
    timeLimitMarginSeconds: 30,
    organization: { memberRoleName: 'kda-auditor-member', memberExternalId: EXTERNAL_ID },
  };
  const aggregateConfig: OrgAggregateConfig = {
    region: REGION,
    reportBucket: ORGANIZATION.reportBucket,
    reportPrefix: PREFIX,
    topicArn: ORGANIZATION.topicArn,
    alertThreshold: 'high',
    scoreDrop: 10,
  };
  return {
    [ARNS.OrgTargetsFunctionArn]: createTargetsHandler({
      config: targetsConfig,
      clients,
      organizations,
      listScanTargets,
      ...quiet(),
    }),
    [ARNS.ScanFunctionArn]: createScanHandler({
      config: scanConfig,
      clients,
      runAudit,
      loadSuppressions: async () => undefined,
      memberClients: (credentials) => createClientFactory({ endpoint, credentials, env: {}, maxAttempts: 1 }),
      ...(scanClock ? { clock: scanClock } : {}),
      ...quiet(),
    }),
    [ARNS.OrgAggregateFunctionArn]: createAggregateHandler({
      config: aggregateConfig,
      clients,
      library: {
        readMapResults,
        aggregateOrganization,
        writeOrganizationReport,
        organizationAlert,
        publishAlerts,
      },
      ...quiet(),
    }),
  };
}

/** Starts the sandbox and runs one execution of the real definition. */
async function runOrganizationScan(
  settings: { maxConcurrency: number; toleratedFailurePercentage: number },
  wrapScan: (scan: LambdaFunction) => LambdaFunction = (scan) => scan,
) {
  sandbox = await startSandbox({ snapshot: ORGANIZATION.auditor, members: ORGANIZATION.members });
  const clientOptions = await auditorClientOptions(sandbox.endpoint);
  const clients = createClientFactory(clientOptions);
  const organizations = createOrganizationsClient(REGION, clientOptions);
  const functions = organizationFunctions(sandbox.endpoint, clients, organizations, settings);
  const scan = functions[ARNS.ScanFunctionArn];
  if (scan) functions[ARNS.ScanFunctionArn] = wrapScan(scan);
  const execution = await runStateMachine(
    loadDefinition(DEFINITION_PATH, ARNS),
    { trigger: 'schedule' },
    {
      functions,
      s3: clients.s3(REGION),
      region: REGION,
      accountId: MANAGEMENT,
      stateMachineName: 'kda-auditor-organization-scan',
    },
  );
  return { execution, sandbox, clients };
}

/** Every object key of the report bucket. */
async function bucketKeys(clients: ClientFactory): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3(REGION).send(
      new ListObjectsV2Command({
        Bucket: ORGANIZATION.reportBucket,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

/** A JSON object of the report bucket. */
function readObject<T>(running: Sandbox, key: string): T {
  const object = running.state.bucketObjects(ORGANIZATION.reportBucket)?.get(key);
  if (!object) throw new Error(`s3://${ORGANIZATION.reportBucket}/${key} was not written`);
  return JSON.parse(object.body.toString('utf8')) as T;
}

/** Every message published in any account the sandbox serves. */
function publishedMessages(running: Sandbox) {
  return [...running.accounts.values()].flatMap((state) => state.messages);
}

describe('Flow: organisation scan on Step Functions (local driver, sandbox organisation)', {
  timeout: 120_000,
}, () => {
  it('writes the organisation report, the per-target reports and exactly one alert, reporting the account without the member role', async () => {
    // Act
    const {
      execution,
      sandbox: running,
      clients,
    } = await runOrganizationScan({
      maxConcurrency: 3,
      toleratedFailurePercentage: 10,
    });

    // Assess
    if (execution.status !== 'SUCCEEDED')
      throw new Error(`execution failed: ${execution.error} ${execution.cause}`);
    const report = readObject<OrganizationReport>(running, `${PREFIX}/organization/latest.json`);
    const keys = await bucketKeys(clients);
    const scannedAccounts = [MANAGEMENT, ...MEMBERS.slice(0, 2)];
    const regional = scannedAccounts.flatMap((accountId) =>
      REGIONS.map((region) =>
        readObject<AuditReport>(running, `${PREFIX}/${region}/${accountId}/latest.json`),
      ),
    );
    const applications = regional.flatMap((entry) => entry.applications);
    const messages = publishedMessages(running);

    expect({
      output: execution.output,
      states: execution.states,
      targets: report.totals.targets,
      accounts: report.totals.accounts,
      statuses: Object.fromEntries(report.accounts.map((account) => [account.accountId, account.status])),
      failedTargets: report.failedTargets.map(({ accountId, region, errorName }) => ({
        accountId,
        region,
        errorName,
      })),
      regionalReports: keys.filter((key) => /^reports\/[a-z0-9-]+\/\d{12}\/latest\.json$/.test(key)),
      organizationKeys: keys.filter(
        (key) => key.startsWith(`${PREFIX}/organization/`) && !key.includes('/runs/'),
      ),
      messages: messages.map((message) => message.messageAttributes.eventType?.StringValue),
      complete: report.complete,
    }).toEqual({
      output: {
        orgScanId: report.orgScanId,
        reportUri: `s3://${ORGANIZATION.reportBucket}/${PREFIX}/organization/${report.orgScanId.slice(0, 4)}/${report.orgScanId.slice(4, 6)}/${report.orgScanId.slice(6, 8)}/${report.orgScanId}.json`,
        accounts: 4,
        targets: 8,
        failedTargets: 2,
        alertSent: true,
      },
      states: [
        'ListTargets',
        'ScanTargets',
        ...Array.from({ length: 8 }, () => 'ScanTargets/ScanTarget'),
        'Aggregate',
        'Done',
      ],
      targets: { total: 8, scanned: 6, failed: 2, incomplete: 0 },
      accounts: { listed: 4, scanned: 3, partial: 0, failed: 1, skipped: 0 },
      statuses: {
        [MANAGEMENT]: 'scanned',
        [MEMBERS[0] ?? '']: 'scanned',
        [MEMBERS[1] ?? '']: 'scanned',
        [WITHOUT_ROLE]: 'failed',
      },
      failedTargets: REGIONS.map((region) => ({
        accountId: WITHOUT_ROLE,
        region,
        errorName: 'MemberAccessError',
      })),
      regionalReports: scannedAccounts
        .flatMap((accountId) => REGIONS.map((region) => `${PREFIX}/${region}/${accountId}/latest.json`))
        .sort(),
      organizationKeys: [
        `${PREFIX}/organization/${report.orgScanId.slice(0, 4)}/${report.orgScanId.slice(4, 6)}/${report.orgScanId.slice(6, 8)}/${report.orgScanId}.json`,
        `${PREFIX}/organization/${report.orgScanId.slice(0, 4)}/${report.orgScanId.slice(4, 6)}/${report.orgScanId.slice(6, 8)}/${report.orgScanId}.md`,
        // The marker that keeps a retried Aggregate step from sending the alert twice.
        expect.stringMatching(/^reports\/organization\/alerts\/[0-9a-f]{64}\.json$/),
        `${PREFIX}/organization/latest.json`,
      ],
      messages: ['ORGANIZATION_SUMMARY'],
      complete: false,
    });
    // The failing account is named with what to do about it.
    expect(report.failedTargets.every((target) => target.reason.includes('member-role.yaml'))).toBe(true);
    // Each account's score is its findings' score over both regions, as if scanned at once.
    for (const accountId of scannedAccounts) {
      const own = regional
        .filter((entry) => entry.accountId === accountId)
        .flatMap((entry) => entry.applications);
      const expected = scoreAccount(own);
      const account = report.accounts.find((entry) => entry.accountId === accountId);
      expect({ accountId, score: account?.score, grade: account?.grade }).toEqual({
        accountId,
        score: expected.score,
        grade: expected.grade,
      });
    }
    // Totals and the worst applications come from the per-target reports (worst first; ties in any order).
    const byScoreThenArn = (entries: readonly { applicationArn: string; score: number | null }[]) =>
      entries
        .map((entry): [string, number | null] => [entry.applicationArn, entry.score])
        .sort((a, b) => (a[1] ?? 101) - (b[1] ?? 101) || a[0].localeCompare(b[0]));
    const scores = report.worstApplications.map((entry) => entry.score ?? 101);
    expect({
      applications: report.totals.applications,
      worst: byScoreThenArn(report.worstApplications),
      worstFirst: scores.every((score, index) => index === 0 || (scores[index - 1] ?? 0) <= score),
    }).toEqual({
      applications: applications.length,
      worst: byScoreThenArn(applications).slice(0, 10),
      worstFirst: true,
    });
  });

  it('still writes the organisation report through the Catch path when the tolerated failures are exceeded', async () => {
    // Prepare: the first member's scans crash (a Lambda timeout), and no failure is tolerated.
    const crashing = MEMBERS[0] ?? '';
    const wrap = (scan: LambdaFunction): LambdaFunction =>
      async function scanOrCrash(event, context) {
        if (
          typeof event === 'object' &&
          event !== null &&
          'accountId' in event &&
          event.accountId === crashing
        )
          throw new Error('Task timed out after 900.00 seconds');
        return scan(event, context);
      };

    // Act
    const { execution, sandbox: running } = await runOrganizationScan(
      { maxConcurrency: 1, toleratedFailurePercentage: 0 },
      wrap,
    );

    // Assess
    if (execution.status !== 'SUCCEEDED')
      throw new Error(`execution failed: ${execution.error} ${execution.cause}`);
    const report = readObject<OrganizationReport>(running, `${PREFIX}/organization/latest.json`);
    expect({
      output: execution.output,
      states: execution.states,
      mapError: report.mapError,
      complete: report.complete,
      targets: report.totals.targets,
      failedTargets: report.failedTargets.map(({ accountId, region, errorName }) => ({
        accountId,
        region,
        errorName,
      })),
      messages: publishedMessages(running).map((message) => message.messageAttributes.eventType?.StringValue),
    }).toEqual({
      output: expect.objectContaining({ accounts: 4, targets: 8, failedTargets: 6, alertSent: true }),
      // Items run in targets.json order (account, then region): the management account's two, then the crash.
      states: [
        'ListTargets',
        'ScanTargets',
        'ScanTargets/ScanTarget',
        'ScanTargets/ScanTarget',
        'ScanTargets/ScanTarget',
        'Aggregate',
        'Done',
      ],
      mapError: {
        error: 'States.ExceedToleratedFailureThreshold',
        cause: 'The specified tolerated failure threshold was exceeded',
      },
      complete: false,
      targets: { total: 8, scanned: 2, failed: 6, incomplete: 0 },
      failedTargets: [
        { accountId: crashing, region: REGIONS[0], errorName: 'Error' },
        { accountId: crashing, region: REGIONS[1], errorName: 'States.ExceedToleratedFailureThreshold' },
        ...MEMBERS.slice(1).flatMap((accountId) =>
          REGIONS.map((region) => ({
            accountId,
            region,
            errorName: 'States.ExceedToleratedFailureThreshold',
          })),
        ),
      ],
      messages: ['ORGANIZATION_SUMMARY'],
    });
  });

  it('counts a member item stopped by its time limit as incomplete: its partial report is merged into its latest.json, and its next run reads what it missed first', async () => {
    // Prepare: the scan function's clock moves 1 ms each time it is read, so a deadline k ms after
    // the item starts falls after k readings: a deterministic mid-scan stop (as in the reliability
    // test). Items run one at a time, in targets.json order.
    const T0 = Date.parse('2026-11-29T02:00:00Z');
    let readings = 0;
    const clock = () => new Date(T0 + readings++);
    const target = { accountId: MEMBERS[0] ?? '', region: REGION };
    const isTarget = (event: unknown) =>
      typeof event === 'object' &&
      event !== null &&
      'accountId' in event &&
      'region' in event &&
      event.accountId === target.accountId &&
      event.region === target.region;
    let readingsOfTarget = 0;
    let stopAfter: number | undefined;
    sandbox = await startSandbox({ snapshot: ORGANIZATION.auditor, members: ORGANIZATION.members });
    const running = sandbox;
    const clientOptions = await auditorClientOptions(running.endpoint);
    const clients = createClientFactory(clientOptions);
    const functions = organizationFunctions(
      running.endpoint,
      clients,
      createOrganizationsClient(REGION, clientOptions),
      { maxConcurrency: 1, toleratedFailurePercentage: 50 },
      clock,
    );
    const scan = functions[ARNS.ScanFunctionArn];
    if (!scan) throw new Error('no scan function');
    functions[ARNS.ScanFunctionArn] = async function scanWithTimeLimit(event, context) {
      if (!isTarget(event)) return scan(event, context);
      const before = readings;
      const left = stopAfter;
      // The 30 s margin is kept: reads stop `left` readings after the item starts.
      const result = await scan(
        event,
        left === undefined ? context : { ...context, getRemainingTimeInMillis: () => 30_000 + left },
      );
      readingsOfTarget = readings - before;
      return result;
    };
    const info = vi.spyOn(Logger.prototype, 'info');
    const execute = async () => {
      const execution = await runStateMachine(
        loadDefinition(DEFINITION_PATH, ARNS),
        { trigger: 'schedule' },
        {
          functions,
          s3: clients.s3(REGION),
          region: REGION,
          accountId: MANAGEMENT,
          stateMachineName: 'kda-auditor-organization-scan',
        },
      );
      if (execution.status !== 'SUCCEEDED')
        throw new Error(`execution failed: ${execution.error} ${execution.cause}`);
      return readObject<OrganizationReport>(running, `${PREFIX}/organization/latest.json`);
    };
    const targetLatest = () =>
      readObject<AuditReport>(running, `${PREFIX}/${target.region}/${target.accountId}/latest.json`);

    // Act 1: the nightly baseline, with time to spare; how often the target's scan reads the clock.
    await execute();
    const baseline = targetLatest();
    stopAfter = Math.floor(readingsOfTarget * 0.6);

    // Act 2: the target's item reaches its time limit mid-scan.
    const organization = await execute();
    const partial = targetLatest();

    // Assess 2: scanned, incomplete, neither failed nor complete; nothing judged twice or lost.
    const missed = partial.notReached?.applications ?? [];
    const account = organization.accounts.find((entry) => entry.accountId === target.accountId);
    expect(missed.length).toBeGreaterThan(0);
    expect({
      targets: organization.totals.targets,
      complete: organization.complete,
      account: { status: account?.status, complete: account?.complete },
      region: account?.regions.find((entry) => entry.region === target.region),
      partial: { complete: partial.complete, judgedIn: [...new Set(missed.map((entry) => entry.judgedIn))] },
      applications: partial.applications.map((entry) => entry.applicationArn).sort(),
    }).toEqual({
      targets: { total: 8, scanned: 6, failed: 2, incomplete: 1 },
      complete: false,
      account: { status: 'scanned', complete: false },
      region: expect.objectContaining({ status: 'scanned', complete: false, notReached: missed.length }),
      // Merged into the baseline: what was missed keeps its verdicts, with the scan that gave them.
      partial: { complete: false, judgedIn: [baseline.scanId] },
      applications: baseline.applications.map((entry) => entry.applicationArn).sort(),
    });
    const alert = publishedMessages(running).at(-1);
    expect(JSON.stringify(alert)).toContain(
      `${missed.length === 1 ? '1 application' : `${missed.length} applications`} not reached before the time limit`,
    );

    // Act 3: the next run, stopped at the same point.
    info.mockClear();
    await execute();

    // Assess 3: the target's scan read first what it had missed.
    expect(info.mock.calls.map(([message]) => message)).toContain(
      `Reading first ${missed.length} application(s) not reached last time.`,
    );
  });
});
