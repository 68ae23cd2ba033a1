import { ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/run-cli.js';
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
