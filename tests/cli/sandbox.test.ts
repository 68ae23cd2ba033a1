import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'kda-auditor-sandbox-cli-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

async function callerAccount(endpoint: string): Promise<string | undefined> {
  const sts = new STSClient({
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 1,
  });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } finally {
    sts.destroy();
  }
}

/**
 * Runs `sandbox` in-process. Once it listens (when it waits to be stopped), asks the endpoint it
 * printed who the caller is, then stops it.
 */
async function serveOnce(argv: string[]) {
  let stdout = '';
  let stderr = '';
  let account: string | undefined;
  const code = await runCli(
    ['sandbox', ...argv],
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
      cwd,
    },
    {
      untilStopped: async () => {
        const endpoint = /at (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)?.[1];
        account = endpoint ? await callerAccount(endpoint) : undefined;
      },
    },
  );
  return { code, stdout, stderr, account };
}

describe('Command: sandbox', () => {
  it('serves the demo account until stopped and prints how to point clients at it', async () => {
    // Act
    const result = await serveOnce([]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.account).toBe('111122223333');
    expect(result.stdout).toMatch(
      /^Sandbox serving account 111122223333 \(the demo account\) at http:\/\/127\.0\.0\.1:\d+\n/,
    );
    expect(result.stdout).toContain('  export AWS_ENDPOINT_URL=http://127.0.0.1:');
    expect(result.stderr).toBe('Sandbox stopped.\n');
  });

  it('serves a snapshot file', async () => {
    // Prepare
    writeFileSync(
      join(cwd, 'account.json'),
      JSON.stringify({ snapshotVersion: 1, accountId: '123456789012' }),
    );

    // Act
    const result = await serveOnce(['--snapshot', 'account.json']);

    // Assess
    expect(result.account).toBe('123456789012');
    expect(result.stdout).toMatch(/^Sandbox serving account 123456789012 \(.*account\.json\)/);
  });

  it('serves a generated account', async () => {
    // Act
    const result = await serveOnce(['--generate', 'apps=12,regions=2,seed=7']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.account).toBe('444455556666');
    expect(result.stdout).toMatch(/\(generated: apps=12,regions=2,seed=7\)/);
  });

  it.each([
    [['--generate', 'apps=x'], '--generate apps=x: apps: "x" is not a whole number'],
    [['--generate', 'regions=2'], '--generate regions=2: apps=N is required'],
    [
      ['--generate', 'apps=3,shards=2'],
      '--generate apps=3,shards=2: "shards=2" is not one of apps=N, regions=N, seed=N',
    ],
    [['--generate', 'apps=3,regions=99'], '--generate: regions must be'],
    [
      ['--snapshot', 'a.json', '--generate', 'apps=3'],
      '--snapshot serves the file given: drop --generate and --organization, or drop --snapshot to serve a generated account',
    ],
    [['--port', '70000'], '--port: "70000" is not a whole number from 0 to 65535'],
  ])('rejects %j as a usage error', async (argv, message) => {
    // Act
    const result = await serveOnce(argv);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.account).toBeUndefined();
  });
});
