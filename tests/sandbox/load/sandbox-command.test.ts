import { ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import { AssumeRoleCommand, type AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { SANDBOX_EXTERNAL_ID } from '../../../cli/commands/sandbox.js';
import { runCli } from '../../../cli/run-cli.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { outcome, sandboxClients } from './load-fixtures.js';

/** Runs `kda-auditor sandbox …`; while it serves, `whileServing` gets its endpoint. */
async function runSandbox(
  args: string[],
  whileServing: (endpoint: string) => Promise<string> = async () => '',
) {
  let stdout = '';
  let stderr = '';
  let seen = '';
  const code = await runCli(
    ['sandbox', ...args],
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd: process.cwd(),
    },
    {
      untilStopped: async () => {
        const endpoint = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
        seen = await whileServing(endpoint);
      },
    },
  );
  return { code, stdout, stderr, seen };
}

describe('Command: sandbox --faults / --rate-limits', () => {
  it('serves with the faults and quotas asked for, and reports what it injected', async () => {
    // Act
    const run = await runSandbox(
      ['--rate-limits', '--faults', 'rate=1,kinds=503,seed=3'],
      async (endpoint) => {
        const client = sandboxClients(endpoint).kinesisAnalytics('eu-west-1');
        const result = await outcome(client.send(new ListApplicationsCommand({})));
        client.destroy();
        return result;
      },
    );

    // Assess
    expect([run.code, run.seen, run.stdout.split('\n').slice(-3), run.stderr]).toEqual([
      0,
      'ServiceUnavailable',
      ["Throttling at AWS's documented request quotas.", 'Failing 100% of requests (503; seed 3).', ''],
      'Served 1 requests: 0 throttled, 1 faults injected.\nSandbox stopped.\n',
    ]);
  });

  it('refuses a bad fault spec as a usage error naming every problem', async () => {
    // Act
    const run = await runSandbox(['--faults', 'rate=2,kinds=500+boom']);

    // Assess
    expect([run.code, run.stderr.split('\n\n')[0]?.split('\n')]).toEqual([
      2,
      [
        'kda-auditor sandbox: --faults rate=2,kinds=500+boom: kinds: "boom" is not one of 500, 503, reset, slow (join several with +)',
        '  --faults rate=2,kinds=500+boom: rate must be a number from 0 to 1 (the share of requests that fail), got 2',
      ],
    ]);
  });
});

describe('Command: sandbox --organization', () => {
  it('serves a generated organisation whose member accounts the auditor role can enter', async () => {
    // Act
    const run = await runSandbox(['--organization', '2', '--generate', 'apps=2,seed=4'], async (endpoint) => {
      const auditor = sandboxClients(endpoint);
      const scan = await auditor.sts('eu-west-1').send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::500000000000:role/kda-auditor-scan',
          RoleSessionName: 'scan',
        }),
      );
      const member = await createClientFactory({
        endpoint,
        credentials: sessionOf(scan),
        maxAttempts: 1,
        env: {},
      })
        .sts('eu-west-1')
        .send(
          new AssumeRoleCommand({
            RoleArn: 'arn:aws:iam::500000000002:role/kda-auditor-member',
            RoleSessionName: 'scan',
            ExternalId: SANDBOX_EXTERNAL_ID,
          }),
        );
      const { ApplicationSummaries } = await createClientFactory({
        endpoint,
        credentials: sessionOf(member),
        maxAttempts: 1,
        env: {},
      })
        .kinesisAnalytics('eu-west-1')
        .send(new ListApplicationsCommand({}));
      return `${ApplicationSummaries?.length ?? 0} applications`;
    });

    // Assess
    expect([run.code, run.seen, run.stdout.split('\n')[0], run.stdout.split('\n').slice(-6, -2)]).toEqual([
      0,
      '2 applications',
      expect.stringMatching(
        /^Sandbox serving account 500000000000 \(the management account of a generated organisation of 2 member accounts\) at http/,
      ),
      [
        expect.stringMatching(/^Organisation o-[a-z0-9]{10}: member accounts 500000000001, 500000000002\.$/),
        '  Auditor role: arn:aws:iam::500000000000:role/kda-auditor-scan (assume it first: member roles trust only it)',
        `  Member role ExternalId: ${SANDBOX_EXTERNAL_ID}`,
        '  Reports: s3://kda-auditor-reports-500000000000, alerts: arn:aws:sns:eu-west-1:500000000000:kda-auditor-alerts',
      ],
    ]);
  });
});

function sessionOf(response: AssumeRoleCommandOutput) {
  return {
    accessKeyId: response.Credentials?.AccessKeyId ?? '',
    secretAccessKey: response.Credentials?.SecretAccessKey ?? '',
    sessionToken: response.Credentials?.SessionToken ?? '',
  };
}
