import { resolve } from 'node:path';
import { runAudit } from '../../shared/audit.js';
import { DEMO_APPLICATIONS, demoAccount } from '../../shared/demo/demo-account.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';
import type { CliDependencies, CliIo } from '../io.js';
import { type ParsedFlags, pathFlag } from '../options.js';
import { presentReport, writeLocalReport } from '../report-output.js';

/** Where `demo` writes unless told otherwise, relative to the working directory. */
export const DEFAULT_DEMO_OUT = 'reports/demo';

/**
 * `demo`: evaluates the built-in fictional account, prints the table and writes the report.
 * Exits 0 although checks fail: showing failures is the point.
 */
export async function demoCommand(flags: ParsedFlags, io: CliIo, deps: CliDependencies): Promise<ExitCode> {
  const out = pathFlag(flags, 'out', io.cwd) ?? resolve(io.cwd, DEFAULT_DEMO_OUT);
  const applications = Object.entries(DEMO_APPLICATIONS);
  io.stderr.write(
    `Demo: a fictional account (${demoAccount.accountId}) with ${applications.length} applications, no AWS call.\n` +
      applications.map(([name, shows]) => `  ${name}: ${shows}\n`).join(''),
  );
  const audit = deps.runAudit ?? runAudit;
  const { report } = await audit(
    {},
    { kind: 'snapshot', snapshot: demoAccount },
    {},
    {
      progress: (message) => io.stderr.write(`${message}\n`),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.newScanId ? { newScanId: deps.newScanId } : {}),
    },
  );
  const files = await writeLocalReport(out, report);
  presentReport(io, report, { written: [files.json, files.markdown] });
  return EXIT_CODES.ok;
}
