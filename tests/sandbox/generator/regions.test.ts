import { describe, expect, it } from 'vitest';
import {
  applicationsPerRegion,
  GENERATOR_REGIONS,
  regionShare,
  uncoveredRegion,
} from '../../../sandbox/generator/regions.js';

const firstRegions = (count: number) => GENERATOR_REGIONS.slice(0, count);

describe('Function: applicationsPerRegion', () => {
  it('returns counts that add up, largest in the home region and smallest in the uncovered one', () => {
    // Act
    const counts = applicationsPerRegion(100, firstRegions(4));

    // Assess
    expect(Object.fromEntries(counts)).toEqual({
      'eu-west-1': 38,
      'us-east-1': 29,
      'us-west-2': 23,
      'eu-central-1': 10,
    });
  });

  it('returns at least one application per region when there are enough', () => {
    // Act
    const counts = applicationsPerRegion(10, firstRegions(10));

    // Assess
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('returns empty regions when there are fewer applications than regions', () => {
    // Act
    const counts = applicationsPerRegion(2, firstRegions(3));

    // Assess
    expect(Object.fromEntries(counts)).toEqual({ 'eu-west-1': 1, 'us-east-1': 1, 'us-west-2': 0 });
  });
});

describe('Function: uncoveredRegion', () => {
  it('returns the last region once there are three', () => {
    // Act
    const uncovered = uncoveredRegion(firstRegions(3));

    // Assess
    expect(uncovered).toBe('us-west-2');
  });

  it('returns undefined with fewer than three regions', () => {
    // Act
    const uncovered = uncoveredRegion(firstRegions(2));

    // Assess
    expect(uncovered).toBeUndefined();
  });
});

describe('Function: regionShare', () => {
  it('returns shares that add up to one, and zero for a region not in the list', () => {
    // Prepare
    const regions = firstRegions(10);

    // Act
    const total = regions.reduce((sum, region) => sum + regionShare(region, regions), 0);
    const outside = regionShare('eu-north-1', regions);

    // Assess
    expect({ total: Math.round(total * 1e9) / 1e9, outside }).toEqual({ total: 1, outside: 0 });
  });
});

describe('Constant: GENERATOR_REGIONS', () => {
  it('holds distinct region names in AWS form', () => {
    // Assess
    expect({
      distinct: new Set(GENERATOR_REGIONS).size === GENERATOR_REGIONS.length,
      shaped: GENERATOR_REGIONS.every((region) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)),
    }).toEqual({ distinct: true, shaped: true });
  });
});
