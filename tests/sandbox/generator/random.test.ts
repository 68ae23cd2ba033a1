import { describe, expect, it } from 'vitest';
import { SeededRandom, weightedPicker } from '../../../sandbox/generator/random.js';

function draws(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('Class: SeededRandom', () => {
  describe('Method: next', () => {
    it('returns the same sequence for the same seed', () => {
      // Act
      const first = draws(new SeededRandom(42), 50);
      const second = draws(new SeededRandom(42), 50);

      // Assess
      expect(first).toEqual(second);
    });

    it('returns different sequences for seeds that differ only above 32 bits', () => {
      // Act
      const low = draws(new SeededRandom(1), 10);
      const high = draws(new SeededRandom(2 ** 32 + 1), 10);

      // Assess
      expect(low).not.toEqual(high);
    });

    it('returns numbers in [0, 1) spread over the whole interval', () => {
      // Act
      const values = draws(new SeededRandom(7), 10_000);

      // Assess
      const deciles = Array.from(
        { length: 10 },
        (_, i) => values.filter((value) => value >= i / 10 && value < (i + 1) / 10).length,
      );
      expect({
        outside: values.filter((value) => value < 0 || value >= 1).length,
        evenDeciles: deciles.every((count) => count > 900 && count < 1100),
      }).toEqual({ outside: 0, evenDeciles: true });
    });
  });

  describe('Method: between', () => {
    it('returns integers within both bounds, reaching each of them', () => {
      // Prepare
      const random = new SeededRandom(3);

      // Act
      const values = new Set(Array.from({ length: 500 }, () => random.between(2, 5)));

      // Assess
      expect([...values].sort()).toEqual([2, 3, 4, 5]);
    });
  });

  describe('Method: uuid', () => {
    it('returns version-4-shaped ids, different each time', () => {
      // Prepare
      const random = new SeededRandom(9);

      // Act
      const ids = Array.from({ length: 100 }, () => random.uuid());

      // Assess
      expect({
        shaped: ids.every((id) =>
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
        ),
        distinct: new Set(ids).size,
      }).toEqual({ shaped: true, distinct: 100 });
    });
  });

  describe('Method: pick', () => {
    it('throws a RangeError for an empty list', () => {
      // Act
      const act = () => new SeededRandom(1).pick([]);

      // Assess
      expect(act).toThrow(new RangeError('Cannot pick from an empty list.'));
    });
  });

  describe('Method: shuffled', () => {
    it('returns a reordered copy holding the same items', () => {
      // Prepare
      const items = Array.from({ length: 20 }, (_, i) => i);

      // Act
      const shuffled = new SeededRandom(5).shuffled(items);

      // Assess
      expect({
        sameItems: [...shuffled].sort((a, b) => a - b),
        reordered: shuffled.some((item, i) => item !== i),
        original: items.every((item, i) => item === i),
      }).toEqual({ sameItems: items, reordered: true, original: true });
    });
  });
});

describe('Function: weightedPicker', () => {
  it('returns items in proportion to their weights', () => {
    // Prepare
    const pick = weightedPicker(['rare', 'common'], [1, 3]);
    const random = new SeededRandom(11);

    // Act
    const picks = Array.from({ length: 8_000 }, () => pick(random));

    // Assess
    const common = picks.filter((item) => item === 'common').length / picks.length;
    expect(common > 0.72 && common < 0.78).toBe(true);
  });

  it('never returns an item of weight zero', () => {
    // Prepare
    const pick = weightedPicker(['never', 'always'], [0, 1]);
    const random = new SeededRandom(12);

    // Act
    const picks = new Set(Array.from({ length: 1_000 }, () => pick(random)));

    // Assess
    expect([...picks]).toEqual(['always']);
  });

  it('throws a RangeError when weights and items do not pair up', () => {
    // Act
    const act = () => weightedPicker(['a', 'b'], [1]);

    // Assess
    expect(act).toThrow(new RangeError('A weighted pick needs one weight per item and at least one item.'));
  });
});
