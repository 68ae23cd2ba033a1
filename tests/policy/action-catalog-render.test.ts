import { describe, expect, it } from 'vitest';
import { encodeAccessLevel, encodeService, type ServiceAction } from '../../scripts/action-catalog-render.js';

describe('Function: encodeService', () => {
  it('returns each resource-type list once, most used first, and actions sharing a first word grouped', () => {
    // Prepare
    const actions: ServiceAction[] = [
      { name: 'CreateStream', levels: 'W', resourceTypes: ['stream'] },
      { name: 'Decrypt', levels: 'W', resourceTypes: [] },
      { name: 'GetRecords', levels: 'R', resourceTypes: ['stream'] },
      { name: 'GetShardIterator', levels: 'R', resourceTypes: ['stream'] },
      { name: 'GetStreamPolicy', levels: 'R', resourceTypes: ['consumer', 'stream'] },
      { name: 'TagStream', levels: 'TW', resourceTypes: ['consumer', 'stream'] },
    ];

    // Act
    const encoded = encodeService('kinesis', actions);

    // Assess
    expect(encoded).toEqual({
      types: 'stream,consumer',
      lists: '0 1,0',
      actions: [
        'CreateStream W 0',
        'Decrypt W',
        'Get*',
        ' Records R 0',
        ' ShardIterator R 0',
        ' StreamPolicy R 1',
        'TagStream TW 1',
      ].join('\n'),
    });
  });

  it('returns fewer than three actions sharing a first word ungrouped', () => {
    // Prepare
    const actions: ServiceAction[] = [
      { name: 'ListKeys', levels: 'L', resourceTypes: [] },
      { name: 'ListAliases', levels: 'L', resourceTypes: [] },
    ];

    // Act
    const encoded = encodeService('kms', actions);

    // Assess
    expect(encoded).toEqual({ types: '', lists: '', actions: 'ListKeys L\nListAliases L' });
  });

  it('throws, naming the action, on a name the encoding cannot hold', () => {
    // Prepare
    const actions: ServiceAction[] = [{ name: 'Get`Thing', levels: 'R', resourceTypes: [] }];

    // Act + Assess
    expect(() => encodeService('kinesis', actions)).toThrow('kinesis:Get`Thing');
  });

  it('throws on a resource type holding a comma', () => {
    // Prepare
    const actions: ServiceAction[] = [{ name: 'GetThing', levels: 'R', resourceTypes: ['a,b'] }];

    // Act + Assess
    expect(() => encodeService('kinesis', actions)).toThrow('"a,b"');
  });
});

describe('Function: encodeAccessLevel', () => {
  it('returns the letters of every level, sorted', () => {
    // Assess
    expect(encodeAccessLevel('Write, Permissions management', 'iam:PutRolePolicy')).toBe('PW');
  });

  it('throws, naming the action, on a level it has no letter for', () => {
    // Act + Assess
    expect(() => encodeAccessLevel('Administration', 'iam:Nothing')).toThrow('iam:Nothing');
  });
});
