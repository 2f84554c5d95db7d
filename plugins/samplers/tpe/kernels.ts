/**
 * The kernels of a Parzen estimator along one dimension, one per mixture component: truncated
 * normals for numeric dimensions (integrated over each value's bucket when stepped), categorical
 * distributions for choices. Stored column-wise in typed arrays: TPE evaluates every candidate
 * against every kernel, and after 1,000 trials that is tens of thousands of evaluations.
 */
import type { Dimension } from './dimension.js';
import { kernelBandwidths } from './bandwidths.js';
import type { ParzenOptions } from './parzen-estimator.js';
import { logGaussMass, truncatedStandardNormalQuantile } from './truncated-normal.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export interface NumericKernels {
  kind: 'numeric';
  low: number;
  high: number;
  /** Bucket width of a stepped range, else null (continuous). */
  step: number | null;
  mus: Float64Array;
  sigmas: Float64Array;
  /** log of each kernel's mass inside [low, high], which truncation divides by. */
  logMass: Float64Array;
  /** Added to −z²/2 to give a continuous kernel's log-density: −log(σ√2π) − logMass. */
  logNormaliser: Float64Array;
  /** log σ: what the bandwidth-weighted score adds back, and what bucket bounds subtract. */
  logSigmas: Float64Array;
}

export interface CategoricalKernels {
  kind: 'categorical';
  size: number;
  /** Row k: kernel k's probability of each category. */
  probabilities: Float64Array;
  logProbabilities: Float64Array;
}

export type Kernels = NumericKernels | CategoricalKernels;

export function numericKernels(
  dimension: Extract<Dimension, { kind: 'numeric' }>,
  observations: ArrayLike<number>,
  withPrior: boolean,
  dimensionCount: number,
  options: ParzenOptions,
): NumericKernels {
  const { low, high, step } = dimension;
  const mus = new Float64Array(observations.length + (withPrior ? 1 : 0));
  mus.set(observations);
  if (withPrior) mus[observations.length] = 0.5 * (low + high);
  const shape = { observationCount: observations.length, dimensionCount, withPrior };
  const sigmas = kernelBandwidths(mus, low, high, shape, options);
  const logMass = mus.map((mu, k) => logGaussMass((low - mu) / sigmas[k], (high - mu) / sigmas[k]));
  const logSigmas = sigmas.map(Math.log);
  const logNormaliser = logMass.map((mass, k) => -LOG_SQRT_2PI - logSigmas[k] - mass);
  return { kind: 'numeric', low, high, step, mus, sigmas, logMass, logNormaliser, logSigmas };
}

/** Each kernel spreads priorWeight / kernels over all categories and puts 1 more on its own. */
export function categoricalKernels(
  size: number,
  observations: ArrayLike<number>,
  withPrior: boolean,
  priorWeight: number,
): CategoricalKernels {
  const count = observations.length + (withPrior ? 1 : 0);
  const probabilities = new Float64Array(count * size).fill(priorWeight / count);
  for (let k = 0; k < observations.length; k++) probabilities[k * size + observations[k]] += 1;
  for (let k = 0; k < count; k++) {
    let rowSum = 0;
    for (let c = 0; c < size; c++) rowSum += probabilities[k * size + c];
    for (let c = 0; c < size; c++) probabilities[k * size + c] /= rowSum;
  }
  return { kind: 'categorical', size, probabilities, logProbabilities: probabilities.map(Math.log) };
}

/** A draw from kernel k given one uniform u: a category index, or a value in [low, high]. */
export function sampleKernel(kernels: Kernels, k: number, u: number): number {
  if (kernels.kind === 'categorical') return pickIndex(kernels.probabilities, k * kernels.size, kernels.size, u);
  const { low, high, mus, sigmas } = kernels;
  const z = truncatedStandardNormalQuantile((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k], u);
  return Math.min(Math.max(mus[k] + sigmas[k] * z, low), high);
}

/**
 * Adds each kernel's log-density at x to `row` (one entry per kernel), for categorical and
 * continuous dimensions; stepped ones go through bucket-masses.ts. `bandwidthScaled` multiplies
 * continuous densities by σ (see ParzenEstimator.logScore).
 */
export function addLogDensities(kernels: Kernels, x: number, row: Float64Array, bandwidthScaled: boolean): void {
  const count = row.length;
  if (kernels.kind === 'categorical') {
    const { logProbabilities, size } = kernels;
    for (let k = 0; k < count; k++) row[k] += logProbabilities[k * size + x];
    return;
  }
  const { mus, sigmas, logNormaliser, logSigmas } = kernels;
  for (let k = 0; k < count; k++) {
    const z = (x - mus[k]) / sigmas[k];
    row[k] += logNormaliser[k] - 0.5 * z * z + (bandwidthScaled ? logSigmas[k] : 0);
  }
}

/** The index i in [0, length) where the running sum of weights[offset…] first exceeds u. */
export function pickIndex(weights: Float64Array, offset: number, length: number, u: number): number {
  let cumulative = 0;
  for (let i = 0; i < length; i++) {
    cumulative += weights[offset + i];
    if (u < cumulative) return i;
  }
  return length - 1; // rounding left the sum a hair below 1
}
