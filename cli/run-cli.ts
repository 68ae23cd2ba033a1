import {
  InvalidRequestError,
  SnapshotFormatError,
  SuppressionFileError,
  SuppressionReadError,
} from '../shared/errors.js';
import { demoCommand } from './commands/demo.js';
import { evaluateCommand } from './commands/evaluate.js';
import { sandboxCommand } from './commands/sandbox.js';
import { scanCommand } from './commands/scan.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import type { CliDependencies, CliIo } from './io.js';
import { COMMAND_OPTIONS, type ParsedFlags, parseFlags } from './options.js';
import { type Command, isCommand, usage } from './usage.js';

const RUNNERS = {
  scan: scanCommand,
  evaluate: evaluateCommand,
  demo: demoCommand,
  sandbox: sandboxCommand,
} as const satisfies Record<
  Exclude<Command, 'help'>,
  (flags: ParsedFlags, io: CliIo, deps: CliDependencies) => Promise<ExitCode>
>;

/**
 * Runs one CLI invocation in-process and returns its exit status (see EXIT_CODES): usage errors
 * and invalid input files print the problem and the command's usage on stderr (2); a failed scan
 * prints what went wrong and what to do (3).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  deps: CliDependencies = {},
): Promise<ExitCode> {
  const [word, ...rest] = argv;
  if (word === undefined || word === '--help' || word === '-h') {
    io.stdout.write(usage());
    return EXIT_CODES.ok;
  }
  if (!isCommand(word)) {
    io.stderr.write(`kda-auditor: unknown command "${word}"\n\n${usage()}`);
    return EXIT_CODES.usage;
  }
  try {
    const { flags, positionals } = parseFlags(COMMAND_OPTIONS[word], rest);
    if (word === 'help') return help(positionals, io);
    if (positionals.length > 0) {
      throw new InvalidRequestError([`unexpected argument "${positionals[0]}" (options start with --)`]);
    }
    if (flags.help) {
      io.stdout.write(usage(word));
      return EXIT_CODES.ok;
    }
    return await RUNNERS[word](flags, io, deps);
  } catch (error) {
    return reportFailure(error, word, io);
  }
}

function help(positionals: readonly string[], io: CliIo): ExitCode {
  const [topic] = positionals;
  if (topic !== undefined && !isCommand(topic)) {
    io.stderr.write(`kda-auditor: no help on "${topic}"\n\n${usage()}`);
    return EXIT_CODES.usage;
  }
  io.stdout.write(usage(topic));
  return EXIT_CODES.ok;
}

function reportFailure(error: unknown, command: Command, io: CliIo): ExitCode {
  if (error instanceof InvalidRequestError) {
    io.stderr.write(`kda-auditor ${command}: ${error.problems.join('\n  ')}\n\n${usage(command)}`);
    return EXIT_CODES.usage;
  }
  // A bad input file is the caller's to fix, like a bad option.
  if (
    error instanceof SnapshotFormatError ||
    error instanceof SuppressionFileError ||
    error instanceof SuppressionReadError
  ) {
    io.stderr.write(`kda-auditor ${command}: ${error.message}\n`);
    return EXIT_CODES.usage;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr.write(`kda-auditor ${command} failed: ${message}\n`);
  return EXIT_CODES.runtimeFailure;
}
