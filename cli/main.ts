import { runCli } from './run-cli.js';

// The process boundary: real streams and environment in, exit status out. Everything else is
// in runCli, which tests call in-process.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
