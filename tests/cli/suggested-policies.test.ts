import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSuggestedPolicies } from '../../cli/report-output.js';
import { buildReport } from '../../shared/report/build-report.js';
import { accountEvaluation, applicationEvaluation, finding, reportMeta } from '../support/audit-builders.js';
import { PIPELINE, pipelineSnapshot } from '../support/permission-fixtures.js';
import { cliHarness, FIXED } from './cli-harness.js';

let harness: ReturnType<typeof cliHarness>;
beforeEach(() => {
  harness = cliHarness();
});
afterEach(() => harness.cleanup());

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(harness.cwd, path), 'utf8'));

describe('Command: evaluate --out', () => {
  it('writes the suggested policy of each application to DIR/policies/<application>.json', async () => {
    // Prepare
    writeFileSync(join(harness.cwd, 'account.json'), JSON.stringify(pipelineSnapshot()));

    // Act
    const result = await harness.run(['evaluate', '--snapshot', 'account.json', '--out', 'out'], FIXED);

    // Assess
    const report = readJson('out/report.json') as { applications: { suggestedPolicy?: unknown }[] };
    const policy = readJson('out/policies/orders-enricher.json');
    expect([result.code, readdirSync(join(harness.cwd, 'out/policies'))]).toEqual([
      0,
      ['orders-enricher.json'],
    ]);
    expect(policy).toEqual(report.applications[0]?.suggestedPolicy);
    expect(policy).toMatchObject({
      Version: '2012-10-17',
      Statement: expect.arrayContaining([
        {
          Sid: 'KmsKey1111aaaa2222Bbbb3333Cccc4444dddd',
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: PIPELINE.sourceKey,
        },
      ]),
    });
  });
});

describe('Function: writeSuggestedPolicies', () => {
  it('returns the files written, with the region when a name is in several regions, none without a policy', async () => {
    // Prepare
    const required = [
      { action: 'kinesis:ListShards', resource: PIPELINE.source, reason: 'source kinesis-stream orders' },
    ];
    const report = buildReport(
      accountEvaluation([
        applicationEvaluation('orders', [finding()], { requiredPermissions: required }),
        applicationEvaluation('orders', [finding()], { region: 'us-east-1', requiredPermissions: required }),
        applicationEvaluation('billing', [finding()], { requiredPermissions: required }),
        applicationEvaluation('undescribed', [finding()]),
      ]),
      reportMeta(),
    );

    // Act
    const written = await writeSuggestedPolicies(join(harness.cwd, 'out'), report);

    // Assess
    expect(written.map((file) => file.slice(harness.cwd.length + 1))).toEqual([
      'out/policies/billing.json',
      'out/policies/orders.eu-west-1.json',
      'out/policies/orders.us-east-1.json',
    ]);
    expect(readJson('out/policies/billing.json')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'KinesisStreamOrders',
          Effect: 'Allow',
          Action: ['kinesis:ListShards'],
          Resource: PIPELINE.source,
        },
      ],
    });
  });

  it('returns no file and creates no folder when no application has a suggested policy', async () => {
    // Prepare
    const report = buildReport(
      accountEvaluation([applicationEvaluation('undescribed', [finding()])]),
      reportMeta(),
    );

    // Act
    const written = await writeSuggestedPolicies(join(harness.cwd, 'out'), report);

    // Assess
    expect([written, readdirSync(harness.cwd)]).toEqual([[], []]);
  });
});
