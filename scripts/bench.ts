// `npm run bench`: the scan's cost at 100, 1,000 and 10,000 applications against its theoretical
// lower bound. For each size it generates an account over --regions regions, serves it from the
// sandbox with --latency-ms per request and AWS's documented request quotas (real throttling
// errors), runs the whole audit with the real scanner in a child process (report and alerts written
// to the sandbox's S3 and SNS), and prints wall time, calls per operation, throttles, the bound,
// wall/bound, the scanner's peak RSS; then the scan handler's cold start. Numbers only: nothing here
// asserts. The model of the bound: docs/performance.md, "Scan benchmark".
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunctions, measureColdStart } from './bench/cold-start.js';
import { formatRun, formatSummary } from './bench/print-run.js';
import { type BenchRun, buildScanProcess, runBench } from './bench/run-scan.js';

const USAGE =
  'Usage: npm run bench -- [--apps 100,1000,10000] [--regions 10] [--latency-ms 20] [--seed 1] ' +
  '[--cold-start-runs 5 (0: skip)] [--verbose] [--cpu-profile DIR] [--nightly]\n';

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '100,1000,10000' },
    regions: { type: 'string', default: '10' },
    'latency-ms': { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'cold-start-runs': { type: 'string', default: '5' },
    verbose: { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
    // Measure the second scan of each account, which finds the first's latest.json: a nightly scan.
    nightly: { type: 'boolean', default: false },
  },
});
const sizes = (values.apps ?? '').split(',').map(Number);
const regions = Number(values.regions);
const latencyMs = Number(values['latency-ms']);
const seed = Number(values.seed);
const coldStartRuns = Number(values['cold-start-runs']);
const wholeAtLeast = (value: number, least: number) => Number.isInteger(value) && value >= least;
if (
  !sizes.every((size) => wholeAtLeast(size, 1)) ||
  !wholeAtLeast(regions, 1) ||
  !(Number.isFinite(latencyMs) && latencyMs >= 0) ||
  !Number.isSafeInteger(seed) ||
  !wholeAtLeast(coldStartRuns, 0)
) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const runs: BenchRun[] = [];
process.stderr.write('Bundling the scanner as the scan function is bundled…\n');
const scanner = buildScanProcess();
try {
  for (const applications of sizes) {
    process.stderr.write(`Benchmark: ${applications} applications…\n`);
    const started = performance.now();
    const run = await runBench(
      {
        applications,
        regions,
        seed,
        latencyMs,
        verbose: values.verbose ?? false,
        nightly: values.nightly ?? false,
        ...(values['cpu-profile'] ? { cpuProfileDir: resolve(values['cpu-profile']) } : {}),
      },
      scanner,
    );
    runs.push(run);
    process.stdout.write(
      `${formatRun(run)}(this size took ${((performance.now() - started) / 1000).toFixed(0)} s in all)\n\n`,
    );
  }
} finally {
  rmSync(dirname(scanner), { recursive: true, force: true });
}
process.stdout.write(
  `== across sizes (${regions} regions, ${latencyMs} ms, seed ${seed}) ==\n${formatSummary(runs)}\n`,
);

if (coldStartRuns > 0) {
  process.stderr.write('Cold start: building the functions…\n');
  const dist = buildFunctions();
  try {
    const scan = measureColdStart(dist, 'scan', coldStartRuns);
    process.stdout.write(
      `\n== scan handler cold start (${coldStartRuns} fresh imports, node ${process.version}) ==\n` +
        `bundle ${scan.bytes.toLocaleString('en')} bytes | import ${scan.medianImportMs.toFixed(0)} ms median ` +
        `(${scan.minImportMs.toFixed(0)}–${scan.maxImportMs.toFixed(0)}), CPU ${scan.medianCpuMs.toFixed(0)} ms | ` +
        `sockets opened at import: ${scan.maxSockets}\n` +
        'Every function: npm run bench:cold-start.\n',
    );
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
