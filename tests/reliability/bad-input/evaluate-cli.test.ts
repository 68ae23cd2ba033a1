import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../../cli/exit-codes.js';
import { cliHarness, FIXED } from '../../cli/cli-harness.js';

// `kda-auditor evaluate` on a hostile snapshot file: the input exit code (2), one message naming
// what is wrong and where, and no report written (the --out directory is never created).
let harness: ReturnType<typeof cliHarness>;
beforeEach(() => {
  harness = cliHarness();
});
afterEach(() => harness.cleanup());

const HEADER = 'kda-auditor evaluate: Not a valid account snapshot (format version 1):';

/** Snapshot text: a valid header with the given fields added or replaced. */
function snapshotText(fields: Record<string, unknown>): string {
  return JSON.stringify({ snapshotVersion: 1, accountId: '111122223333', ...fields });
}

/** Writes the file and runs `evaluate --snapshot <file> --out out` on it. */
async function evaluate(content: string) {
  writeFileSync(join(harness.cwd, 'account.json'), content);
  const run = await harness.run(['evaluate', '--snapshot', 'account.json', '--out', 'out'], FIXED);
  return { ...run, outWritten: existsSync(join(harness.cwd, 'out')) };
}

describe('Command: evaluate (hostile snapshot files)', () => {
  it('refuses text that is not JSON, naming the file', async () => {
    // Act
    const run = await evaluate('{"snapshotVersion":1,"accountId":"111122223333",');

    // Assess
    expect(run).toEqual({
      code: EXIT_CODES.usage,
      stdout: '',
      // Node 22 adds "(line 1 column 49)" to JSON.parse's message; Node 20 does not.
      stderr: expect.stringMatching(
        /^kda-auditor evaluate: \/.+\/account\.json is not valid JSON: Expected double-quoted property name in JSON at position 48( \(line 1 column 49\))?\n$/,
      ),
      outWritten: false,
    });
  });

  it('refuses a 10,000-deep value where the account id belongs, without overflowing the stack', async () => {
    // Act
    const run = await evaluate(
      `{"snapshotVersion":1,"accountId":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    );

    // Assess
    expect(run).toEqual({
      code: EXIT_CODES.usage,
      stdout: '',
      stderr: `${HEADER}\n  accountId: Invalid input: expected string, received array\n`,
      outWritten: false,
    });
  });

  it('refuses a 20 MB file of 100,000 unnamed applications, listing the first 20 problems', async () => {
    // Prepare
    const applications = Array.from({ length: 100_000 }, (_, index) => ({
      ApplicationARN: `arn:aws:kinesisanalytics:eu-west-1:111122223333:application/app-${index}`,
      Padding: 'x'.repeat(100),
    }));

    // Act
    const run = await evaluate(snapshotText({ regions: { 'eu-west-1': { applications } } }));

    // Assess
    expect(run).toEqual({
      code: EXIT_CODES.usage,
      stdout: '',
      stderr: `${HEADER}\n${Array.from(
        { length: 20 },
        (_, index) =>
          `  regions.eu-west-1.applications.${index}.ApplicationName: Invalid input: expected string, received undefined\n`,
      ).join('')}`,
      outWritten: false,
    });
  });

  it('refuses a 5 MB account id without echoing it', async () => {
    // Act
    const run = await evaluate(snapshotText({ accountId: '1'.repeat(5_000_000) }));

    // Assess
    expect(run).toEqual({
      code: EXIT_CODES.usage,
      stdout: '',
      stderr: `${HEADER}\n  accountId: accountId must be a 12-digit AWS account id\n`,
      outWritten: false,
    });
  });

  it('refuses control characters in a region name, escaped so the terminal shows them as text', async () => {
    // Act
    const run = await evaluate(snapshotText({ regions: { 'eu-west-1\u001b[2J\r': {} } }));

    // Assess
    expect(run).toEqual({
      code: EXIT_CODES.usage,
      stdout: '',
      stderr: `${HEADER}\n  regions.eu-west-1\\u001b[2J\\r: region names look like eu-west-1\n`,
      outWritten: false,
    });
  });

  it('refuses an application name of the wrong type, naming its path', async () => {
    // Act
    const run = await evaluate(
      snapshotText({
        regions: {
          'eu-west-1': {
            applications: [
              {
                ApplicationARN: 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/a',
                ApplicationName: { toString: 1 },
              },
            ],
          },
        },
      }),
    );

    // Assess
    expect(run).toEqual({
      code: EXIT_CODES.usage,
      stdout: '',
      stderr: `${HEADER}\n  regions.eu-west-1.applications.0.ApplicationName: Invalid input: expected string, received object\n`,
      outWritten: false,
    });
  });
});
