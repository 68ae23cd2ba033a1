import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usage } from '../../cli/usage.js';
import { cliHarness } from './cli-harness.js';

let harness: ReturnType<typeof cliHarness>;
beforeEach(() => {
  harness = cliHarness();
});
afterEach(() => harness.cleanup());

describe('Function: runCli', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])(
    'prints the overview and returns 0 for %j',
    async (argv) => {
      // Act
      const result = await harness.run(argv);

      // Assess
      expect(result).toEqual({ code: 0, stdout: usage(), stderr: '' });
    },
  );

  it.each([
    { argv: ['scan', '--help'], command: 'scan' },
    { argv: ['evaluate', '-h'], command: 'evaluate' },
    { argv: ['demo', '--help'], command: 'demo' },
    { argv: ['help', 'scan'], command: 'scan' },
    { argv: ['help', 'evaluate'], command: 'evaluate' },
  ] as const)('prints the help of $command and returns 0 for $argv', async ({ argv, command }) => {
    // Act
    const result = await harness.run([...argv]);

    // Assess
    expect(result).toEqual({ code: 0, stdout: usage(command), stderr: '' });
  });

  it('returns 2 with the overview for an unknown command', async () => {
    // Act
    const result = await harness.run(['audit']);

    // Assess
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `kda-auditor: unknown command "audit"\n\n${usage()}`,
    });
  });

  it('returns 2 for help on an unknown topic', async () => {
    // Act
    const result = await harness.run(['help', 'publish']);

    // Assess
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `kda-auditor: no help on "publish"\n\n${usage()}`,
    });
  });

  it('returns 2 with the command usage for an unknown option', async () => {
    // Act
    const result = await harness.run(['evaluate', '--snapshot', 'a.json', '--verbose']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^kda-auditor evaluate: Unknown option '--verbose'/);
    expect(result.stderr.endsWith(`\n\n${usage('evaluate')}`)).toBe(true);
  });

  it('returns 2 for a stray argument', async () => {
    // Act
    const result = await harness.run(['demo', 'now']);

    // Assess
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `kda-auditor demo: unexpected argument "now" (options start with --)\n\n${usage('demo')}`,
    });
  });

  it('returns 2 naming each bad scope value', async () => {
    // Act
    const result = await harness.run([
      'scan',
      '--regions',
      'eu-west-1,mars',
      '--applications',
      'a b',
      '--fail-on',
      'severe',
    ]);

    // Assess
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'kda-auditor scan: --regions entry 2: "mars" is not a region name (expected e.g. eu-west-1)\n' +
        '  --applications entry 1: "a b" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN\n' +
        '  --fail-on: "severe" is not one of critical, high, medium, low, info\n\n' +
        usage('scan'),
    });
  });
});
