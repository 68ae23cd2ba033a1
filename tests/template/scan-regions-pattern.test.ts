import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGION_PATTERN } from '../../shared/arn.js';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';

const templatePath = fileURLToPath(new URL('../../template.yaml', import.meta.url));

/** The ScanRegions parameter's AllowedPattern, as CloudFormation matches it: the whole value. */
function scanRegionsPattern(): RegExp {
  const template = loadCfnYaml(readFileSync(templatePath, 'utf8')) as Record<string, CfnValue>;
  const parameters = template.Parameters as Record<string, Record<string, CfnValue>>;
  return new RegExp(String(parameters.ScanRegions?.AllowedPattern));
}

/** What the scanner accepts: `all`, or a comma list of names REGION_PATTERN accepts. */
function scannerAccepts(value: string): boolean {
  return value === 'all' || value.split(',').every((region) => REGION_PATTERN.test(region));
}

const NAMES = [
  'eu-west-1',
  'us-east-1',
  'eusc-de-east-1',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'ap-southeast-7',
  'us-isob-east-1',
  'EU-WEST-1',
  'eu-west',
  'euwest1',
  'eu--west-1',
  'eu-west-1a',
  'abcde-west-1',
  'e-west-1',
  'eu-west-1 ',
  '',
  'all',
  'ALL',
];

describe('Template: ScanRegions AllowedPattern', () => {
  it('accepts and rejects single region names as REGION_PATTERN does', () => {
    // Prepare
    const pattern = scanRegionsPattern();

    // Act
    const disagreements = NAMES.filter((name) => pattern.test(name) !== scannerAccepts(name));

    // Assess
    expect(disagreements).toEqual([]);
    expect(NAMES.filter((name) => pattern.test(name))).toEqual([
      'eu-west-1',
      'us-east-1',
      'eusc-de-east-1',
      'us-gov-west-1',
      'cn-north-1',
      'cn-northwest-1',
      'ap-southeast-7',
      'us-isob-east-1',
      'all',
    ]);
  });

  it('accepts a comma list only when every name in it is a region name', () => {
    // Prepare
    const pattern = scanRegionsPattern();
    const lists = [
      'eu-west-1,us-gov-west-1,cn-north-1,eusc-de-east-1',
      'eu-west-1,',
      ',eu-west-1',
      'eu-west-1, us-east-1',
      'eu-west-1,all',
      'eu-west-1,,us-east-1',
    ];

    // Act
    const accepted = lists.map((list) => [list, pattern.test(list), scannerAccepts(list)]);

    // Assess
    expect(accepted).toEqual([
      [lists[0], true, true],
      [lists[1], false, false],
      [lists[2], false, false],
      [lists[3], false, false],
      [lists[4], false, false],
      [lists[5], false, false],
    ]);
  });

  it('agrees with REGION_PATTERN on any comma list of region-like names', () => {
    // Prepare
    const pattern = scanRegionsPattern();
    const part = fc.constantFrom(
      'eu',
      'us',
      'cn',
      'eusc',
      'gov',
      'west',
      'north',
      'de',
      'x',
      '',
      '-',
      '1',
      '12',
      'A',
    );
    const name = fc.array(part, { maxLength: 6 }).map((parts) => parts.join('-'));
    const value = fc.oneof(
      fc.constant('all'),
      fc.array(name, { minLength: 1, maxLength: 4 }).map((names) => names.join(',')),
    );

    // Act & Assess
    fc.assert(
      fc.property(value, (candidate) => pattern.test(candidate) === scannerAccepts(candidate)),
      {
        numRuns: 2000,
      },
    );
  });
});
