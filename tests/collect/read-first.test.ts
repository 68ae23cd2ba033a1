import { describe, expect, it } from 'vitest';
import { readFirstOrder } from '../../shared/collect/read-first.js';

describe('Function: readFirstOrder', () => {
  it('puts the items to read first ahead of the others, each group in its own order', () => {
    // Act
    const order = readFirstOrder(['a', 'B', 'c', 'D', 'e', 'F'], (item) => item === item.toUpperCase());

    // Assess
    expect(order).toEqual(['B', 'D', 'F', 'a', 'c', 'e']);
  });

  it('returns a copy in the same order when nothing is to be read first', () => {
    // Prepare
    const items = [3, 1, 2];

    // Act
    const order = readFirstOrder(items, () => false);

    // Assess
    expect([order, order === items]).toEqual([[3, 1, 2], false]);
  });
});
