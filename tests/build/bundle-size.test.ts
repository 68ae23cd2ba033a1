import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInFreshNode } from './import-probe.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Issue 7's budget for each Lambda bundle: 1.5 MB, in bytes (not MiB), so both readings hold. */
const BUNDLE_LIMIT_BYTES = 1_500_000;
const FUNCTIONS = ['scan', 'notify', 'org-targets', 'org-aggregate', 'live'] as const;

let outdir = '';

function bundlePath(name: string): string {
  return join(outdir, 'functions', name, 'handler.mjs');
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

  it('returns the Organizations client in the org-targets bundle only', async () => {
    // Prepare: every Organizations request names its JSON target, AWSOrganizationsV20161128.<Operation>.
    const sources = await Promise.all(FUNCTIONS.map((name) => readFile(bundlePath(name), 'utf8')));

    // Act
    const withOrganizations = FUNCTIONS.filter((_, at) => sources[at]?.includes('AWSOrganizationsV20161128'));

    // Assess
    expect(withOrganizations).toEqual(['org-targets']);
  });

  it.each(FUNCTIONS)(
    'returns a %s bundle that loads alone and calls nothing at import',
    async (name) => {
      // Act
      const loaded = await importInFreshNode(bundlePath(name));

      // Assess
      expect(loaded).toEqual({ exports: ['handler'], handler: 'function', sockets: 0 });
    },
    30_000,
  );
});
