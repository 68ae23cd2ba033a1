import { resolve } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { DEMO_APPLICATIONS, demoAccount } from '../../shared/demo/demo-account.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import type { CliDependencies, CliIo } from '../io.js';
import { type ParsedFlags, pathFlag } from '../options.js';
import { presentReport, writeLocalReport } from '../report-output.js';

/** Where `demo` writes unless told otherwise, relative to the working directory. */
export const DEFAULT_DEMO_OUT = 'reports/demo';

/** Where the demo's report and alert go inside the sandbox. */
export const DEMO_OUTPUTS = {
  region: 'eu-west-1',
  reportBucket: 'kda-auditor-demo-reports',
  reportPrefix: 'reports',
  topicName: 'kda-auditor-demo-alerts',
} as const;

/**
 * `demo`: starts the local sandbox with the built-in fictional account, runs the real scan
 * against it through the AWS SDK (dummy credentials, endpoint override), writes the report into
 * the sandbox's bucket and into the out directory, shows the alert it published, and stops the
 * sandbox. Exits 0 although checks fail: showing failures is the point.
 */
export async function demoCommand(flags: ParsedFlags, io: CliIo, deps: CliDependencies): Promise<ExitCode> {
  const out = pathFlag(flags, 'out', io.cwd) ?? resolve(io.cwd, DEFAULT_DEMO_OUT);
  const applications = Object.entries(DEMO_APPLICATIONS);
  io.stderr.write(
    `Demo: a fictional account (${demoAccount.accountId}) with ${applications.length} applications, served by the local sandbox.\n` +
      applications.map(([name, shows]) => `  ${name}: ${shows}\n`).join(''),
  );
  const sandbox = await startSandbox({ snapshot: demoAccount });
  try {
    io.stderr.write(`Sandbox at ${sandbox.endpoint}; scanning it with the AWS SDK.\n`);
    const clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      env: {},
    });
    await clients
      .s3(DEMO_OUTPUTS.region)
      .send(new CreateBucketCommand({ Bucket: DEMO_OUTPUTS.reportBucket }));
    const { TopicArn: topicArn } = await clients
      .sns(DEMO_OUTPUTS.region)
      .send(new CreateTopicCommand({ Name: DEMO_OUTPUTS.topicName }));
    const audit = deps.runAudit ?? runAudit;
    const result = await audit(
      { regions: 'all' },
      { kind: 'live', clients },
      {
        clients,
        region: DEMO_OUTPUTS.region,
        reportBucket: DEMO_OUTPUTS.reportBucket,
        reportPrefix: DEMO_OUTPUTS.reportPrefix,
        ...(topicArn ? { topicArn } : {}),
      },
      {
        progress: (message) => io.stderr.write(`${message}\n`),
        ...(deps.clock ? { clock: deps.clock } : {}),
        ...(deps.newScanId ? { newScanId: deps.newScanId } : {}),
      },
    );
    const files = await writeLocalReport(out, result.report);
    // The first alert in full, the others by subject: enough to see what subscribers receive.
    const [first, ...others] = sandbox.state.messages;
    if (first) {
      io.stderr.write(
        `\nSNS alert published to ${first.topicArn}:\n  Subject: ${first.subject ?? '(none)'}\n`,
      );
      io.stderr.write(`${readableAlert(first.message).replace(/^/gm, '  ')}\n\n`);
    }
    if (others.length > 0) {
      io.stderr.write(
        `${others.length} more alert(s):\n${others.map((m) => `  - ${m.subject ?? '(no subject)'}`).join('\n')}\n\n`,
      );
    }
    const written = [
      files.json,
      files.markdown,
      files.html,
      files.summary,
      ...(result.reportLocation ? [result.reportLocation.uri] : []),
    ];
    presentReport(io, result.report, { written });
    return EXIT_CODES.ok;
  } finally {
    await sandbox.close();
  }
}

// Alerts are published with MessageStructure json: people read its `default` variant.
function readableAlert(message: string): string {
  try {
    const variants: unknown = JSON.parse(message);
    if (typeof variants === 'object' && variants !== null && 'default' in variants) {
      return String(variants.default);
    }
  } catch {
    // Not a structured message: show it as it is.
  }
  return message;
}
