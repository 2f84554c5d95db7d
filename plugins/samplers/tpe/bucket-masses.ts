/**
 * Stepped dimensions (ints, stepped floats): an allowed value stands for its bucket
 * [x − step/2, x + step/2], and a kernel's density there is its mass over the bucket.
 *
 * Masses are the costly part of TPE after many trials (two normal CDFs each), and most kernels
 * are far from any one candidate. So each kernel first gets a cheap upper bound — bucket width
 * times the density at the bucket's nearest point — and kernels whose bound is e^50 below a kernel
 * already computed exactly are left out: they cannot move the mixture's log-density in double
 * precision. The result is the same as computing every mass, only faster.
 */
import type { NumericKernels } from './kernels.js';
import { logGaussMass } from './truncated-normal.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Terms this far below the largest add less than e^−50 each to a log-sum-exp. */
export const NEGLIGIBLE = -50;

/** One candidate value's bucket, with its kernels' log-masses computed as they are asked for. */
export class Bucket {
  private readonly lower: number;
  private readonly upper: number;
  private readonly logWidth: number;
  private readonly masses: Float64Array;

  constructor(
    private readonly kernels: NumericKernels,
    x: number,
  ) {
    const half = kernels.step! / 2;
    this.lower = Math.max(x - half, kernels.low);
    this.upper = Math.min(x + half, kernels.high);
    this.logWidth = Math.log(this.upper - this.lower);
    this.masses = new Float64Array(kernels.mus.length).fill(NaN);
  }

  /** log of kernel k's mass over the bucket, relative to its mass over the whole range. */
  logMass(k: number): number {
    if (Number.isNaN(this.masses[k])) {
      const { mus, sigmas, logMass } = this.kernels;
      this.masses[k] = logGaussMass((this.lower - mus[k]) / sigmas[k], (this.upper - mus[k]) / sigmas[k]) - logMass[k];
    }
    return this.masses[k];
  }

  /** An upper bound of logMass(k) that costs no special function. */
  logMassBound(k: number): number {
    const { mus, logSigmas, logMass, sigmas } = this.kernels;
    const mu = mus[k];
    const nearest = mu < this.lower ? this.lower - mu : mu > this.upper ? mu - this.upper : 0;
    const z = nearest / sigmas[k];
    return Math.min(0, this.logWidth - logSigmas[k] - 0.5 * z * z - LOG_SQRT_2PI) - logMass[k];
  }
}

/**
 * Adds the stepped dimensions' log-masses to `row`, which already holds every other term; entries
 * that cannot matter become −∞. `scratch` is a buffer of the row's length.
 */
export function addBucketLogMasses(buckets: readonly Bucket[], row: Float64Array, scratch: Float64Array): void {
  let best = 0;
  for (let k = 0; k < row.length; k++) {
    let bound = row[k];
    for (const bucket of buckets) bound += bucket.logMassBound(k);
    scratch[k] = bound;
    if (bound > scratch[best]) best = k;
  }
  const exact = (k: number) => buckets.reduce((sum, bucket) => sum + bucket.logMass(k), row[k]);
  const floor = exact(best) + NEGLIGIBLE;
  for (let k = 0; k < row.length; k++) row[k] = scratch[k] < floor ? -Infinity : exact(k);
}
