/** The CLI's help texts: one overview and one per command (docs/cli.md says the same at length). */

/** The commands the CLI knows. */
export const COMMANDS = ['scan', 'evaluate', 'demo', 'sandbox', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

const SEVERITY_HELP = 'critical, high, medium, low or info';

const OVERVIEW = `kda-auditor: audits Amazon Managed Service for Apache Flink (Kinesis Data Analytics v2)
applications against security best practices and scores them.

Usage: kda-auditor <command> [options]

Commands:
  scan       Scan the AWS account your credentials reach (read-only), report, optionally publish
  evaluate   Judge an account snapshot file offline, with no AWS call
  demo       Evaluate a built-in fictional account and write its report (what npm start runs)
  sandbox    Serve an account snapshot over the AWS APIs on loopback, for the scanner or the AWS CLI
  help       Show this help, or a command's: kda-auditor help scan

Exit status: 0 done; 1 a check failed at or above --fail-on; 2 bad command line or input file;
3 the scan itself failed. See docs/cli.md.
`;

const SCAN = `Usage: kda-auditor scan [options]

Reads every application in the account your AWS credentials reach, with read-only calls, and
prints a summary table. Credentials and region come from the usual AWS sources
(AWS_PROFILE, AWS_REGION, environment, SSO, instance role).

Options:
  --regions LIST          Regions to scan, comma-separated, or "all" (default: all enabled regions)
  --applications LIST     Application names or ARNs, comma-separated (default: every application)
  --out DIR               Write DIR/report.json, DIR/report.md and DIR/report.html
  --save-snapshot FILE    Also write what was collected, for "evaluate --snapshot FILE" later
  --bucket NAME           Write the report to this S3 bucket (in AWS_REGION)
  --prefix PREFIX         Key prefix in the bucket (default: reports)
  --topic ARN             Publish an alert to this SNS topic when checks fail
  --alert-threshold SEV   Least severe failure that alerts: ${SEVERITY_HELP} (default: high)
  --fail-on SEV           Exit 1 when a check of this severity or worse fails: ${SEVERITY_HELP}
  --max-code-mb N         Largest application code object (JAR/ZIP) to download and scan, in MiB (default: 64)
  --artifact-cache DIR    Keep code scan results in DIR, so unchanged JARs are not read again
  --suppressions FILE     Mute accepted findings with the rules of FILE (docs/suppressions.md)
  --security-hub          Also import the findings into Security Hub (in AWS_REGION)
  --time-limit SECONDS    Start no AWS read after SECONDS: what is left is listed as not reached
                          (report notReached), not judged (default: no limit)
  -h, --help              Show this help
`;

const EVALUATE = `Usage: kda-auditor evaluate --snapshot FILE [options]

Judges an account snapshot (docs/snapshot-format.md) offline: no credentials, no network.

Options:
  --snapshot FILE         The account snapshot to judge (required)
  --regions LIST          Only these regions, comma-separated, or "all" (default: all)
  --applications LIST     Only these application names or ARNs, comma-separated
  --out DIR               Write DIR/report.json, DIR/report.md and DIR/report.html
  --fail-on SEV           Exit 1 when a check of this severity or worse fails: ${SEVERITY_HELP}
  --suppressions FILE     Mute accepted findings with the rules of FILE (docs/suppressions.md)
  --previous FILE         An earlier report.json of the account: mark findings new, persisting,
                          regressed or resolved, and continue its score trend
  -h, --help              Show this help
`;

const DEMO = `Usage: kda-auditor demo [options]

Evaluates a built-in fictional account (seven applications in two regions, one clean, six with a
problem each) and writes its report. Needs no AWS account. Exits 0 although checks fail.

Options:
  --out DIR               Where to write report.json, report.md and report.html (default: reports/demo)
  -h, --help              Show this help
`;

const SANDBOX = `Usage: kda-auditor sandbox [options]

Serves an account snapshot over the real AWS wire protocols on 127.0.0.1 (HTTP/1.1 and HTTP/2),
so kda-auditor, the AWS CLI or any SDK can be pointed at it. Runs until interrupted (Ctrl-C).
See docs/sandbox.md.

Options:
  --snapshot FILE         The account to serve (default: the built-in demo account)
  --generate SPEC         Serve a generated account instead: apps=N[,regions=R][,seed=S]
  --organization N        Serve a generated organisation instead: a management account (the
                          auditor) and N member accounts with the member role; with --generate,
                          apps is per member account (default: 3 applications, 1 region, seed 1)
  --port PORT             Port to listen on (default: a free port)
  --latency-ms MS         Delay every response by MS milliseconds (default: 0)
  --page-size N           Page every list N items at a time, to exercise pagination
  --rate-limits           Throttle as AWS does: each operation's documented quota per account
                          and Region, answered with the service's own throttling error
  --faults SPEC           Fail a share of requests, reproducibly, e.g.
                          rate=0.1,kinds=500+503+reset+slow,seed=7[,slowMs=10000]
                          (rate 0 to 1; kinds from 500, 503, reset, slow; seed default 1)
  -h, --help              Show this help
`;

const HELP = `Usage: kda-auditor help [command]

Shows the overview, or the help of one command (scan, evaluate, demo, sandbox).
`;

/** The help text of a command, or the overview. */
export function usage(command?: Command): string {
  switch (command) {
    case 'scan':
      return SCAN;
    case 'evaluate':
      return EVALUATE;
    case 'demo':
      return DEMO;
    case 'sandbox':
      return SANDBOX;
    case 'help':
      return HELP;
    default:
      return OVERVIEW;
  }
}

/** Whether a word names a command. */
export function isCommand(word: string | undefined): word is Command {
  return COMMANDS.some((command) => command === word);
}
