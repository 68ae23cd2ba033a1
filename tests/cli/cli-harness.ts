import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliDependencies } from '../../cli/io.js';
import { runCli } from '../../cli/run-cli.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh working directory and a way to run the CLI in it, in-process. */
export function cliHarness() {
  const cwd = mkdtempSync(join(tmpdir(), 'kda-auditor-cli-'));
  return {
    cwd,
    async run(argv: string[], deps: CliDependencies = {}, env: Record<string, string> = {}): Promise<CliRun> {
      let stdout = '';
      let stderr = '';
      const code = await runCli(
        argv,
        {
          stdout: { write: (text: string) => (stdout += text) },
          stderr: { write: (text: string) => (stderr += text) },
          env,
          cwd,
        },
        deps,
      );
      return { code, stdout, stderr };
    },
    cleanup: () => rmSync(cwd, { recursive: true, force: true }),
  };
}

/** A clock and scan id that make reports reproducible. */
export const FIXED = {
  clock: () => new Date('2026-11-29T02:00:00.000Z'),
  newScanId: () => '20261129T020000Z-0a1b2c3d',
} as const;
