import { describe, expect, it } from 'vitest';
import { patternCovers, patternsOverlap } from '../../shared/policy/wildcard.js';

describe('Function: patternCovers', () => {
  it.each([
    ['*', '*:*', true],
    ['kinesis:*', 'kinesis:Get*', true],
    ['KINESIS:*', 'kinesis:*', true],
    ['kinesis:Get*', 'kinesis:GetRecords', true],
    ['kin*', 'kinesis:*', true],
    ['kinesis:?etRecords', 'kinesis:GetRecords', true],
    ['kinesis:Get*', 'kinesis:*', false],
    ['kinesis:*', '*', false],
    ['kinesis:GetRecords', 'kinesis:GetRecord?', false],
    ['kinesis:PutRecord', 'kinesis:PutRecords', false],
  ])('says whether action pattern %s covers %s (%s)', (pattern, subPattern, expected) => {
    // Act
    const covered = patternCovers(pattern, subPattern, true);

    // Assess
    expect(covered).toBe(expected);
  });

  it('compares resources case-sensitively', () => {
    // Act
    const covered = patternCovers('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/key', false);

    // Assess
    expect(covered).toBe(false);
  });
});

describe('Function: patternsOverlap', () => {
  it.each([
    ['s3:Get*', 's3:*Object', true],
    ['iam:*', 'IAM:PassRole', true],
    ['kinesis:Get*', 'kinesis:Put*', false],
    ['*', 'anything', true],
    ['kinesis:?', 'kinesis:ab', false],
    ['a*b', '*c', false],
  ])('says whether %s and %s share a member (%s)', (first, second, expected) => {
    // Act
    const overlap = patternsOverlap(first, second, true);

    // Assess
    expect(overlap).toBe(expected);
  });
});
