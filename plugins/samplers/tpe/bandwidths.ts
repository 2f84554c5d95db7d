/**
 * Bandwidths of the numeric kernels, Optuna 3.1's rules: per-observation neighbour distances for
 * independent (univariate) models, Scott's rule for joint (multivariate) ones; then the "magic
 * clip" bounds, and the prior kernel spanning the whole range.
 */
import type { ParzenOptions } from './parzen-estimator.js';

const EPS = 1e-12;
/** Scott's-rule factor for multivariate bandwidths, as in BOHB and Optuna. */
const SIGMA0_MAGNITUDE = 0.2;

/**
 * @param mus kernel centres: the observations, then the prior's centre when `withPrior`.
 * @param observationCount observations among `mus` (Scott's rule counts only those).
 */
export function kernelBandwidths(
  mus: Float64Array,
  low: number,
  high: number,
  shape: { observationCount: number; dimensionCount: number; withPrior: boolean },
  options: ParzenOptions,
): Float64Array {
  const range = high - low;
  const sigmas = options.multivariate
    ? new Float64Array(mus.length).fill(SIGMA0_MAGNITUDE * Math.max(shape.observationCount, 1) ** (-1 / (shape.dimensionCount + 4)) * range)
    : neighbourBandwidths(mus, low, high, options.considerEndpoints);
  // Without a floor, a cluster of near-equal good values becomes a spike that never looks elsewhere.
  const minSigma = options.considerMagicClip ? range / Math.min(100, 1 + mus.length) : EPS;
  for (let k = 0; k < sigmas.length; k++) sigmas[k] = Math.min(Math.max(sigmas[k], minSigma), range);
  if (shape.withPrior) sigmas[sigmas.length - 1] = range;
  return sigmas;
}

/**
 * Each kernel's bandwidth is the larger gap to its neighbours in sorted order (the range's ends
 * count as neighbours; the prior's centre counts too, as in Optuna 3.1). Without
 * `considerEndpoints`, the outermost kernels use their inner gap only, so a lone observation near
 * an end is not as wide as the empty space beside it. Equal values take their places in trial order.
 */
export function neighbourBandwidths(mus: Float64Array, low: number, high: number, considerEndpoints: boolean): Float64Array {
  const n = mus.length;
  const sorted = Float64Array.from(mus).sort();
  const gapBelow = (r: number) => (r === 0 ? sorted[0] - low : sorted[r] - sorted[r - 1]);
  const gapAbove = (r: number) => (r === n - 1 ? high - sorted[n - 1] : sorted[r + 1] - sorted[r]);
  const nextRank = new Map<number, number>(); // only for values that occur more than once
  const sigmas = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const rank = nextRank.get(mus[k]) ?? lowerBound(sorted, mus[k]);
    if (sorted[rank + 1] === mus[k] || nextRank.has(mus[k])) nextRank.set(mus[k], rank + 1);
    if (!considerEndpoints && n >= 2 && rank === 0) sigmas[k] = gapAbove(0);
    else if (!considerEndpoints && n >= 2 && rank === n - 1) sigmas[k] = gapBelow(n - 1);
    else sigmas[k] = Math.max(gapBelow(rank), gapAbove(rank));
  }
  return sigmas;
}

/** The first index of `sorted` holding a value ≥ x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let from = 0;
  let to = sorted.length;
  while (from < to) {
    const middle = (from + to) >>> 1;
    if (sorted[middle] < x) from = middle + 1;
    else to = middle;
  }
  return from;
}
