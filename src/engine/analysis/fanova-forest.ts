/**
 * The random forest fANOVA reads: regression trees (CART, squared error) grown on bootstrap
 * samples, as scikit-learn's RandomForestRegressor grows them with the settings Optuna 3.1's
 * FanovaImportanceEvaluator passes (every feature considered at each split, thresholds halfway
 * between neighbouring values, a node split until pure or `maxDepth`). Written here rather than
 * taken from a library because fANOVA needs each tree's splits and leaves, which the forest
 * libraries on npm keep to themselves. The random numbers are sweeptop's own, so a forest is
 * scikit-learn's in method, not tree for tree.
 */
import { Rng } from '../../plugin-api/rng.js';

/** One fitted tree, node 0 its root; a leaf has `feature` −1. Values go left when `<= threshold`. */
export interface RegressionTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** The weighted mean of the training values that reach the node. */
  value: Float64Array;
  nodeCount: number;
}

export interface ForestSettings {
  trees: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  seed: number;
}

/** Neighbouring values closer than this are one value to a split (scikit-learn's FEATURE_THRESHOLD). */
const SAME_VALUE = 1e-7;
/** A node whose values vary less than this is pure (scikit-learn's EPSILON, the double's epsilon). */
const PURE = 2.220446049250313e-16;

/** Each column's row order by value: sorted once per data set, every tree keeps it by partitioning. */
export function presortColumns(columns: readonly Float64Array[]): Int32Array[] {
  return columns.map((column) => Int32Array.from({ length: column.length }, (_, i) => i).sort((a, b) => column[a]! - column[b]!));
}

/** Fits `settings.trees` trees to the rows `columns[c][i]` → `y[i]`, each on its own bootstrap sample. */
export function fitForest(
  columns: readonly Float64Array[],
  y: Float64Array,
  settings: ForestSettings,
  presorted: readonly Int32Array[] = presortColumns(columns),
): RegressionTree[] {
  const rng = Rng.derive('fanova-forest', settings.seed);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < settings.trees; t++) trees.push(fitTree(columns, y, presorted, bootstrapCounts(y.length, rng), rng, settings));
  return trees;
}

function bootstrapCounts(n: number, rng: Rng): Float64Array {
  const counts = new Float64Array(n);
  for (let i = 0; i < n; i++) counts[Math.floor(rng.next() * n)]! += 1;
  return counts;
}

class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];

  addNode(value: number): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(value);
    return this.value.length - 1;
  }

  finish(): RegressionTree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      nodeCount: this.value.length,
    };
  }
}

interface Split {
  feature: number;
  threshold: number;
  leftCount: number;
}

function fitTree(
  columns: readonly Float64Array[],
  y: Float64Array,
  presorted: readonly Int32Array[],
  weight: Float64Array,
  rng: Rng,
  settings: ForestSettings,
): RegressionTree {
  // rows left out of the bootstrap sample take no part (weight 0), as in scikit-learn
  const order = presorted.map((rows) => rows.filter((row) => weight[row]! > 0));
  const size = order[0]?.length ?? 0;
  const scratch = new Int32Array(size);
  const goesLeft = new Uint8Array(y.length);
  const builder = new TreeBuilder();
  const features = columns.map((_, c) => c);

  const grow = (start: number, end: number, depth: number): number => {
    const rows = order[0]!;
    let total = 0;
    let sum = 0;
    for (let p = start; p < end; p++) {
      total += weight[rows[p]!]!;
      sum += weight[rows[p]!]! * y[rows[p]!]!;
    }
    const mean = sum / total;
    let spread = 0;
    for (let p = start; p < end; p++) spread += weight[rows[p]!]! * (y[rows[p]!]! - mean) ** 2;
    const node = builder.addNode(mean);
    const count = end - start;
    if (depth >= settings.maxDepth || count < settings.minSamplesSplit || count < 2 * settings.minSamplesLeaf || spread / total <= PURE)
      return node;
    const split = bestSplit(start, end, total, sum);
    if (!split) return node;
    const column = columns[split.feature]!;
    for (let p = start; p < end; p++) goesLeft[rows[p]!] = column[rows[p]!]! <= split.threshold ? 1 : 0;
    for (const featureRows of order) stablePartition(featureRows, start, end, goesLeft, scratch);
    builder.feature[node] = split.feature;
    builder.threshold[node] = split.threshold;
    builder.left[node] = grow(start, start + split.leftCount, depth + 1);
    builder.right[node] = grow(start + split.leftCount, end, depth + 1);
    return node;
  };

  const bestSplit = (start: number, end: number, total: number, sum: number): Split | null => {
    shuffle(features, rng);
    let best: Split | null = null;
    let bestProxy = Number.NEGATIVE_INFINITY;
    for (const f of features) {
      const rows = order[f]!;
      const column = columns[f]!;
      if (column[rows[end - 1]!]! <= column[rows[start]!]! + SAME_VALUE) continue;
      let leftWeight = 0;
      let leftSum = 0;
      for (let p = start; p < end - 1; p++) {
        const row = rows[p]!;
        leftWeight += weight[row]!;
        leftSum += weight[row]! * y[row]!;
        const here = column[row]!;
        const next = column[rows[p + 1]!]!;
        if (next <= here + SAME_VALUE) continue;
        const leftCount = p + 1 - start;
        if (leftCount < settings.minSamplesLeaf || end - start - leftCount < settings.minSamplesLeaf) continue;
        const rightSum = sum - leftSum;
        // maximising this maximises the fall in squared error (scikit-learn's proxy_impurity_improvement)
        const proxy = (leftSum * leftSum) / leftWeight + (rightSum * rightSum) / (total - leftWeight);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          let threshold = here / 2 + next / 2;
          if (threshold === next || !Number.isFinite(threshold)) threshold = here;
          best = { feature: f, threshold, leftCount };
        }
      }
    }
    return best;
  };

  if (size > 0) grow(0, size, 0);
  return builder.finish();
}

function stablePartition(rows: Int32Array, start: number, end: number, goesLeft: Uint8Array, scratch: Int32Array): void {
  let l = start;
  let r = 0;
  for (let p = start; p < end; p++) {
    const row = rows[p]!;
    if (goesLeft[row]) rows[l++] = row;
    else scratch[r++] = row;
  }
  rows.set(scratch.subarray(0, r), l);
}

function shuffle(values: number[], rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
}
