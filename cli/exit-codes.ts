/** What the CLI's exit status means (docs/cli.md). */
export const EXIT_CODES = {
  /** The command ran; no failure at or above --fail-on. */
  ok: 0,
  /** A check failed at or above the --fail-on severity. */
  findingsAtThreshold: 1,
  /** Bad command line or input file (unknown option, bad value, unreadable or invalid snapshot). */
  usage: 2,
  /** The scan itself failed (credentials, AWS, writing the report or alert). */
  runtimeFailure: 3,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
