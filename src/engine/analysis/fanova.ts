/**
 * fANOVA over a fitted forest, as Optuna 3.1's `_Fanova` and `_FanovaTree` compute it: a tree is a
 * piecewise-constant function over the search box; a parameter's importance in a tree is the
 * variance of that function with every other column averaged out (its marginal), over the
 * variance of the whole function; the forest's is the mean over trees whose function varies.
 *
 * Optuna walks the tree once per grid cell of the parameter's split values; here each leaf adds
 * its share to the cells it covers instead, which gives the same sums in one pass over the leaves.
 */
import type { RegressionTree } from './fanova-forest.js';

/** A column's range, `[low, high]`, as the box the tree's function is averaged over. */
export type Bounds = readonly (readonly [number, number])[];

interface Leaf {
  value: number;
  /** The leaf's box: `lower[c]`, `upper[c]` per column. */
  lower: Float64Array;
  upper: Float64Array;
  volume: number;
}

export class FanovaTree {
  private readonly leaves: Leaf[] = [];
  /** Each column's split thresholds, sorted, between its bounds. */
  private readonly cuts: Float64Array[];
  readonly variance: number;

  constructor(
    tree: RegressionTree,
    private readonly bounds: Bounds,
  ) {
    const columns = bounds.length;
    const cutSets = bounds.map(() => new Set<number>());
    const visit = (node: number, lower: Float64Array, upper: Float64Array) => {
      const feature = tree.feature[node]!;
      if (feature < 0) {
        let volume = 1;
        for (let c = 0; c < columns; c++) volume *= upper[c]! - lower[c]!;
        this.leaves.push({ value: tree.value[node]!, lower, upper, volume });
        return;
      }
      const threshold = tree.threshold[node]!;
      cutSets[feature]!.add(threshold);
      const leftUpper = upper.slice();
      leftUpper[feature] = threshold;
      const rightLower = lower.slice();
      rightLower[feature] = threshold;
      visit(tree.left[node]!, lower, leftUpper);
      visit(tree.right[node]!, rightLower, upper);
    };
    if (tree.nodeCount > 0)
      visit(
        0,
        Float64Array.from(bounds, (b) => b[0]),
        Float64Array.from(bounds, (b) => b[1]),
      );
    this.cuts = cutSets.map((set) => Float64Array.from(set).sort());
    this.variance = weightedVariance(
      this.leaves.map((leaf) => leaf.value),
      this.leaves.map((leaf) => leaf.volume),
    );
  }

  /** The variance of the tree's function of `columns` alone, the others averaged out (clipped at 0). */
  marginalVariance(columns: readonly number[]): number {
    const edges = columns.map((c) => Float64Array.from([this.bounds[c]![0], ...this.cuts[c]!, this.bounds[c]![1]]));
    const dims = edges.map((e) => e.length - 1);
    const cells = dims.reduce((a, b) => a * b, 1);
    // per cell, Σ weight and Σ weight·value of the leaves over it; the last column as differences
    const last = columns.length - 1;
    const lastDim = dims[last]!;
    const rows = cells / lastDim;
    // a row of the last column holds one slot more, for the difference past its end
    const stride = lastDim + 1;
    const weightDiff = new Float64Array(rows * stride);
    const valueDiff = new Float64Array(rows * stride);
    const first = new Int32Array(columns.length);
    const stop = new Int32Array(columns.length);
    for (const leaf of this.leaves) {
      let width = 1;
      for (let k = 0; k < columns.length; k++) {
        const c = columns[k]!;
        first[k] = edgeIndex(edges[k]!, leaf.lower[c]!);
        stop[k] = edgeIndex(edges[k]!, leaf.upper[c]!);
        width *= leaf.upper[c]! - leaf.lower[c]!;
      }
      if (width <= 0) continue;
      const weight = leaf.volume / width;
      forEachPrefixCell(first, stop, dims, last, (row) => {
        const base = row * stride;
        weightDiff[base + first[last]!]! += weight;
        weightDiff[base + stop[last]!]! -= weight;
        valueDiff[base + first[last]!]! += weight * leaf.value;
        valueDiff[base + stop[last]!]! -= weight * leaf.value;
      });
    }
    const values: number[] = [];
    const weights: number[] = [];
    for (let row = 0; row < rows; row++) {
      const base = row * stride;
      let weight = 0;
      let weighted = 0;
      // the cell's size: the product of its intervals' widths
      let prefixSize = 1;
      let rest = row;
      for (let k = last - 1; k >= 0; k--) {
        const index = rest % dims[k]!;
        rest = Math.floor(rest / dims[k]!);
        prefixSize *= edges[k]![index + 1]! - edges[k]![index]!;
      }
      for (let j = 0; j < lastDim; j++) {
        weight += weightDiff[base + j]!;
        weighted += valueDiff[base + j]!;
        const size = prefixSize * (edges[last]![j + 1]! - edges[last]![j]!);
        if (weight > 0 && size > 0) {
          values.push(weighted / weight);
          weights.push(weight * size);
        }
      }
    }
    return Math.max(0, weightedVariance(values, weights));
  }
}

/** The index of `value` among a column's edges (it is one of them: a bound or a threshold). */
function edgeIndex(edges: Float64Array, value: number): number {
  let low = 0;
  let high = edges.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (edges[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Calls `visit` with the row (flat index over every column but the last) of each cell row the box covers. */
function forEachPrefixCell(first: Int32Array, stop: Int32Array, dims: readonly number[], last: number, visit: (row: number) => void): void {
  const index = Array.from(first.subarray(0, last));
  for (let k = 0; k < last; k++) if (first[k]! >= stop[k]!) return;
  for (;;) {
    let row = 0;
    for (let k = 0; k < last; k++) row = row * dims[k]! + index[k]!;
    visit(row);
    let k = last - 1;
    while (k >= 0 && ++index[k]! >= stop[k]!) {
      index[k] = first[k]!;
      k--;
    }
    if (k < 0) return;
  }
}

function weightedVariance(values: readonly number[], weights: readonly number[]): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    total += weights[i]!;
    sum += weights[i]! * values[i]!;
  }
  if (!(total > 0)) return 0;
  const mean = sum / total;
  let spread = 0;
  for (let i = 0; i < values.length; i++) spread += weights[i]! * (values[i]! - mean) ** 2;
  return spread / total;
}

/**
 * Each parameter's importance: the mean, over trees whose function varies, of its marginal
 * variance over the tree's variance. `columnsOf[p]` are parameter p's columns (several for a
 * one-hot categorical). Null when no tree varies: the objective is flat to the forest.
 */
export function fanovaImportances(
  trees: readonly RegressionTree[],
  bounds: Bounds,
  columnsOf: readonly (readonly number[])[],
): number[] | null {
  const fanovaTrees = trees.map((tree) => new FanovaTree(tree, bounds)).filter((tree) => tree.variance > 0);
  if (fanovaTrees.length === 0) return null;
  return columnsOf.map((columns) => {
    let sum = 0;
    for (const tree of fanovaTrees) sum += tree.marginalVariance(columns) / tree.variance;
    return sum / fanovaTrees.length;
  });
}
