import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importInFreshNode } from './import-probe.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Issue 7's budget for each Lambda bundle: 1.5 MB, in bytes. */
const BUNDLE_LIMIT_BYTES = 1_500_000;
/** The template's functions: `sam build` runs `make build-<LogicalId>` for each. */
const LOGICAL_IDS = [
  'ScanFunction',
  'NotifyFunction',
  'OrgTargetsFunction',
  'OrgAggregateFunction',
  'LiveFunction',
] as const;

let workdir = '';
const artifactsDir = (id: string): string => join(workdir, id);

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'kda-sam-make-'));
  // One at a time, as `sam build` does without --parallel; from another folder, as SAM runs make
  // from a scratch copy of the project. ARTIFACTS_DIR comes from the environment, as SAM sets it.
  for (const id of LOGICAL_IDS) {
    await run('make', ['--no-print-directory', '-f', join(root, 'Makefile'), `build-${id}`], {
      cwd: workdir,
      env: { ...process.env, ARTIFACTS_DIR: artifactsDir(id) },
    });
  }
}, 180_000);

afterAll(async () => {
  if (workdir) await rm(workdir, { recursive: true, force: true });
});

describe('Makefile: the build-<LogicalId> targets sam build runs', () => {
  it.each(LOGICAL_IDS)(
    'writes the %s bundle as handler.mjs, under 1.5 MB, with its map and legal notices',
    async (id) => {
      // Act
      const files = (await readdir(artifactsDir(id))).sort();
      const bytes = (await stat(join(artifactsDir(id), 'handler.mjs'))).size;

      // Assess
      expect({ files, underLimit: bytes < BUNDLE_LIMIT_BYTES }).toEqual({
        files: ['handler.mjs', 'handler.mjs.LEGAL.txt', 'handler.mjs.map'],
        underLimit: true,
      });
    },
  );

  it.each(LOGICAL_IDS)(
    'writes a %s bundle whose handler.handler loads alone and calls nothing at import',
    async (id) => {
      // Act
      const loaded = await importInFreshNode(join(artifactsDir(id), 'handler.mjs'));

      // Assess
      expect(loaded).toEqual({ exports: ['handler'], handler: 'function', sockets: 0 });
    },
    30_000,
  );
});
