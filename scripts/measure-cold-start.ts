// Measures each Lambda bundle's cold start (`npm run bench:cold-start -- --runs 7`): builds the
// functions with scripts/build.mjs into a fresh folder (or reads --dist DIR), prints each
// handler.mjs's size and the time a fresh `node` process takes to import it (median of --runs).
// Each import runs with dummy settings (region, bucket, webhook parameter, credentials) and every
// AWS endpoint pointed at a closed loopback port, and counts the sockets it opens: a handler must
// make no AWS call at import. Numbers only: nothing here asserts on time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** The Lambda functions scripts/build.mjs bundles, each to functions/<name>/handler.mjs. */
const FUNCTIONS = ['scan', 'notify', 'org-targets', 'org-aggregate', 'live'] as const;

const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    dist: { type: 'string' },
    'source-maps': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(
    'Usage: npm run bench:cold-start -- [--runs N (≥ 1, default 7)] [--dist DIR (already built)] [--source-maps]\n',
  );
  process.exit(2);
}

// What the handlers read at init, with values that reach nothing.
const INIT_ENVIRONMENT = {
  AWS_REGION: 'us-east-1',
  REPORT_BUCKET: 'kda-auditor-cold-start',
  WEBHOOK_PARAMETER: '/kda-auditor/cold-start/webhook',
  AWS_ACCESS_KEY_ID: 'AKIACOLDSTARTDUMMY00',
  AWS_SECRET_ACCESS_KEY: 'cold-start-dummy-secret',
  // Port 9 (discard) on loopback: a call made at import fails here instead of reaching AWS.
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  POWERTOOLS_METRICS_DISABLED: 'true',
} as const;

// The probe's own line, apart from what a handler logs at init.
const RESULT_MARKER = 'COLD_START_RESULT ';

// Runs in the fresh process: counts sockets, times the import, reports once pending work had a tick.
const IMPORT_PROBE = `
const RESULT_MARKER = ${JSON.stringify(RESULT_MARKER)};
import net from 'node:net';
let sockets = 0;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { sockets += 1; return connect.apply(this, args); };
const started = performance.now();
const cpuBefore = process.cpuUsage();
await import(process.env.COLD_START_BUNDLE);
const importMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
await new Promise((settle) => setTimeout(settle, 50));
process.stdout.write('\\n' + RESULT_MARKER + JSON.stringify({ importMs, cpuMs, sockets }) + '\\n');
process.exit(0);
`;

interface ImportRun {
  importMs: number;
  /** CPU the import used: steadier than wall time on a busy machine. */
  cpuMs: number;
  processMs: number;
  sockets: number;
}

function buildFunctions(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'kda-cold-start-'));
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir, '--functions-only'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    throw new Error(`npm run build failed; fix the build first:\n${built.stderr}`);
  }
  return outdir;
}

function importOnce(bundle: string): ImportRun {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [...(values['source-maps'] ? ['--enable-source-maps'] : []), '--input-type=module', '-e', IMPORT_PROBE],
    {
      // Outside the repository, so nothing resolves from its node_modules: the bundle stands alone.
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, ...INIT_ENVIRONMENT, COLD_START_BUNDLE: pathToFileURL(bundle).href },
    },
  );
  const processMs = performance.now() - started;
  if (child.status !== 0) {
    throw new Error(`Importing ${bundle} failed; run it by hand to see why:\n${child.stderr}`);
  }
  const result = child.stdout.split('\n').find((line) => line.startsWith(RESULT_MARKER));
  if (!result) throw new Error(`Importing ${bundle} printed no result:\n${child.stdout}${child.stderr}`);
  const { importMs, cpuMs, sockets } = JSON.parse(result.slice(RESULT_MARKER.length)) as {
    importMs: number;
    cpuMs: number;
    sockets: number;
  };
  return { importMs, cpuMs, processMs, sockets };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const dist = values.dist ? resolve(values.dist) : buildFunctions();
console.log(`Bundles in ${dist}; ${runs} fresh node ${process.version} processes per function.\n`);
console.log(
  `${'function'.padEnd(14)} ${'bundle'.padStart(10)} ${'import ms'.padStart(10)} ${'min-max'.padStart(13)} ${'cpu ms'.padStart(7)} ${'process ms'.padStart(11)} ${'sockets'.padStart(8)}`,
);
for (const name of FUNCTIONS) {
  const bundle = join(dist, 'functions', name, 'handler.mjs');
  const bytes = statSync(bundle).size;
  const measured = Array.from({ length: runs }, () => importOnce(bundle));
  const imports = measured.map((run) => run.importMs);
  const range = `${Math.min(...imports).toFixed(0)}-${Math.max(...imports).toFixed(0)}`;
  console.log(
    `${name.padEnd(14)} ${`${(bytes / 1024).toFixed(0)} KiB`.padStart(10)} ${median(imports).toFixed(0).padStart(10)} ${range.padStart(13)} ${median(
      measured.map((run) => run.cpuMs),
    )
      .toFixed(0)
      .padStart(7)} ${median(measured.map((run) => run.processMs))
      .toFixed(0)
      .padStart(11)} ${String(Math.max(...measured.map((run) => run.sockets))).padStart(8)}`,
  );
}
if (!values.dist) rmSync(dist, { recursive: true, force: true });
