import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../shared/checks/registry.js';
import { demoAccount } from '../../../shared/demo/demo-account.js';
import { SnapshotFormatError } from '../../../shared/errors.js';
import { evaluateAccount } from '../../../shared/evaluate/evaluate-account.js';
import { parseSnapshotText, readSnapshot } from '../../../shared/snapshot/read.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';
import {
  deeplyNested,
  hostileString,
  type JsonPath,
  pathsOf,
  withValueAt,
  wrongValue,
} from './hostile-values.js';

// A snapshot file may be hand-edited, truncated or hostile: the reader answers with a snapshot or
// a SnapshotFormatError whose problems name where the file is wrong, and whatever it accepts the
// evaluation judges without throwing. fast-check prints the seed of any failure; pass
// { seed, path } to fc.assert to replay it.
const EXAMPLE: unknown = JSON.parse(
  readFileSync(new URL('../../fixtures/example-account.json', import.meta.url), 'utf8'),
);
const DEMO: unknown = JSON.parse(JSON.stringify(demoAccount));
const BASES = [EXAMPLE, DEMO] as const;
const POLICY_KEYS = ['AssumeRolePolicyDocument', 'PolicyDocument', 'Document', 'Policy'];

/** The snapshot, or the SnapshotFormatError it threw; any other exception escapes and fails the property. */
function readOrRefuse(json: unknown): AccountSnapshot | SnapshotFormatError {
  try {
    return readSnapshot(json);
  } catch (error) {
    if (error instanceof SnapshotFormatError) return error;
    throw error;
  }
}

/** The `path: message` lines of a SnapshotFormatError. */
function problemLines(error: SnapshotFormatError): string[] {
  return error.message.split('\n  ').slice(1);
}

/** Holds when a problem line is at the mutated entry, one of its ancestors, or inside it. */
function namesMutation(line: string, path: JsonPath): boolean {
  const joined = (n: number) => path.slice(0, n).join('.');
  return (
    path.some((_, index) => line.startsWith(`${joined(index + 1)}:`)) ||
    line.startsWith(`${joined(path.length)}.`)
  );
}

/** A base snapshot with one entry replaced (or deleted): the path is drawn among the snapshot's own. */
// Bases are drawn by index so that a counterexample prints the path and value, not the snapshot.
const mutatedSnapshot = fc.constantFrom(0, 1).chain((baseIndex) =>
  fc.record({
    baseIndex: fc.constant(baseIndex),
    path: fc.constantFrom(...pathsOf(BASES[baseIndex])),
    replacement: fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: wrongValue },
    ),
  }),
);

/** Every policy document path of a snapshot. */
function policyPaths(base: unknown): JsonPath[] {
  return pathsOf(base).filter((path) => POLICY_KEYS.includes(String(path[path.length - 1])));
}

/** Text that is no policy document: not JSON, URL-encoded garbage, or JSON of the wrong shape. */
const garbagePolicy = fc.oneof(
  fc.constantFrom(
    '%E0%A4%A',
    '%7B%22Statement%22%3A',
    'not json',
    '{"Statement":[{"Effect":"Maybe"}]}',
    '[]',
    '42',
  ),
  hostileString.filter((text) => text.trim() !== '' && !text.trim().startsWith('{')),
  fc.constant({ Statement: [{ Effect: 'Allow', Action: [deeplyNested(10_000)], Resource: '*' }] }),
);

/** checkId + resource → status, for comparing two evaluations of the same account. */
function verdicts(snapshot: AccountSnapshot): Map<string, string> {
  const found = new Map<string, string>();
  for (const application of evaluateAccount(snapshot).applications) {
    for (const finding of application.findings) {
      found.set(`${application.applicationArn} ${finding.checkId} ${finding.resourceArn}`, finding.status);
    }
  }
  return found;
}

describe('Function: readSnapshot (fuzzed)', () => {
  it('returns a snapshot or a SnapshotFormatError naming the mutated entry', () => {
    fc.assert(
      fc.property(mutatedSnapshot, ({ baseIndex, path, replacement }) => {
        // Act
        const outcome = readOrRefuse(withValueAt(BASES[baseIndex], path, replacement));

        // Assess
        if (outcome instanceof SnapshotFormatError) {
          for (const line of problemLines(outcome)) expect(namesMutation(line, path), line).toBe(true);
        } else {
          expect(outcome.snapshotVersion).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  // Judging an account takes ~150 ms, so the properties that evaluate run fewer, on the example.
  it('judges without throwing every mutated snapshot it accepts', () => {
    fc.assert(
      fc.property(
        mutatedSnapshot.filter(({ baseIndex }) => baseIndex === 0),
        ({ baseIndex, path, replacement }) => {
          // Prepare
          const outcome = readOrRefuse(withValueAt(BASES[baseIndex], path, replacement));
          fc.pre(!(outcome instanceof SnapshotFormatError));

          // Act
          const act = () => evaluateAccount(outcome as AccountSnapshot);

          // Assess
          expect(act).not.toThrow();
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);

  it('never turns a FAIL or ERROR into PASS when a policy document is replaced by garbage', () => {
    const clean = verdicts(readSnapshot(EXAMPLE));
    fc.assert(
      fc.property(fc.constantFrom(...policyPaths(EXAMPLE)), garbagePolicy, (path, garbage) => {
        // Act
        const mutated = verdicts(readSnapshot(withValueAt(EXAMPLE, path, garbage)));

        // Assess
        for (const [key, status] of clean) {
          if (status !== 'PASS') expect(mutated.get(key) ?? status, key).not.toBe('PASS');
        }
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  it('refuses a region key holding control characters with the key escaped on one line', () => {
    // Prepare
    const json = { snapshotVersion: 1, accountId: '111122223333', regions: { 'eu\u001b[31m\nwest-1': {} } };

    // Act
    const act = () => readSnapshot(json);

    // Assess
    expect(act).toThrow(
      new SnapshotFormatError(
        'Not a valid account snapshot (format version 1):\n  regions.eu\\u001b[31m\\nwest-1: region names look like eu-west-1',
      ),
    );
  });

  it('refuses a snapshot whose policy holds 10,000 nested lists with an ERROR, not a stack overflow', () => {
    // Prepare
    const json = withValueAt(EXAMPLE, ['iam', 'roles', 0, 'RolePolicyList', 0, 'PolicyDocument'], {
      Statement: [{ Effect: 'Allow', Action: deeplyNested(10_000), Resource: '*' }],
    });

    // Act
    const findings = evaluateAccount(readSnapshot(json)).applications.flatMap((application) =>
      application.findings.filter((finding) => finding.detail.includes('where IAM expects a string')),
    );

    // Assess
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((finding) => finding.status))).toEqual(new Set(['ERROR']));
  });
});

describe('Function: readSnapshot (fields the evaluation reads before any check)', () => {
  it.each([
    [
      ['regions', 'eu-west-1', 'keys', 1, 'Aliases'],
      true,
      'regions.eu-west-1.keys.1.Aliases: Invalid input: expected array, received boolean',
    ],
    [
      ['regions', 'eu-west-1', 'applications', 1, 'RuntimeEnvironment'],
      [],
      'regions.eu-west-1.applications.1.RuntimeEnvironment: Invalid input: expected string, received array',
    ],
  ])('refuses %j holding %j, naming its path', (path, value, problem) => {
    // Act
    const act = () => readSnapshot(withValueAt(EXAMPLE, path, value));

    // Assess
    expect(act).toThrow(
      new SnapshotFormatError(`Not a valid account snapshot (format version 1):\n  ${problem}`),
    );
  });
});

describe('Function: evaluateAccount (malformed entries)', () => {
  it('returns ERROR on every check for an application whose code bucket ARN is not a string', () => {
    // Prepare
    const path = [
      'regions',
      'eu-west-1',
      'applications',
      1,
      'ApplicationConfigurationDescription',
      'ApplicationCodeConfigurationDescription',
      'CodeContentDescription',
      'S3ApplicationCodeLocationDescription',
      'BucketARN',
    ];
    const snapshot = readSnapshot(withValueAt(EXAMPLE, path, -1));

    // Act
    const evaluation = evaluateAccount(snapshot);

    // Assess
    const legacy = evaluation.applications[1];
    expect({
      ...legacy,
      findings: [...new Set(legacy?.findings.map(({ status, detail }) => `${status} ${detail}`))],
    }).toEqual({
      applicationArn: 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
      applicationName: 'legacy-sessionizer',
      region: 'eu-west-1',
      graph: {
        applicationArn: 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
        nodes: [],
        edges: [],
      },
      findings: [
        "ERROR The snapshot's entry for legacy-sessionizer (or a resource it uses) is malformed (text.split is not a function); fix the snapshot file or collect it again.",
      ],
    });
    expect(legacy?.findings.map((finding) => finding.checkId)).toEqual(
      CHECKS.map((check) => check.metadata.id),
    );
  });
});

describe('Function: parseSnapshotText (fuzzed)', () => {
  it('returns a snapshot or throws SnapshotFormatError for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString,
          fc.json(),
          fc.constant(
            `{"snapshotVersion":1,"accountId":"111122223333","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
          ),
        ),
        (text) => {
          // Act
          const outcome = (() => {
            try {
              return parseSnapshotText(text, 'account.json');
            } catch (error) {
              if (error instanceof SnapshotFormatError) return error;
              throw error;
            }
          })();

          // Assess
          expect(outcome instanceof SnapshotFormatError ? outcome.message : outcome.accountId).toMatch(
            /^(account\.json is not valid JSON|Not a valid account snapshot|111122223333$)/,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
