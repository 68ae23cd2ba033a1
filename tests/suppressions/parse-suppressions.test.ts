import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SuppressionFileError } from '../../shared/errors.js';
import { parseSuppressions } from '../../shared/suppressions/parse-suppressions.js';
import { isCalendarDate } from '../../shared/suppressions/suppression-rule.js';
import { SOURCE, suppressionFile, suppressionFileError } from './support/suppression-builders.js';

const JUSTIFIED = '    justification: "Owned by the platform team, see SEC-123."';
const EXPIRES = '    expires: 2027-02-01';

describe('Function: parseSuppressions', () => {
  it('returns every rule with its patterns, its line, and its id or line as rule id', () => {
    // Prepare
    const text = suppressionFile(
      '  # The legacy SQL applications go away in January.',
      '  - id: legacy-sql-no-cloudtrail',
      '    account: 012345678901',
      '    region: us-east-1',
      '    application: legacy-sql-*',
      '    check: cloudtrail-region-logging',
      '    resource: "arn:aws:cloudtrail:*"',
      '    justification: "  Decommissioned 2027-01; CloudTrail is owned by the platform team (SEC-123).  "',
      '    expires: 2027-02-01',
      '  -',
      '    check: encryption-*',
      JUSTIFIED,
      EXPIRES,
    );

    // Act
    const rules = parseSuppressions(text, SOURCE);

    // Assess
    expect(rules).toEqual([
      {
        ruleId: 'legacy-sql-no-cloudtrail',
        match: {
          account: '012345678901',
          region: 'us-east-1',
          application: 'legacy-sql-*',
          check: 'cloudtrail-region-logging',
          resource: 'arn:aws:cloudtrail:*',
        },
        justification: 'Decommissioned 2027-01; CloudTrail is owned by the platform team (SEC-123).',
        expires: '2027-02-01',
        source: SOURCE,
        line: 4,
      },
      {
        ruleId: 'line 13',
        match: { check: 'encryption-*' },
        justification: 'Owned by the platform team, see SEC-123.',
        expires: '2027-02-01',
        source: SOURCE,
        line: 13,
      },
    ]);
  });

  it('returns no rules for an empty list', () => {
    // Act
    const rules = parseSuppressions('version: 1\nsuppressions: []\n', SOURCE);

    // Assess
    expect(rules).toEqual([]);
  });

  it('returns the rules of the example file shipped with the docs', async () => {
    // Prepare
    const text = await readFile(new URL('../../examples/suppressions.yaml', import.meta.url), 'utf-8');

    // Act
    const rules = parseSuppressions(text, 'examples/suppressions.yaml');

    // Assess
    expect(rules.map(({ ruleId, line }) => ({ ruleId, line }))).toEqual([
      { ruleId: 'legacy-sql-no-cloudtrail', line: 11 },
      { ruleId: 'shared-bucket-sse-s3', line: 22 },
      { ruleId: 'line 30', line: 30 },
    ]);
  });

  it.each([
    {
      kind: 'not YAML, at the parser line',
      text: 'version: 1\nsuppressions:\n  - check: [unclosed\n    expires: 2027-02-01\n',
      problems: [
        `${SOURCE}:4: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      ],
    },
    {
      kind: 'a key twice in one rule',
      text: suppressionFile('  - check: a', '    check: b', JUSTIFIED, EXPIRES),
      problems: [`${SOURCE}:4: a key appears twice in the same mapping; keep one`],
    },
    {
      kind: 'an empty file',
      text: '# nothing yet\n',
      problems: [`${SOURCE}:1: the file is empty; start it with "version: 1" and a "suppressions:" list`],
    },
    {
      kind: 'a file that is a list',
      text: '- check: a\n',
      problems: [`${SOURCE}:1: the file must be a mapping with "version: 1" and a "suppressions:" list`],
    },
    {
      kind: 'a wrong version, an unknown top-level key, and no list',
      text: '# v2 is not out\nversion: 2\nrules: []\n',
      problems: [
        `${SOURCE}:1: suppressions: missing; add a "suppressions:" list of rules ("suppressions: []" for none)`,
        `${SOURCE}:2: version: must be 1, found "2"; this auditor reads version 1 only`,
        `${SOURCE}:3: unknown key "rules" (expected version, suppressions)`,
      ],
    },
    {
      kind: 'no version',
      text: 'suppressions: []\n',
      problems: [`${SOURCE}:1: version: missing; add "version: 1"`],
    },
    {
      kind: 'suppressions that are not a list',
      text: 'version: 1\nsuppressions:\n',
      problems: [
        `${SOURCE}:2: suppressions: must be a list of rules, each starting with "- " ("suppressions: []" for none)`,
      ],
    },
    {
      kind: 'a rule that is not a mapping',
      text: suppressionFile('  - mute everything'),
      problems: [
        `${SOURCE}:3: each rule must be a mapping of keys (id, account, region, application, check, resource, justification, expires)`,
      ],
    },
    {
      kind: 'an unknown key in a rule',
      text: suppressionFile('  - check: a', '    reason: legacy', JUSTIFIED, EXPIRES),
      problems: [
        `${SOURCE}:4: unknown key "reason" in a rule (expected id, account, region, application, check, resource, justification, expires)`,
      ],
    },
    {
      kind: 'a pattern given as a list',
      text: suppressionFile('  - check: a', '    region:', '      - us-east-1', JUSTIFIED, EXPIRES),
      problems: [`${SOURCE}:5: region: must be a single value, not a list or mapping`],
    },
    {
      kind: 'an empty pattern',
      text: suppressionFile('  - check: a', '    resource: ""', JUSTIFIED, EXPIRES),
      problems: [`${SOURCE}:4: resource: is empty; give a pattern or remove the key`],
    },
    {
      kind: 'a rule with no matcher',
      text: suppressionFile('  - id: all', JUSTIFIED, EXPIRES),
      problems: [
        `${SOURCE}:3: the rule would mute every finding; give at least one of account, region, application, check, resource narrower than "*"`,
      ],
    },
    {
      kind: 'a rule whose matchers are all stars',
      text: suppressionFile('  - account: "*"', '    check: "**"', JUSTIFIED, EXPIRES),
      problems: [
        `${SOURCE}:3: the rule would mute every finding; give at least one of account, region, application, check, resource narrower than "*"`,
      ],
    },
    {
      kind: 'a missing justification',
      text: suppressionFile('  - check: a', EXPIRES),
      problems: [
        `${SOURCE}:3: justification: missing; say why the finding is accepted and who owns the decision`,
      ],
    },
    {
      kind: 'a justification too short to say anything',
      text: suppressionFile('  - check: a', '    justification: "legacy   "', EXPIRES),
      problems: [
        `${SOURCE}:4: justification: "legacy" is too short; write at least 10 characters saying why and who decided`,
      ],
    },
    {
      kind: 'a missing expiry',
      text: suppressionFile('  - check: a', JUSTIFIED),
      problems: [`${SOURCE}:3: expires: missing; add the day the rule stops applying, as YYYY-MM-DD`],
    },
    {
      kind: 'an expiry that is no calendar day',
      text: suppressionFile('  - check: a', JUSTIFIED, '    expires: 2027-02-30'),
      problems: [`${SOURCE}:5: expires: "2027-02-30" is not a date; write YYYY-MM-DD, e.g. 2027-02-01`],
    },
    {
      kind: 'an expiry with a time',
      text: suppressionFile('  - check: a', JUSTIFIED, '    expires: 2027-02-01T00:00:00Z'),
      problems: [
        `${SOURCE}:5: expires: "2027-02-01T00:00:00Z" is not a date; write YYYY-MM-DD, e.g. 2027-02-01`,
      ],
    },
    {
      kind: 'a duplicate id',
      text: suppressionFile(
        '  - id: legacy',
        '    check: a',
        JUSTIFIED,
        EXPIRES,
        '  - id: legacy',
        '    check: b',
        JUSTIFIED,
        EXPIRES,
      ),
      problems: [`${SOURCE}:7: id: "legacy" is already used by the rule on line 3`],
    },
    {
      kind: 'an empty id',
      text: suppressionFile('  - id: ""', '    check: a', JUSTIFIED, EXPIRES),
      problems: [`${SOURCE}:3: id: is empty; give the rule a name or remove the key`],
    },
  ])('throws a SuppressionFileError naming the line for $kind', ({ text, problems }) => {
    // Act
    const error = suppressionFileError(() => parseSuppressions(text, SOURCE));

    // Assess
    expect(error).toBeInstanceOf(SuppressionFileError);
    expect(error?.problems).toEqual(problems);
    expect(error?.source).toBe(SOURCE);
  });

  it('throws every problem of every rule at once, in line order, in a message that says what to do', () => {
    // Prepare
    const text = suppressionFile(
      '  - check: a',
      '    justification: short',
      '    expires: tomorrow',
      '  - id: "*"',
      '    colour: red',
    );

    // Act
    const error = suppressionFileError(() => parseSuppressions(text, 's3://audit-reports/suppressions.yaml'));

    // Assess
    const source = 's3://audit-reports/suppressions.yaml';
    const problems = [
      `${source}:4: justification: "short" is too short; write at least 10 characters saying why and who decided`,
      `${source}:5: expires: "tomorrow" is not a date; write YYYY-MM-DD, e.g. 2027-02-01`,
      `${source}:6: the rule would mute every finding; give at least one of account, region, application, check, resource narrower than "*"`,
      `${source}:6: justification: missing; say why the finding is accepted and who owns the decision`,
      `${source}:6: expires: missing; add the day the rule stops applying, as YYYY-MM-DD`,
      `${source}:7: unknown key "colour" in a rule (expected id, account, region, application, check, resource, justification, expires)`,
    ];
    expect(error?.problems).toEqual(problems);
    expect(error?.message).toBe(
      `The suppression file ${source} is invalid; fix every problem below and scan again (see docs/suppressions.md):\n${problems.join('\n')}`,
    );
  });
});

describe('Function: isCalendarDate', () => {
  it.each([
    { text: '2027-02-01', expected: true },
    { text: '2028-02-29', expected: true },
    { text: '2027-02-29', expected: false },
    { text: '2027-13-01', expected: false },
    { text: '2027-2-1', expected: false },
    { text: '01/02/2027', expected: false },
  ])('returns $expected for $text', ({ text, expected }) => {
    // Act
    const valid = isCalendarDate(text);

    // Assess
    expect(valid).toBe(expected);
  });
});
