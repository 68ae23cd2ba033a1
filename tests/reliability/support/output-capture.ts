/**
 * Every byte an auditor run wrote, gathered as named texts, and the search of those texts for
 * planted credentials in the forms a leak could take (escaped, URL-encoded, gzipped).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { PlantedValue } from './planted-credentials.js';

/** One output: where it went, and its bytes. */
export interface CapturedOutput {
  name: string;
  bytes: Buffer;
}

/** A planted value found in an output; the value itself is shown masked, even in a failing test. */
export interface Leak {
  output: string;
  value: string;
}

/** Every file under a folder, named by its path relative to the folder. */
export function filesUnder(folder: string, prefix: string): CapturedOutput[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: `${prefix}/${relative(folder, path)}`, bytes: readFileSync(path) };
    });
}

/** A text output. */
export function textOutput(name: string, text: string): CapturedOutput {
  return { name, bytes: Buffer.from(text, 'utf8') };
}

/** What process.stdout and process.stderr receive while `run` runs (Powertools logs and metrics). */
export async function captureProcessOutput<T>(
  run: () => Promise<T>,
): Promise<{ result: T; written: string }> {
  let written = '';
  const record = (chunk: unknown) => {
    written += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return true;
  };
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  process.stdout.write = record as typeof process.stdout.write;
  process.stderr.write = record as typeof process.stderr.write;
  try {
    return { result: await run(), written };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

/**
 * The planted values (in full, or the part masking must hide) found in the outputs, each output
 * read as written and decoded the ways a value could hide in it.
 */
export function findLeaks(outputs: readonly CapturedOutput[], planted: readonly PlantedValue[]): Leak[] {
  const leaks: Leak[] = [];
  for (const output of outputs) {
    const forms = readableForms(output.bytes);
    for (const { value, hidden } of planted) {
      if (forms.some((form) => form.includes(value) || form.includes(hidden))) {
        leaks.push({ output: output.name, value: `${value.slice(0, 4)}…` });
      }
    }
  }
  return leaks;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

function readableForms(bytes: Buffer): string[] {
  const raw = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1] ? gunzipSync(bytes) : bytes;
  const text = raw.toString('utf8');
  return [text, unescaped(text)];
}

// JSON may escape `/` and `+` (`\/`, `\u002b`), HTML may write them as entities, URLs as %2F / %2B.
function unescaped(text: string): string {
  return text
    .replace(/\\\//g, '/')
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/%([0-9a-fA-F]{2})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
}
