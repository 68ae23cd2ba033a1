// Measures live re-audit in the sandbox (`npm run bench:live -- --runs 10 --latency 20`): the demo
// account scanned in full, then StopStreamEncryption on orders-in; each run times the live function
// from its start to the SNS alert published, with every AWS call answered after --latency ms.
// The AWS-side part of the budget (CloudTrail → EventBridge, the batching window) is in
// docs/live-reaudit.md.
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createLiveHandler } from '../functions/live/live-handler.js';
import { readScanConfig } from '../functions/scan/config.js';
import { runReaudit } from '../shared/live/run-reaudit.js';
import {
  liveEnvironment,
  scanBaseline,
  startChangedSandbox,
  stopEncryptionEvent,
} from '../tests/functions/live/live-sandbox.js';
import { LIVE_CONTEXT, sqsBatch } from '../tests/functions/live/sqs-batch.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    latency: { type: 'string', default: '20' },
  },
});
const runs = Number(values.runs);
const latencyMs = Number(values.latency);
if (!Number.isInteger(runs) || runs < 1 || !Number.isFinite(latencyMs) || latencyMs < 0) {
  process.stderr.write(
    'Usage: npm run bench:live -- [--runs N (≥ 1, default 10)] [--latency MS (default 20)]\n',
  );
  process.exit(2);
}
// The function's EMF lines would drown the figures.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

interface Run {
  /** Handler start → first SNS message published. */
  toAlertMs: number;
  /** Handler start → handler returned (report, alerts, latest.json, index all written). */
  totalMs: number;
  calls: number;
  operations: Record<string, number>;
}

process.stderr.write(`Baseline: full scan of the demo account (${latencyMs} ms per AWS call)…\n`);
const baseline = await scanBaseline(latencyMs);
const measured: Run[] = [];
for (let run = 1; run <= runs; run += 1) {
  // A fresh copy of the baseline each run: otherwise the second run would find nothing new to alert on.
  const { sandbox, clients, topicArn } = await startChangedSandbox(baseline, latencyMs);
  try {
    const handler = createLiveHandler({
      config: readScanConfig(liveEnvironment(topicArn)),
      clients,
      runReaudit,
      loadSuppressions: async () => undefined,
      logger: new Logger({ serviceName: 'kda-auditor-live', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor-live' }),
    });
    const before = sandbox.state.stats();
    const started = Date.now();
    const summary = await handler(sqsBatch(stopEncryptionEvent()), LIVE_CONTEXT);
    const finished = Date.now();
    const first = sandbox.state.messages[0];
    if (summary.status !== 'reaudited' || !first) {
      throw new Error(`run ${run}: expected a re-audit and an alert, got ${summary.status}`);
    }
    const after = sandbox.state.stats();
    const operations = Object.fromEntries(
      Object.entries(after.operations)
        .map(([name, stats]) => [name, stats.requests - (before.operations[name]?.requests ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    measured.push({
      toAlertMs: first.publishedAt.getTime() - started,
      totalMs: finished - started,
      calls: after.totals.requests - before.totals.requests,
      operations,
    });
    process.stderr.write(`run ${run}: alert after ${measured.at(-1)?.toAlertMs} ms\n`);
  } finally {
    await sandbox.close();
  }
}

const stats = (pick: (run: Run) => number) => {
  const sorted = measured.map(pick).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { min: sorted[0] ?? 0, median: at(0.5), p95: at(0.95) };
};
const row = (label: string, s: { min: number; median: number; p95: number }) =>
  `${label.padEnd(34)} ${String(s.min).padStart(6)} ${String(s.median).padStart(8)} ${String(s.p95).padStart(6)}`;
const operations = measured[0]?.operations ?? {};
process.stdout.write(
  [
    `Live re-audit in the sandbox: ${runs} run(s), ${latencyMs} ms per AWS call, demo account, StopStreamEncryption.`,
    `${''.padEnd(34)} ${'min'.padStart(6)} ${'median'.padStart(8)} ${'p95'.padStart(6)}`,
    row(
      'handler start → alert published (ms)',
      stats((run) => run.toAlertMs),
    ),
    row(
      'handler start → returned (ms)',
      stats((run) => run.totalMs),
    ),
    row(
      'AWS calls per re-audit',
      stats((run) => run.calls),
    ),
    `AWS calls of run 1 by operation: ${Object.entries(operations)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}`,
    '',
  ].join('\n'),
);
