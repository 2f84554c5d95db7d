/**
 * The normal distribution truncated to [a, b] (in standard units), which every numeric Parzen
 * kernel is: its probability mass, log-density, and inverse-CDF sampling. Work is done in the left
 * tail (mirroring the right tail onto it) so that kernels far from an interval stay finite.
 */
import { logNdtr, ndtr, ndtri } from '../../../src/plugin-api/normal.js';

/** log(e^p − e^q) for p ≥ q. */
function logDiff(logP: number, logQ: number): number {
  return logP + Math.log1p(-Math.exp(logQ - logP));
}

/** log P(a ≤ Z ≤ b) for a standard normal Z. */
export function logGaussMass(a: number, b: number): number {
  if (!(a < b)) return -Infinity;
  if (b <= 0) {
    // Where Φ(b) is still far from underflow a plain difference keeps ~1e-11 relative precision.
    if (b > -30) return Math.log(ndtr(b) - ndtr(a));
    return logDiff(logNdtr(b), logNdtr(a));
  }
  if (a > 0) return logGaussMass(-b, -a);
  // Straddling 0 the mass is at least a sliver of ½-ish; 1 − Φ(a) − Φ(−b) avoids cancellation near 1.
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

/**
 * A standard normal truncated to [a, b], by inverse CDF at quantile u ∈ [0, 1): monotone in u,
 * so one uniform draw gives one sample and equal draws give equal samples.
 */
export function truncatedStandardNormalQuantile(a: number, b: number, u: number): number {
  if (a > 0) return -truncatedStandardNormalQuantile(-b, -a, 1 - u);
  const low = ndtr(a);
  const high = ndtr(b);
  let x: number;
  if (b > 0 && low + u * (high - low) > 0.5) {
    // Upper half: go through the complement, where the tail probabilities keep their precision.
    const upperLow = ndtr(-b);
    const upperHigh = ndtr(-a);
    x = -ndtri(upperLow + (1 - u) * (upperHigh - upperLow));
  } else {
    x = ndtri(low + u * (high - low));
  }
  if (Number.isNaN(x)) return Math.abs(a) < Math.abs(b) ? a : b;
  return Math.min(Math.max(x, a), b);
}
