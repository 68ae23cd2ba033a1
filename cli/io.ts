import type { runAudit } from '../shared/audit.js';
import type { ClientFactory } from '../shared/aws/clients.js';

/** Where the CLI reads and writes: the process's streams in production, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Relative paths (--out, --snapshot, --save-snapshot) resolve against it. */
  cwd: string;
}

/** What commands take from outside; defaults are the real ones. Tests inject fakes. */
export interface CliDependencies {
  clients?: ClientFactory;
  runAudit?: typeof runAudit;
  clock?: () => Date;
  newScanId?: () => string;
  /** Resolves when a long-running command (sandbox) should stop; by default on SIGINT or SIGTERM. */
  untilStopped?: () => Promise<void>;
}
