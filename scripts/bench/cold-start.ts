// The cold-start measurement shared by `npm run bench:cold-start` and `npm run bench`: builds the
// Lambda bundles with scripts/build.mjs and imports a handler in fresh `node` processes. Each
// import runs with dummy settings (region, bucket, webhook parameter, credentials) and every AWS
// endpoint pointed at a closed loopback port, and counts the sockets it opens: a handler must make
// no AWS call at import. Numbers only: nothing here asserts on time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The Lambda functions scripts/build.mjs bundles, each to functions/<name>/handler.mjs. */
export const FUNCTIONS = ['scan', 'notify', 'org-targets', 'org-aggregate', 'live'] as const;

/** One of the bundled Lambda functions. */
export type FunctionName = (typeof FUNCTIONS)[number];

const root = fileURLToPath(new URL('../..', import.meta.url));

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

/** One fresh import of a handler bundle. */
export interface ImportRun {
  importMs: number;
  /** CPU the import used: steadier than wall time on a busy machine. */
  cpuMs: number;
  processMs: number;
  sockets: number;
}

/** A function's bundle and the median of its imports. */
export interface ColdStart {
  name: FunctionName;
  bytes: number;
  runs: ImportRun[];
  medianImportMs: number;
  minImportMs: number;
  maxImportMs: number;
  medianCpuMs: number;
  medianProcessMs: number;
  maxSockets: number;
}

/** Builds the functions (scripts/build.mjs --functions-only) into a fresh temporary folder. */
export function buildFunctions(): string {
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

/** Imports `bundle` once in a fresh node process started outside the repository. */
export function importOnce(bundle: string, options: { sourceMaps?: boolean } = {}): ImportRun {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [...(options.sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', IMPORT_PROBE],
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

/** Measures one function of a built `dist` folder: its bundle size and `runs` fresh imports. */
export function measureColdStart(
  dist: string,
  name: FunctionName,
  runs: number,
  options: { sourceMaps?: boolean } = {},
): ColdStart {
  const bundle = join(dist, 'functions', name, 'handler.mjs');
  const measured = Array.from({ length: runs }, () => importOnce(bundle, options));
  const imports = measured.map((run) => run.importMs);
  return {
    name,
    bytes: statSync(bundle).size,
    runs: measured,
    medianImportMs: median(imports),
    minImportMs: Math.min(...imports),
    maxImportMs: Math.max(...imports),
    medianCpuMs: median(measured.map((run) => run.cpuMs)),
    medianProcessMs: median(measured.map((run) => run.processMs)),
    maxSockets: Math.max(...measured.map((run) => run.sockets)),
  };
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
