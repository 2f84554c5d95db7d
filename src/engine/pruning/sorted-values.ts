/**
 * A multiset of numbers kept sorted ascending, with NaN counted apart (NaN has no place in an
 * order). Insert and remove are a binary search and one shift of a Float64Array (a memmove):
 * for the ~10⁴ values a step holds in a large sweep, about a microsecond — cheaper in practice
 * than a balanced tree, and rank queries are plain indexing.
 */
import type { SortedValuesView } from '../../plugin-api/pruner.js';

export class SortedValues implements SortedValuesView {
  /** Sorted non-NaN values in [0, size); a typed array so that shifting is a real memmove. */
  private values: Float64Array;
  private count = 0;
  nanCount = 0;

  constructor(values: readonly number[] = []) {
    const kept = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
    this.values = new Float64Array(Math.max(kept.length, 8));
    this.values.set(kept);
    this.count = kept.length;
    this.nanCount = values.length - kept.length;
  }

  get size(): number {
    return this.count;
  }

  at(index: number): number {
    return index < this.size ? this.values[index] : NaN;
  }

  insert(value: number): void {
    if (Number.isNaN(value)) {
      this.nanCount++;
      return;
    }
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const index = this.firstIndexAbove(value);
    this.values.copyWithin(index + 1, index, this.size);
    this.values[index] = value;
    this.count++;
  }

  /** Removes one occurrence; false when the value is not there. */
  remove(value: number): boolean {
    if (Number.isNaN(value)) {
      if (this.nanCount === 0) return false;
      this.nanCount--;
      return true;
    }
    const index = this.firstIndexAtOrAbove(value);
    if (index >= this.size || this.values[index] !== value) return false;
    this.values.copyWithin(index, index + 1, this.size);
    this.count--;
    return true;
  }

  /**
   * numpy's default ('linear') percentile, with numpy's interpolation formula so results agree
   * to the last bit; except that equal neighbours (±inf included) give themselves, not NaN.
   */
  percentile(percent: number): number {
    const n = this.size;
    if (n === 0) return NaN;
    const position = (n - 1) * (percent / 100);
    const below = Math.floor(position);
    const above = Math.min(below + 1, n - 1);
    const a = this.values[below];
    const b = this.values[above];
    const t = position - below;
    if (t === 0 || a === b) return a;
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  private firstIndexAbove(value: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.values[mid] <= value) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private firstIndexAtOrAbove(value: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.values[mid] < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

export const EMPTY_VALUES: SortedValuesView = new SortedValues();
