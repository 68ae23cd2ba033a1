import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { MotoCrossCheckError } from './moto-errors.js';

/** A moto_server process serving every AWS service on one loopback port. */
export interface MotoServer {
  endpoint: string;
  /** Forgets every resource, so the next snapshot is seeded into an empty account. */
  reset(): Promise<void>;
  /** Stops the server and everything it started (its process group). */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** The path of `command` on the PATH, or undefined; a plain file lookup, so nothing is started. */
export function findOnPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const directory of path.split(delimiter).filter(Boolean)) {
    const candidate = join(directory, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: keep looking.
    }
  }
  return undefined;
}

/**
 * Starts moto_server on a free loopback port, in its own process group; resolves once it answers.
 * moto loads its copy of the AWS managed policies, so roles can attach them (AdministratorAccess…);
 * moto 5.2.1 only takes that setting from the environment, and it costs seconds of CPU per reset.
 */
export async function startMotoServer(command = 'moto_server'): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(command, ['-H', HOST, '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://${HOST}:${port}`;
  // Vitest may exit before afterAll when a hook throws: never leave moto running.
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitUntilReady(endpoint, child, () => stderr);
  } catch (error) {
    killGroup(child, 'SIGKILL');
    process.off('exit', killOnExit);
    throw error;
  }
  return {
    endpoint,
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new MotoCrossCheckError(`moto's reset answered HTTP ${response.status}.`);
    },
    stop: async () => {
      process.off('exit', killOnExit);
      await stopGroup(child);
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new MotoCrossCheckError(
        `moto_server exited (${child.exitCode ?? child.signalCode}) before answering; ` +
          `install it with pip install "moto[server]==5.2.1". Its output: ${stderr()}`,
      );
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new MotoCrossCheckError(
    `moto_server did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s. Its output: ${stderr()}`,
  );
}

// moto_server is often a pyenv or pipx shim around Python: signal the whole group, not the shim.
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
