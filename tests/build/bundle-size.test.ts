import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Issue 7's budget for each Lambda bundle: 1.5 MB, in bytes (not MiB), so both readings hold. */
const BUNDLE_LIMIT_BYTES = 1_500_000;
const FUNCTIONS = ['scan', 'notify', 'org-targets', 'org-aggregate', 'live'] as const;

// What a handler reads at init; the endpoint is a closed loopback port, so nothing reaches AWS.
const INIT_ENVIRONMENT = {
  AWS_REGION: 'eu-west-1',
  REPORT_BUCKET: 'kda-auditor-bundle-test',
  WEBHOOK_PARAMETER: '/kda-auditor/bundle-test/webhook',
  AWS_ACCESS_KEY_ID: 'AKIABUNDLETESTDUMMY0',
  AWS_SECRET_ACCESS_KEY: 'bundle-test-dummy-secret',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

// Imports one bundle in a fresh node, counting the sockets it opens, and prints what it exports.
const IMPORT_PROBE = `
import net from 'node:net';
let sockets = 0;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { sockets += 1; return connect.apply(this, args); };
const bundle = await import(process.env.BUNDLE_URL);
await new Promise((settle) => setTimeout(settle, 50));
process.stdout.write('\\nPROBE ' + JSON.stringify({ exports: Object.keys(bundle), handler: typeof bundle.handler, sockets }) + '\\n');
process.exit(0);
`;

let outdir = '';

function bundlePath(name: string): string {
  return join(outdir, 'functions', name, 'handler.mjs');
}

async function importInFreshNode(name: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE], {
    // Outside the repository: the bundle must resolve nothing from node_modules.
    cwd: tmpdir(),
    env: { ...process.env, ...INIT_ENVIRONMENT, BUNDLE_URL: pathToFileURL(bundlePath(name)).href },
  });
  const line = stdout.split('\n').find((printed) => printed.startsWith('PROBE '));
  return line ? JSON.parse(line.slice('PROBE '.length)) : { stdout };
}

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'kda-bundles-'));
  await run(process.execPath, ['scripts/build.mjs', '--outdir', outdir, '--functions-only'], { cwd: root });
}, 120_000);

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('Script: scripts/build.mjs', () => {
  it('returns every Lambda bundle under 1.5 MB', async () => {
    // Act
    const sizes = await Promise.all(
      FUNCTIONS.map(async (name) => ({ name, bytes: (await stat(bundlePath(name))).size })),
    );

    // Assess
    expect(sizes.filter(({ bytes }) => bytes >= BUNDLE_LIMIT_BYTES)).toEqual([]);
  });

  it('returns a scan bundle without the EC2 schemas of commands it never sends', async () => {
    // Prepare: WithdrawByoipCidr is one of EC2's 700 commands; the auditor sends DescribeRegions only.
    const source = await readFile(bundlePath('scan'), 'utf8');

    // Act
    const schemas = {
      describeRegions: source.includes('"DescribeRegionsRequest"'),
      withdrawByoipCidr: source.includes('"WithdrawByoipCidrRequest"'),
    };

    // Assess
    expect(schemas).toEqual({ describeRegions: true, withdrawByoipCidr: false });
  });

  it('returns a scan bundle without the zod locales it never uses', async () => {
    // Prepare: zod's Hebrew locale names the "מחרוזת" type; English is the only locale configured.
    const source = await readFile(bundlePath('scan'), 'utf8');

    // Act
    // esbuild writes non-ASCII characters as \\u escapes.
    const hasHebrew =
      source.includes('\\u05DE\\u05D7\\u05E8\\u05D5\\u05D6\\u05EA') || source.includes('מחרוזת');

    // Assess
    expect(hasHebrew).toBe(false);
  });

  it.each(FUNCTIONS)(
    'returns a %s bundle that loads alone and calls nothing at import',
    async (name) => {
      // Act
      const loaded = await importInFreshNode(name);

      // Assess
      expect(loaded).toEqual({ exports: ['handler'], handler: 'function', sockets: 0 });
    },
    30_000,
  );
});
