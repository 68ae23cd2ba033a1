import { type GenerateAccountOptions, generateAccount } from '../../sandbox/generator/generate-account.js';
import {
  type GeneratedOrganization,
  generateOrganization,
  MAX_GENERATED_MEMBER_ACCOUNTS,
} from '../../sandbox/generator/generate-organization.js';
import { parseFaultSpec } from '../../sandbox/load/fault-spec.js';
import { DEFAULT_SLOW_MS, type FaultOptions } from '../../sandbox/load/faults.js';
import { startSandbox } from '../../sandbox/server.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { InvalidRequestError } from '../../shared/errors.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import type { CliDependencies, CliIo } from '../io.js';
import { integerFlag, type ParsedFlags, pathFlag, readFlags, stringFlag } from '../options.js';
import { readSnapshotFile } from './evaluate.js';

/** The ExternalId the member roles of `sandbox --organization` are deployed with. */
export const SANDBOX_EXTERNAL_ID = 'kda-auditor-sandbox-external-id';

/**
 * `sandbox`: serves a snapshot (or the demo account) on loopback until stopped, and prints how to
 * point the scanner, the AWS CLI or an SDK at it.
 */
export async function sandboxCommand(
  flags: ParsedFlags,
  io: CliIo,
  deps: CliDependencies,
): Promise<ExitCode> {
  const { file, generate, organization, port, latencyMs, pageSize, faults } = readFlags({
    file: () => pathFlag(flags, 'snapshot', io.cwd),
    generate: () => generateFlag(flags),
    organization: () => integerFlag(flags, 'organization', 1, MAX_GENERATED_MEMBER_ACCOUNTS),
    port: () => integerFlag(flags, 'port', 0, 65535),
    latencyMs: () => integerFlag(flags, 'latency-ms', 0, 60_000),
    pageSize: () => integerFlag(flags, 'page-size', 1, 10_000),
    faults: () => faultsFlag(flags),
  });
  if (file && (generate || organization !== undefined))
    throw new InvalidRequestError([
      '--snapshot serves the file given: drop --generate and --organization, or drop --snapshot to serve a generated account',
    ]);
  const org = organization !== undefined ? generatedOrganization(organization, generate) : undefined;
  const snapshot =
    org?.auditor ?? (file ? await readSnapshotFile(file) : generate ? generated(generate) : demoAccount);
  const served =
    file ??
    (org
      ? `the management account of a generated organisation of ${organization} member accounts`
      : generate
        ? `generated: ${formatGenerateSpec(generate)}`
        : 'the demo account');
  const sandbox = await startSandbox({
    snapshot,
    ...(org ? { members: org.members } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(flags['rate-limits'] === true ? { rateLimits: true as const } : {}),
    ...(faults !== undefined ? { faults } : {}),
  });
  const regions = Object.keys(snapshot.regions ?? {});
  io.stdout.write(
    [
      `Sandbox serving account ${snapshot.accountId} (${served}) at ${sandbox.endpoint}`,
      '',
      'Point kda-auditor, the AWS CLI or an SDK at it (any credentials are accepted):',
      `  export AWS_ENDPOINT_URL=${sandbox.endpoint}`,
      '  export AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox',
      `  export AWS_REGION=${regions[0] ?? 'us-east-1'}`,
      `  npm run kda-auditor -- scan --regions ${regions.join(',') || 'us-east-1'}`,
      '  aws kinesisanalyticsv2 list-applications',
      '',
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  if (org) io.stdout.write(`${organizationSummary(org)}\n`);
  const loaded = flags['rate-limits'] === true || faults !== undefined;
  if (loaded) io.stdout.write(`${loadSummary(flags['rate-limits'] === true, faults)}\n`);
  await (deps.untilStopped ?? untilSignal)();
  await sandbox.close();
  if (loaded) {
    const { totals } = sandbox.state.stats();
    const injected = Object.values(totals.faults).reduce((sum, count) => sum + count, 0);
    io.stderr.write(
      `Served ${totals.requests} requests: ${totals.throttled} throttled, ${injected} faults injected.\n`,
    );
  }
  io.stderr.write('Sandbox stopped.\n');
  return EXIT_CODES.ok;
}

// The sandbox's own user stands for the scan function: it assumes the auditor role, then members'.
function organizationSummary(org: GeneratedOrganization): string {
  return [
    `Organisation ${org.organizationId}: member accounts ${org.members.map((member) => member.accountId).join(', ')}.`,
    `  Auditor role: ${org.auditorRoleArn} (assume it first: member roles trust only it)`,
    `  Member role ExternalId: ${org.externalId}`,
    `  Reports: s3://${org.reportBucket}, alerts: ${org.topicArn}`,
    '',
  ].join('\n');
}

// --organization N, with --generate's apps, regions and seed applied to every member account.
function generatedOrganization(
  accounts: number,
  generate: GenerateAccountOptions | undefined,
): GeneratedOrganization {
  try {
    return generateOrganization({
      accounts,
      seed: generate?.seed ?? 1,
      externalId: SANDBOX_EXTERNAL_ID,
      ...(generate ? { applicationsPerAccount: generate.applications, regions: generate.regions } : {}),
    });
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    throw new InvalidRequestError(error.problems.map((problem) => `--organization: ${problem}`));
  }
}

function loadSummary(rateLimits: boolean, faults: FaultOptions | undefined): string {
  const parts = [
    ...(rateLimits ? ["Throttling at AWS's documented request quotas."] : []),
    ...(faults
      ? [
          `Failing ${faults.rate * 100}% of requests (${faults.kinds.join(', ')}; seed ${faults.seed}` +
            `${faults.kinds.includes('slow') ? `, slow answers after ${faults.slowMs ?? DEFAULT_SLOW_MS} ms` : ''}).`,
        ]
      : []),
  ];
  return parts.join('\n');
}

const GENERATE_KEYS = ['apps', 'regions', 'seed'] as const;

// --generate apps=N,regions=R,seed=S: every problem named, as for --faults.
function generateFlag(flags: ParsedFlags): GenerateAccountOptions | undefined {
  const spec = stringFlag(flags, 'generate');
  if (spec === undefined) return undefined;
  const values: Partial<Record<(typeof GENERATE_KEYS)[number], number>> = {};
  const problems: string[] = [];
  for (const part of spec.split(',').map((text) => text.trim())) {
    const [key, value, extra] = part.split('=');
    const known = GENERATE_KEYS.find((candidate) => candidate === key);
    if (!known || value === undefined || extra !== undefined) {
      problems.push(`"${part}" is not one of ${GENERATE_KEYS.map((name) => `${name}=N`).join(', ')}`);
    } else if (!/^\d+$/.test(value)) {
      problems.push(`${known}: "${value}" is not a whole number`);
    } else {
      values[known] = Number(value);
    }
  }
  if (values.apps === undefined && problems.length === 0) problems.push('apps=N is required');
  if (problems.length > 0)
    throw new InvalidRequestError(problems.map((problem) => `--generate ${spec}: ${problem}`));
  return { applications: values.apps ?? 0, regions: values.regions ?? 1, seed: values.seed ?? 1 };
}

// The generator checks the ranges; its problems are named after the flag.
function generated(options: GenerateAccountOptions): AccountSnapshot {
  try {
    return generateAccount(options);
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    throw new InvalidRequestError(error.problems.map((problem) => `--generate: ${problem}`));
  }
}

function formatGenerateSpec(options: GenerateAccountOptions): string {
  return `apps=${options.applications},regions=${options.regions},seed=${options.seed}`;
}

// --faults SPEC, its problems named after the flag.
function faultsFlag(flags: ParsedFlags) {
  const spec = stringFlag(flags, 'faults');
  if (spec === undefined) return undefined;
  try {
    return parseFaultSpec(spec);
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    throw new InvalidRequestError(error.problems.map((problem) => `--faults ${spec}: ${problem}`));
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
