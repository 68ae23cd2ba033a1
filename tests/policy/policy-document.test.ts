import { describe, expect, it } from 'vitest';
import { PolicyDocumentError } from '../../shared/errors.js';
import { conditionValues, parsePolicyDocument } from '../../shared/policy/document.js';

const document = {
  Version: '2012-10-17',
  Statement: {
    Sid: 'Trust',
    Effect: 'Allow',
    Principal: { Service: 'kinesisanalytics.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
  },
};

const expected = {
  version: '2012-10-17',
  statements: [
    {
      sid: 'Trust',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: { Service: ['kinesisanalytics.amazonaws.com'] },
      conditions: { StringEquals: { 'aws:SourceAccount': ['111122223333'] } },
    },
  ],
};

describe('Function: parsePolicyDocument', () => {
  it.each([
    ['an object', document],
    ['a JSON string', JSON.stringify(document)],
    ['URL-encoded JSON, as IAM returns it', encodeURIComponent(JSON.stringify(document))],
  ])('reads %s into lists', (_label, raw) => {
    // Act
    const parsed = parsePolicyDocument(raw);

    // Assess
    expect(parsed).toEqual(expected);
  });

  it('turns Principal "*" into every AWS principal', () => {
    // Act
    const parsed = parsePolicyDocument({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*' }] });

    // Assess
    expect(parsed.statements[0]?.principals).toEqual({ AWS: ['*'] });
  });

  it('rejects text that is neither JSON nor URL-encoded JSON', () => {
    // Act
    const parse = () => parsePolicyDocument('%E0%A4%A');

    // Assess
    expect(parse).toThrow(PolicyDocumentError);
  });

  it('rejects a statement without a valid Effect, naming it', () => {
    // Act
    const parse = () => parsePolicyDocument({ Statement: [{ Effect: 'Allow' }, { Effect: 'allow' }] });

    // Assess
    expect(parse).toThrow('Statement 1 has Effect "allow"; expected Allow or Deny.');
  });
});

describe('Function: conditionValues', () => {
  it('matches operators and keys case-insensitively', () => {
    // Prepare
    const { conditions } = parsePolicyDocument(document).statements[0]!;

    // Act
    const values = conditionValues(conditions, 'stringequals', 'AWS:SourceAccount');

    // Assess
    expect(values).toEqual(['111122223333']);
  });
});
