import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrgTargetsConfig } from '../../../functions/org-targets/config.js';
import { createHandler } from '../../../functions/org-targets/targets-handler.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { createOrganizationsClient } from '../../../shared/aws/organizations-client.js';
import { PublishError } from '../../../shared/errors.js';
import type { listScanTargets } from '../../../shared/organization/list-scan-targets.js';
import { ORG_SCAN_ID, ORGANIZATION_ID, scanTarget } from '../../support/organization-fixtures.js';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const CONFIG: OrgTargetsConfig = {
  region: 'eu-west-1',
  reportBucket: 'kda-auditor-reports',
  reportPrefix: 'reports',
  scanRegions: ['eu-west-1', 'us-east-1'],
  includeAccounts: [],
  excludeAccounts: ['444444444444'],
  maxConcurrency: 20,
  toleratedFailurePercentage: 10,
};

const CONTEXT = {
  functionName: 'kda-auditor-org-targets',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:kda-auditor-org-targets',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
} as Context;

const TARGETS = [
  scanTarget({ region: 'eu-west-1' }),
  scanTarget({ region: 'us-east-1' }),
  scanTarget({ accountId: '333333333333', accountName: 'dev', region: 'eu-west-1' }),
];
const SKIPPED = [{ accountId: '444444444444', accountName: 'sandbox', reason: 'listed in the exclude list' }];

/** A targets handler around a fake listScanTargets, with silent logs and captured metrics. */
function harness(config: OrgTargetsConfig = CONFIG) {
  const clients = createClientFactory({ env: {} });
  const organizations = createOrganizationsClient('us-east-1', { env: {} });
  const list = vi.fn<typeof listScanTargets>(async () => ({
    organizationId: ORGANIZATION_ID,
    targets: TARGETS,
    skipped: SKIPPED,
  }));
  const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  const handler = createHandler({
    config,
    clients,
    organizations,
    listScanTargets: list,
    logger: new Logger({ serviceName: 'kda-auditor', logLevel: 'SILENT' }),
    metrics,
    clock: () => new Date('2026-11-29T02:00:00.000Z'),
    newScanId: () => ORG_SCAN_ID,
  });
  return { handler, clients, organizations, list, addMetric };
}

describe('Function: createHandler (organisation targets)', () => {
  it('writes the targets as the Map items and returns where they are, with the Map settings', async () => {
    // Prepare
    const { handler, clients, organizations, list, addMetric } = harness();

    // Act
    const output = await handler({ trigger: 'schedule' }, CONTEXT);

    // Assess
    const runPrefix = `reports/organization/runs/${ORG_SCAN_ID}`;
    expect(output).toEqual({
      orgScanId: ORG_SCAN_ID,
      startedAt: '2026-11-29T02:00:00.000Z',
      organizationId: ORGANIZATION_ID,
      itemsBucket: 'kda-auditor-reports',
      itemsKey: `${runPrefix}/targets.json`,
      resultsPrefix: runPrefix,
      targetCount: 3,
      skipped: SKIPPED,
      settings: { maxConcurrency: 20, toleratedFailurePercentage: 10 },
    });
    expect(list).toHaveBeenCalledWith({
      organizations,
      ec2: clients.ec2('eu-west-1'),
      orgScanId: ORG_SCAN_ID,
      regions: ['eu-west-1', 'us-east-1'],
      include: [],
      exclude: ['444444444444'],
    });
    expect(s3).toReceiveCommandWith(PutObjectCommand, {
      Bucket: 'kda-auditor-reports',
      Key: `${runPrefix}/targets.json`,
      Body: JSON.stringify(TARGETS.map((target) => ({ trigger: 'organization', ...target }))),
      ContentType: 'application/json',
    });
    expect(addMetric.mock.calls.filter(([name]) => name !== 'ColdStart')).toEqual([
      ['OrganizationAccounts', 'Count', 2],
      ['OrganizationTargets', 'Count', 3],
      ['OrganizationAccountsSkipped', 'Count', 1],
    ]);
  });

  it('puts the run at the bucket root when the report prefix is empty', async () => {
    // Prepare
    const { handler } = harness({ ...CONFIG, reportPrefix: '' });

    // Act
    const output = await handler({}, CONTEXT);

    // Assess
    expect({ itemsKey: output.itemsKey, resultsPrefix: output.resultsPrefix }).toEqual({
      itemsKey: `organization/runs/${ORG_SCAN_ID}/targets.json`,
      resultsPrefix: `organization/runs/${ORG_SCAN_ID}`,
    });
  });

  it('throws PublishError saying what to grant when the targets cannot be written', async () => {
    // Prepare
    const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    s3.on(PutObjectCommand).rejects(denied);
    const { handler } = harness();

    // Act
    const invocation = handler({}, CONTEXT);

    // Assess
    await expect(invocation).rejects.toThrow(
      new PublishError(
        `Could not write the organisation scan's targets to s3://kda-auditor-reports/reports/organization/runs/${ORG_SCAN_ID}/targets.json (AccessDenied: Access Denied): ` +
          "grant the targets function's role s3:PutObject on the report bucket, then start the state machine again.",
      ),
    );
  });
});
