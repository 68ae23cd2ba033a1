import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { FileArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import type { CodeArtifactOptions } from '../../shared/collect/collect-account.js';
import { InvalidRequestError } from '../../shared/errors.js';
import { suppressionsFrom } from '../audit-inputs.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import type { CliDependencies, CliIo } from '../io.js';
import {
  integerFlag,
  type ParsedFlags,
  pathFlag,
  readFlags,
  scopeFrom,
  severityFlag,
  stringFlag,
} from '../options.js';
import { presentReport, writeLocalReport } from '../report-output.js';

/** `scan`: collects the live account, reports locally and/or to S3 and SNS. */
export async function scanCommand(flags: ParsedFlags, io: CliIo, deps: CliDependencies): Promise<ExitCode> {
  const {
    scope,
    failOn,
    alertThreshold,
    out,
    saveSnapshot,
    outputs,
    codeArtifacts,
    suppressionsFile,
    timeLimit,
  } = readFlags({
    scope: () => scopeFrom(flags),
    failOn: () => severityFlag(flags, 'fail-on'),
    alertThreshold: () => severityFlag(flags, 'alert-threshold'),
    out: () => pathFlag(flags, 'out', io.cwd),
    saveSnapshot: () => pathFlag(flags, 'save-snapshot', io.cwd),
    outputs: () => publishOutputs(flags, io.env),
    codeArtifacts: () => codeArtifactOptions(flags, io.cwd),
    suppressionsFile: () => pathFlag(flags, 'suppressions', io.cwd),
    timeLimit: () => integerFlag(flags, 'time-limit', 1, 7 * 24 * 3600),
  });
  const suppressions = await suppressionsFrom(suppressionsFile);

  const clients = deps.clients ?? createClientFactory({ env: io.env });
  const audit = deps.runAudit ?? runAudit;
  const result = await audit(
    {
      regions: scope.regions ?? 'all',
      ...(scope.applications ? { applications: scope.applications } : {}),
      ...(suppressions ? { suppressions } : {}),
    },
    {
      kind: 'live',
      clients,
      codeArtifacts,
      // --time-limit: no read starts after that many seconds; what is left is listed, not judged.
      ...(timeLimit !== undefined
        ? { deadline: new Date((deps.clock ?? (() => new Date()))().getTime() + timeLimit * 1000) }
        : {}),
    },
    {
      clients,
      ...outputs,
      ...(alertThreshold ? { alertThreshold } : {}),
      // Security Hub receives findings in the region the credentials are configured for.
      ...(flags['security-hub'] === true
        ? { securityHub: true, region: outputs.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION }
        : {}),
    },
    {
      progress: (message) => io.stderr.write(`${message}\n`),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.newScanId ? { newScanId: deps.newScanId } : {}),
    },
  );

  const written: string[] = [];
  if (saveSnapshot) {
    await mkdir(dirname(saveSnapshot), { recursive: true });
    await writeFile(saveSnapshot, `${JSON.stringify(result.snapshot, null, 2)}\n`);
    io.stderr.write(`Snapshot saved to ${saveSnapshot}.\n`);
  }
  if (out) {
    const files = await writeLocalReport(out, result.report);
    written.push(files.json, files.markdown, files.html, files.summary);
  }
  if (result.reportLocation) written.push(result.reportLocation.uri);
  const code = presentReport(io, result.report, { written, ...(failOn ? { failOn } : {}) });
  // The export asked for with --security-hub failed (the progress line says why): not a success.
  return result.securityHubProblem ? EXIT_CODES.runtimeFailure : code;
}

const MIB = 1024 * 1024;

/** The code artifact scan's cap (--max-code-mb) and cache folder (--artifact-cache). */
function codeArtifactOptions(flags: ParsedFlags, cwd: string): CodeArtifactOptions {
  const maxMiB = integerFlag(flags, 'max-code-mb', 1, 2048);
  const cacheDirectory = pathFlag(flags, 'artifact-cache', cwd);
  return {
    ...(maxMiB !== undefined ? { maxBytes: maxMiB * MIB } : {}),
    ...(cacheDirectory ? { cache: new FileArtifactScanCache(cacheDirectory) } : {}),
  };
}

/** Where to publish, from --bucket/--prefix/--topic; the bucket's region from AWS_REGION. */
function publishOutputs(flags: ParsedFlags, env: CliIo['env']) {
  const reportBucket = stringFlag(flags, 'bucket');
  const reportPrefix = stringFlag(flags, 'prefix');
  const topicArn = stringFlag(flags, 'topic');
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const problems: string[] = [];
  if (reportPrefix !== undefined && !reportBucket)
    problems.push('--prefix: only means something with --bucket');
  if (reportBucket && !region) {
    problems.push(`--bucket: set AWS_REGION to the region of bucket ${reportBucket}`);
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
  return {
    ...(reportBucket && region ? { reportBucket, region, reportPrefix: reportPrefix ?? 'reports' } : {}),
    ...(topicArn ? { topicArn } : {}),
  };
}
