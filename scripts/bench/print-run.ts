// How `npm run bench` prints a run and the table across runs: plain text, numbers only.
import type { TimedDemand } from './lower-bound.js';
import type { BenchRun, OperationCalls } from './run-scan.js';
import { timelineLine } from './scan-protocol.js';

const MIB = 1024;

/** Seconds with one decimal. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** A demand as a reader checks it: calls, quota, depth. */
export function describeDemand(demand: TimedDemand | undefined): string {
  if (!demand) return 'no call needed';
  const quota = demand.rate !== undefined ? `${demand.rate}/s, burst ${demand.burst}` : 'no rate quota';
  return `${demand.bucket} in ${demand.place}: ${demand.calls} call(s) at ${quota}, after ${demand.depth} round trip(s)`;
}

/** Operations whose answered calls exceed one per distinct resource. */
export function excessCalls(operations: readonly OperationCalls[]): OperationCalls[] {
  return operations.filter((calls) => calls.needed !== undefined && calls.answered > calls.needed);
}

/** The full account of one run. */
export function formatRun(run: BenchRun): string {
  const { settings, scan, bound } = run;
  const lines = [
    `== ${settings.applications.toLocaleString('en')} applications, ${run.regions.length} regions, ${settings.latencyMs} ms per request, seed ${settings.seed}${settings.nightly ? ", nightly (a second scan, with the first one's latest.json)" : ''} ==`,
    `wall ${seconds(scan.wallMs)} s | lower bound ${seconds(bound.boundMs)} s | ratio ${(scan.wallMs / bound.boundMs).toFixed(2)}`,
    `  bound set by ${describeDemand(bound.binding)}`,
    `peak RSS of the scanner ${(scan.peakRssKiB / MIB).toFixed(0)} MiB (${(scan.loadedRssKiB / MIB).toFixed(0)} MiB once loaded); scanner CPU ${seconds(scan.cpuMs)} s`,
    scan.failure
      ? `THE AUDIT FAILED after ${seconds(scan.wallMs)} s: ${scan.failure}`
      : `report: ${scan.complete ? 'complete' : 'INCOMPLETE'}, ${scan.applications} application(s), ${scan.findings} finding(s), ` +
        `${scan.reportWritten ? 'written to the sandbox S3' : 'not written'}, ${scan.alerts} alert(s)`,
    `requests ${run.totals.requests.toLocaleString('en')}, throttled ${run.totals.throttled.toLocaleString('en')}`,
    scan.failure
      ? `collection errors: unknown, the audit failed before returning its snapshot (the timeline counts them); the account plants ${run.plantedErrors}`
      : `${collectionErrors(scan.collectionErrors)} (the account plants ${run.plantedErrors} denied read(s))`,
    'timeline of the scan:',
    ...scan.timeline.map((entry) => `  ${timelineLine(entry)}`),
    '',
    `${'operation'.padEnd(40)} ${'needed'.padStart(7)} ${'answered'.padStart(9)} ${'requests'.padStart(9)} ${'throttled'.padStart(10)}  excess`,
    ...run.operations.map(
      (calls) =>
        `${calls.operation.padEnd(40)} ${String(calls.needed ?? '-').padStart(7)} ${String(calls.answered).padStart(9)} ${String(calls.requests).padStart(9)} ${String(calls.throttled).padStart(10)}  ${
          calls.needed !== undefined && calls.answered > calls.needed
            ? `+${calls.answered - calls.needed}`
            : ''
        }`,
    ),
    '',
    callTargets(run),
    'slowest requirements (the bound is the first):',
    ...[...bound.requirements]
      .sort((a, b) => b.floorMs - a.floorMs)
      .slice(0, 5)
      .map(
        (requirement) =>
          `  ${seconds(requirement.floorMs).padStart(6)} s  ${requirement.alternative}: ${describeDemand(requirement.slowest)}`,
      ),
    '',
  ];
  return lines.join('\n');
}

function collectionErrors(errors: Record<string, number>): string {
  const entries = Object.entries(errors).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return 'collection errors: none';
  return `collection errors: ${entries.map(([key, count]) => `${key} ×${count}`).join(', ')}`;
}

// Issue 7's call targets: one DescribeApplication per application, one describe per distinct dependency.
function callTargets(run: BenchRun): string {
  const describe = run.operations.find((calls) => calls.operation === 'kinesisanalytics:DescribeApplication');
  const excess = excessCalls(run.operations);
  return [
    `call targets: DescribeApplication answered ${describe?.answered ?? 0} time(s) for ${run.settings.applications} application(s)` +
      ` (${(describe?.answered ?? 0) <= run.settings.applications ? 'met' : 'EXCEEDED'});`,
    excess.length === 0
      ? '  every read at most once per distinct resource.'
      : `  more than one call per distinct resource: ${excess.map((calls) => `${calls.operation} +${calls.answered - (calls.needed ?? 0)}`).join(', ')}`,
  ].join('\n');
}

/** The table across runs. */
export function formatSummary(runs: readonly BenchRun[]): string {
  const header = `${'apps'.padStart(7)} ${'wall s'.padStart(8)} ${'bound s'.padStart(8)} ${'ratio'.padStart(6)} ${'requests'.padStart(9)} ${'throttled'.padStart(10)} ${'RSS MiB'.padStart(8)} ${'errors/planted'.padStart(14)}  excess reads`;
  const rows = runs.map((run) => {
    const errors = Object.values(run.scan.collectionErrors).reduce((sum, count) => sum + count, 0);
    const excess = excessCalls(run.operations).reduce(
      (sum, calls) => sum + calls.answered - (calls.needed ?? 0),
      0,
    );
    const failed = run.scan.failure ? '  AUDIT FAILED' : '';
    return `${String(run.settings.applications).padStart(7)} ${seconds(run.scan.wallMs).padStart(8)} ${seconds(run.bound.boundMs).padStart(8)} ${(run.scan.wallMs / run.bound.boundMs).toFixed(2).padStart(6)} ${String(run.totals.requests).padStart(9)} ${String(run.totals.throttled).padStart(10)} ${(run.scan.peakRssKiB / MIB).toFixed(0).padStart(8)} ${`${run.scan.failure ? '?' : errors}/${run.plantedErrors}`.padStart(14)}  ${excess}${failed}`;
  });
  return [header, ...rows].join('\n');
}
