// Measures each Lambda bundle's cold start (`npm run bench:cold-start -- --runs 7`): builds the
// functions with scripts/build.mjs into a fresh folder (or reads --dist DIR), prints each
// handler.mjs's size and the time a fresh `node` process takes to import it (median of --runs).
// How an import is measured (dummy settings, closed endpoints, sockets counted):
// scripts/bench/cold-start.ts, which `npm run bench` uses too. Numbers only: nothing asserts on time.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunctions, FUNCTIONS, measureColdStart } from './bench/cold-start.js';

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

const dist = values.dist ? resolve(values.dist) : buildFunctions();
console.log(`Bundles in ${dist}; ${runs} fresh node ${process.version} processes per function.\n`);
console.log(
  `${'function'.padEnd(14)} ${'bundle'.padStart(10)} ${'import ms'.padStart(10)} ${'min-max'.padStart(13)} ${'cpu ms'.padStart(7)} ${'process ms'.padStart(11)} ${'sockets'.padStart(8)}`,
);
for (const name of FUNCTIONS) {
  const measured = measureColdStart(dist, name, runs, { sourceMaps: values['source-maps'] });
  const range = `${measured.minImportMs.toFixed(0)}-${measured.maxImportMs.toFixed(0)}`;
  console.log(
    `${name.padEnd(14)} ${`${(measured.bytes / 1024).toFixed(0)} KiB`.padStart(10)} ${measured.medianImportMs
      .toFixed(0)
      .padStart(
        10,
      )} ${range.padStart(13)} ${measured.medianCpuMs.toFixed(0).padStart(7)} ${measured.medianProcessMs
      .toFixed(0)
      .padStart(11)} ${String(measured.maxSockets).padStart(8)}`,
  );
}
if (!values.dist) rmSync(dist, { recursive: true, force: true });
