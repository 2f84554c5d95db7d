import { describe, expect, it } from 'vitest';
import { SortedValues } from '../../../src/engine/pruning/sorted-values.js';

describe('SortedValues', () => {
  it('keeps values sorted through inserts and removes, with NaN counted apart', () => {
    const values = new SortedValues([3, NaN, 1]);
    values.insert(2);
    values.insert(2);
    values.insert(NaN);
    expect([0, 1, 2, 3].map((i) => values.at(i))).toEqual([1, 2, 2, 3]);
    expect(values.size).toBe(4);
    expect(values.nanCount).toBe(2);
    expect(values.remove(2)).toBe(true);
    expect(values.remove(7)).toBe(false);
    expect(values.remove(NaN)).toBe(true);
    expect([values.at(0), values.at(1), values.at(2), values.size, values.nanCount]).toEqual([1, 2, 3, 3, 1]);
  });

  it('computes numpy’s linear percentile', () => {
    // np.percentile([1, 2, 3, 4], 50) = 2.5; (…, 10) = 1.3; np.percentile([1, 10], 75) = 7.75
    expect(new SortedValues([4, 1, 3, 2]).percentile(50)).toBe(2.5);
    expect(new SortedValues([4, 1, 3, 2]).percentile(10)).toBeCloseTo(1.3, 14);
    expect(new SortedValues([10, 1]).percentile(75)).toBe(7.75);
    expect(new SortedValues([5]).percentile(0)).toBe(5);
    expect(new SortedValues([1, 2, 3]).percentile(100)).toBe(3);
    expect(new SortedValues([]).percentile(50)).toBeNaN();
    expect(new SortedValues([NaN]).percentile(50)).toBeNaN();
  });

  it('handles infinities: equal neighbours give themselves, inf − inf gives NaN like numpy', () => {
    expect(new SortedValues([Infinity, Infinity]).percentile(50)).toBe(Infinity);
    expect(new SortedValues([1, 2, Infinity]).percentile(50)).toBe(2);
    expect(new SortedValues([1, Infinity]).percentile(50)).toBeNaN();
    expect(new SortedValues([-Infinity, 0, 1]).percentile(0)).toBe(-Infinity);
  });
});
