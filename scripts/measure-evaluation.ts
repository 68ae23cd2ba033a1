// Measures evaluation alone (`npx tsx scripts/measure-evaluation.ts --snapshot FILE --runs 5`): reads
// a snapshot (or generates --apps N over 10 regions, seed 1), judges it --runs times in this process
// and prints each run's wall and CPU time and the medians (CPU time is steadier on a loaded machine). --json FILE writes the evaluation, to compare
// verdicts byte for byte before and after a change. Numbers only: nothing asserts on time.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateAccount } from '../sandbox/generator/generate-account.js';
import { demoAccount } from '../shared/demo/demo-account.js';
import { evaluateAccount } from '../shared/evaluate/evaluate-account.js';
import { parseSnapshotText } from '../shared/snapshot/read.js';
import type { AccountSnapshot } from '../shared/snapshot/types.js';

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    apps: { type: 'string', default: '1000' },
    demo: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    json: { type: 'string' },
  },
});
const runs = Number(values.runs);
const apps = Number(values.apps);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(apps) || apps < 0) {
  process.stderr.write(
    'Usage: tsx scripts/measure-evaluation.ts [--snapshot FILE | --demo | --apps N] [--runs N] [--json FILE]\n',
  );
  process.exit(2);
}

function loadSnapshot(): AccountSnapshot {
  if (values.snapshot) return parseSnapshotText(readFileSync(values.snapshot, 'utf8'), values.snapshot);
  if (values.demo) return demoAccount;
  return generateAccount({ applications: apps, regions: 10, seed: 1 });
}

const snapshot = loadSnapshot();
const applications = Object.values(snapshot.regions ?? {}).reduce(
  (sum, region) => sum + (region.applications?.length ?? 0),
  0,
);
console.log(`Evaluating ${applications} applications, ${runs} run(s), node ${process.version}.`);
const times: number[] = [];
const cpuTimes: number[] = [];
let evaluation: ReturnType<typeof evaluateAccount> | undefined;
for (let run = 1; run <= runs; run++) {
  // Each run judges a fresh copy: caches keyed by the snapshot's objects must not carry over.
  const copy = structuredClone(snapshot);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  evaluation = evaluateAccount(copy);
  const cpu = process.cpuUsage(cpuStart);
  const elapsed = performance.now() - start;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  times.push(elapsed);
  cpuTimes.push(cpuMs);
  console.log(`run ${run}: ${elapsed.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU`);
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;
console.log(
  `median ${median(times).toFixed(0)} ms wall, ${median(cpuTimes).toFixed(0)} ms CPU; min ${Math.min(...times).toFixed(0)} ms wall`,
);
if (values.json && evaluation) {
  writeFileSync(values.json, JSON.stringify(evaluation, null, 1));
  console.log(`Evaluation written to ${values.json}.`);
}
