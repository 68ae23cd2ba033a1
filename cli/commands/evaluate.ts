import { readFile } from 'node:fs/promises';
import { runAudit } from '../../shared/audit.js';
import { InvalidRequestError } from '../../shared/errors.js';
import { parseSnapshotText } from '../../shared/snapshot/read.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { previousFrom, suppressionsFrom } from '../audit-inputs.js';
import type { ExitCode } from '../exit-codes.js';
import type { CliDependencies, CliIo } from '../io.js';
import { type ParsedFlags, pathFlag, readFlags, scopeFrom, severityFlag } from '../options.js';
import { presentReport, writeLocalReport } from '../report-output.js';

/** `evaluate`: judges a snapshot file offline. An unreadable or invalid file is a usage error. */
export async function evaluateCommand(
  flags: ParsedFlags,
  io: CliIo,
  deps: CliDependencies,
): Promise<ExitCode> {
  const { file, scope, failOn, out, suppressionsFile, previousFile } = readFlags({
    file: () => {
      const path = pathFlag(flags, 'snapshot', io.cwd);
      if (!path) throw new InvalidRequestError(['--snapshot: name the account snapshot file to evaluate']);
      return path;
    },
    scope: () => scopeFrom(flags),
    failOn: () => severityFlag(flags, 'fail-on'),
    out: () => pathFlag(flags, 'out', io.cwd),
    suppressionsFile: () => pathFlag(flags, 'suppressions', io.cwd),
    previousFile: () => pathFlag(flags, 'previous', io.cwd),
  });

  const suppressions = await suppressionsFrom(suppressionsFile);
  const snapshot = await readSnapshotFile(file);
  const previous = await previousFrom(previousFile, snapshot.accountId);
  io.stderr.write(`Evaluating ${file} (account ${snapshot.accountId}).\n`);
  const audit = deps.runAudit ?? runAudit;
  const { report } = await audit(
    { ...scope, ...(suppressions ? { suppressions } : {}), ...(previous ? { previous } : {}) },
    { kind: 'snapshot', snapshot },
    {},
    {
      progress: (message) => io.stderr.write(`${message}\n`),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.newScanId ? { newScanId: deps.newScanId } : {}),
    },
  );
  const written = out ? Object.values(await writeLocalReport(out, report)) : [];
  return presentReport(io, report, { written, ...(failOn ? { failOn } : {}) });
}

/** Reads and validates a snapshot file; throws SnapshotFormatError or InvalidRequestError. */
export async function readSnapshotFile(file: string): Promise<AccountSnapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidRequestError([`--snapshot: cannot read ${file} (${reason})`]);
  }
  return parseSnapshotText(text, file);
}
