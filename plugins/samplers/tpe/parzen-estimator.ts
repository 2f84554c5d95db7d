/**
 * A Parzen estimator as Optuna 3.1's TPE builds it: a weighted mixture with one kernel per
 * observation plus a broad prior kernel. Each kernel is a product over dimensions (tpe/kernels.ts)
 * of a truncated normal — integrated over its bucket for stepped ranges — or a categorical
 * distribution. TPE fits one to the good trials, l(x), and one to the rest, g(x).
 */
import type { Rng } from '../../../src/plugin-api/rng.js';
import type { Dimension } from './dimension.js';
import { addBucketLogMasses, Bucket, NEGLIGIBLE } from './bucket-masses.js';
import {
  addLogDensities,
  categoricalKernels,
  numericKernels,
  pickIndex,
  sampleKernel,
  type Kernels,
  type NumericKernels,
} from './kernels.js';
import { defaultWeights } from './weights.js';

export interface ParzenOptions {
  /** Weight of the prior kernel, in observations' worth. Default 1. */
  priorWeight: number;
  /** Add the prior kernel (it is always added when there are no observations). Default true. */
  considerPrior: boolean;
  /** Keep bandwidths at least range / min(100, kernels + 1). Default true. */
  considerMagicClip: boolean;
  /** Let the outermost observations' bandwidths reach to the range's ends. Default false. */
  considerEndpoints: boolean;
  /** One bandwidth per dimension by Scott's rule (joint model) instead of neighbour gaps. Default false. */
  multivariate: boolean;
}

export class ParzenEstimator {
  private readonly weights: Float64Array;
  private readonly logWeights: Float64Array;
  private readonly kernels: Kernels[];

  /**
   * @param observations one column per dimension, each holding the trials' internal values
   *   (dimension.ts) oldest first: the weights favour recent trials.
   * @param observationWeights one weight per observation in place of that recency ramp (the
   *   multi-objective good group's hypervolume contributions); normalised here with the prior's.
   */
  constructor(
    dimensions: readonly Dimension[],
    observations: readonly ArrayLike<number>[],
    options: ParzenOptions,
    observationWeights?: ArrayLike<number>,
  ) {
    const n = dimensions.length === 0 ? 0 : observations[0].length;
    const withPrior = options.considerPrior || n === 0;
    this.weights = new Float64Array(n + (withPrior ? 1 : 0));
    this.weights.set(observationWeights ?? defaultWeights(n));
    if (withPrior) this.weights[n] = options.priorWeight;
    const total = this.weights.reduce((sum, w) => sum + w, 0);
    for (let k = 0; k < this.weights.length; k++) this.weights[k] /= total;
    this.logWeights = this.weights.map(Math.log);
    this.kernels = dimensions.map((dimension, d) =>
      dimension.kind === 'numeric'
        ? numericKernels(dimension, observations[d], withPrior, dimensions.length, options)
        : categoricalKernels(dimension.size, observations[d], withPrior, options.priorWeight),
    );
  }

  /** `count` draws from the mixture, in internal units (not yet snapped to allowed values). */
  sample(rng: Rng, count: number): number[][] {
    const points: number[][] = [];
    for (let i = 0; i < count; i++) {
      const k = pickIndex(this.weights, 0, this.weights.length, rng.next());
      points.push(this.kernels.map((kernels) => sampleKernel(kernels, k, rng.next())));
    }
    return points;
  }

  /** The mixture's log-density at each point (a stepped value's density is its bucket's mass). */
  logPdf(points: readonly (readonly number[])[]): number[] {
    return this.evaluate(points, false);
  }

  /**
   * What TPE compares between its two estimators, as Optuna 3.1 computes it: the mixture with each
   * continuous kernel's density multiplied by its bandwidth σ (3.1's truncated-normal log-density
   * leaves out the 1/σ; later versions put it back, optuna#5110). The effect is to weight broad
   * kernels — the prior, isolated trials — above tight clusters. Kept on purpose: it found better
   * values than the exact density (median best after 100 trials, bench/samplers.ts problems:
   * Branin 0.431 vs 0.445 over 1,500 seeds, mixed 2.7e-4 vs 3.9e-4 over 1,000).
   */
  logScore(points: readonly (readonly number[])[]): number[] {
    return this.evaluate(points, true);
  }

  private evaluate(points: readonly (readonly number[])[], bandwidthScaled: boolean): number[] {
    const row = new Float64Array(this.weights.length);
    const scratch = new Float64Array(this.weights.length);
    const stepped = this.kernels.flatMap((kernels, d) => (isStepped(kernels) ? [d] : []));
    // Candidates often share a stepped value; their buckets are shared too.
    const buckets = stepped.map(() => new Map<number, Bucket>());
    return points.map((point) => {
      row.set(this.logWeights);
      this.kernels.forEach((kernels, d) => {
        if (!isStepped(kernels)) addLogDensities(kernels, point[d], row, bandwidthScaled);
      });
      if (stepped.length > 0) {
        const pointBuckets = stepped.map((d, i) => {
          let bucket = buckets[i].get(point[d]);
          if (!bucket) buckets[i].set(point[d], (bucket = new Bucket(this.kernels[d] as NumericKernels, point[d])));
          return bucket;
        });
        addBucketLogMasses(pointBuckets, row, scratch);
      }
      return logSumExp(row);
    });
  }
}

function isStepped(kernels: Kernels): kernels is NumericKernels {
  return kernels.kind === 'numeric' && kernels.step !== null;
}

function logSumExp(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const shifted = values[i] - max;
    if (shifted > NEGLIGIBLE) sum += Math.exp(shifted);
  }
  return max + Math.log(sum);
}
