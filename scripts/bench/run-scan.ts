// One benchmark run: generate an account, serve it with latency and AWS's quotas, scan it with the
// real scanner in a child process, and gather what the sandbox saw and what the bound allows.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { generateAccount } from '../../sandbox/generator/generate-account.js';
import type { OperationStats, SandboxStats } from '../../sandbox/load/traffic-stats.js';
import { startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { type LowerBound, lowerBound } from './lower-bound.js';
import { requiredCalls } from './required-calls.js';
import { RESULT_MARKER, type ScanProcessInput, type ScanProcessResult } from './scan-protocol.js';

/** How to run one benchmark. */
export interface BenchSettings {
  applications: number;
  regions: number;
  seed: number;
  latencyMs: number;
  verbose: boolean;
  /**
   * Scan the account once first, unmeasured, so the measured scan finds its latest.json, as every
   * nightly scan but the first does: it reads that report (for what to read first, and to compare)
   * and alerts only on what changed.
   */
  nightly?: boolean;
  /** Where the scanner process writes a V8 CPU profile (`node --cpu-prof`), if anywhere. */
  cpuProfileDir?: string;
}

/** One operation: what the account needs, what the sandbox received. */
export interface OperationCalls {
  operation: string;
  /** One call per distinct resource: the target; undefined for calls the bound does not count. */
  needed?: number;
  requests: number;
  throttled: number;
  /** Injected faults (none in the benchmark; kept so a non-zero count shows). */
  faults: number;
  /** Requests answered: requests − throttled − faults. */
  answered: number;
}

/** Everything one run measured. */
export interface BenchRun {
  settings: BenchSettings;
  regions: string[];
  generateMs: number;
  /** Reads the generated account denies on purpose (its collectionErrors): expected errors. */
  plantedErrors: number;
  scan: ScanProcessResult;
  bound: LowerBound;
  operations: OperationCalls[];
  totals: { requests: number; throttled: number };
}

// The auditor's own bucket and topic in the sandbox: the scan writes its report and alerts there.
const REPORT_BUCKET = 'kda-auditor-bench-reports';
const TOPIC_NAME = 'kda-auditor-bench-alerts';
// After the last read: the report, then latest.json (the report is written before latest moves).
const TAIL_ROUND_TRIPS = 2;

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles scan-process.ts as the Lambda functions are bundled (scripts/build.mjs --entry) into a
 * fresh folder: the scanner then runs as deployed code, without tsx's compiler in its memory.
 * Returns the bundle's path.
 */
export function buildScanProcess(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'kda-bench-scan-'));
  const built = spawnSync(
    process.execPath,
    ['scripts/build.mjs', '--outdir', outdir, '--entry', 'scripts/bench/scan-process.ts'],
    { cwd: root, encoding: 'utf8' },
  );
  if (built.status !== 0)
    throw new Error(`Bundling the benchmark's scanner failed; fix the build first:\n${built.stderr}`);
  return join(outdir, 'entry.mjs');
}

/** Runs the benchmark once for `settings.applications` applications, scanning with the `scanner` bundle. */
export async function runBench(settings: BenchSettings, scanner: string): Promise<BenchRun> {
  const generating = performance.now();
  const snapshot = generateAccount({
    applications: settings.applications,
    regions: settings.regions,
    seed: settings.seed,
  });
  const generateMs = performance.now() - generating;
  const regions = Object.keys(snapshot.regions ?? {});
  const homeRegion = regions[0] ?? 'us-east-1';
  const needs = requiredCalls(snapshot, regions, homeRegion);
  const bound = lowerBound({
    requirements: needs.requirements,
    latencyMs: settings.latencyMs,
    tailRoundTrips: TAIL_ROUND_TRIPS,
  });
  const sandbox = await startSandbox({ snapshot, latencyMs: settings.latencyMs, rateLimits: true });
  try {
    const clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      env: {},
    });
    await clients.s3(homeRegion).send(new CreateBucketCommand({ Bucket: REPORT_BUCKET }));
    const { TopicArn: topicArn } = await clients
      .sns(homeRegion)
      .send(new CreateTopicCommand({ Name: TOPIC_NAME }));
    if (process.env.BENCH_TWICE) {
      const seed = await scanInChild(scanner, undefined, {
        endpoint: sandbox.endpoint,
        regions,
        homeRegion,
        reportBucket: REPORT_BUCKET,
        ...(topicArn ? { topicArn } : {}),
        verbose: false,
      });
      process.stderr.write(`seed scan ${seed.wallMs.toFixed(0)} ms\n`);
    }
    const input: ScanProcessInput = {
      endpoint: sandbox.endpoint,
      regions,
      homeRegion,
      reportBucket: REPORT_BUCKET,
      ...(topicArn ? { topicArn } : {}),
      verbose: settings.verbose,
    };
    if (settings.nightly) {
      const first = await scanInChild(scanner, undefined, { ...input, verbose: false });
      process.stderr.write(
        `  first scan (unmeasured, writes latest.json): ${(first.wallMs / 1000).toFixed(1)} s\n`,
      );
    }
    const before = sandbox.state.stats();
    const scan = await scanInChild(scanner, settings.cpuProfileDir, input);
    const after = sandbox.state.stats();
    return {
      settings,
      regions,
      generateMs,
      plantedErrors: snapshot.collectionErrors?.length ?? 0,
      scan,
      bound,
      operations: operationCalls(before, after, needs.distinct),
      totals: {
        requests: after.totals.requests - before.totals.requests,
        throttled: after.totals.throttled - before.totals.throttled,
      },
    };
  } finally {
    await sandbox.close();
  }
}

function scanInChild(
  scanner: string,
  cpuProfileDir: string | undefined,
  input: ScanProcessInput,
): Promise<ScanProcessResult> {
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profiling, scanner], {
      // Outside the repository, so nothing resolves from its node_modules: the bundle stands alone.
      cwd: tmpdir(),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, POWERTOOLS_METRICS_DISABLED: 'true', BENCH_SCAN_INPUT: JSON.stringify(input) },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`The scan process exited with ${code} and no result; its stderr is above.`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as ScanProcessResult);
    });
  });
}

function operationCalls(
  before: SandboxStats,
  after: SandboxStats,
  needed: Record<string, number>,
): OperationCalls[] {
  const names = new Set([...Object.keys(after.operations), ...Object.keys(needed)]);
  return [...names]
    .map((operation) => {
      const now = after.operations[operation];
      const then = before.operations[operation];
      const requests = (now?.requests ?? 0) - (then?.requests ?? 0);
      const throttled = (now?.throttled ?? 0) - (then?.throttled ?? 0);
      const faults = faultCount(now) - faultCount(then);
      return {
        operation,
        ...(needed[operation] !== undefined ? { needed: needed[operation] } : {}),
        requests,
        throttled,
        faults,
        answered: requests - throttled - faults,
      };
    })
    .filter((calls) => calls.requests > 0 || (calls.needed ?? 0) > 0)
    .sort((a, b) => a.operation.localeCompare(b.operation));
}

function faultCount(stats: OperationStats | undefined): number {
  return stats ? Object.values(stats.faults).reduce((sum, count) => sum + count, 0) : 0;
}
