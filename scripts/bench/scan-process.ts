// The scanner's side of `npm run bench` (its input: JSON in BENCH_SCAN_INPUT), run in a process of
// its own so that its peak RSS is the scanner's alone (the sandbox and the generated account live in
// the parent). Runs the whole audit as the scan function does (collect → evaluate → report → alerts
// → latest.json) against the sandbox endpoint it is given, then prints one BENCH_SCAN_RESULT line of
// JSON on stdout, also when the audit failed (the failure is a result: it says where scale breaks).
import { type AuditResult, runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { keepHeapNearLiveSize } from '../../shared/heap-policy.js';
import {
  RESULT_MARKER,
  type ScanProcessInput,
  type ScanProcessResult,
  type TimelineEntry,
  timelineLine,
} from './scan-protocol.js';

async function main(): Promise<void> {
  // As the scan function does at cold start (functions/scan/handler.ts).
  keepHeapNearLiveSize();
  const input = JSON.parse(process.env.BENCH_SCAN_INPUT ?? '{}') as ScanProcessInput;
  const clients = createClientFactory({
    endpoint: input.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    env: {},
  });
  const loadedRssKiB = Math.round(process.memoryUsage().rss / 1024);
  const timeline: TimelineEntry[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let result: AuditResult | undefined;
  let failure: string | undefined;
  try {
    result = await runAudit(
      { regions: input.regions },
      { kind: 'live', clients },
      {
        clients,
        region: input.homeRegion,
        reportBucket: input.reportBucket,
        reportPrefix: 'reports',
        ...(input.topicArn ? { topicArn: input.topicArn } : {}),
      },
      {
        progress: (message) => {
          const entry = {
            atMs: performance.now() - started,
            rssMiB: process.memoryUsage().rss / 1024 / 1024,
            message,
          };
          timeline.push(entry);
          if (input.verbose) process.stderr.write(`  scan ${timelineLine(entry)}\n`);
        },
      },
    );
  } catch (error) {
    failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const collectionErrors: Record<string, number> = {};
  for (const error of result?.snapshot.collectionErrors ?? []) {
    const key = `${error.operation} ${error.code}`;
    collectionErrors[key] = (collectionErrors[key] ?? 0) + 1;
  }
  const output: ScanProcessResult = {
    wallMs,
    peakRssKiB: process.resourceUsage().maxRSS,
    loadedRssKiB,
    cpuMs: (cpu.user + cpu.system) / 1000,
    applications: result?.report.summary.applications ?? 0,
    findings:
      result?.report.applications.reduce((sum, application) => sum + application.findings.length, 0) ?? 0,
    complete: result?.report.complete ?? false,
    collectionErrors,
    reportWritten: result?.reportLocation !== undefined,
    alerts: result?.alertMessageIds?.length ?? 0,
    timeline,
    ...(failure ? { failure } : {}),
  };
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The benchmark's scan process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
