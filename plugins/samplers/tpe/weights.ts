/** TPE's two schedules, with Optuna 3.1's defaults. */

/** How many of n finished trials form the good group: 10 %, rounded up, at most 25. */
export function defaultGamma(n: number): number {
  // Written as Optuna writes it (0.1 · n, not n / 10) so that both split the same trials.
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * Weights of n observations in trial order: the newest 25 count fully, older ones ramp linearly
 * from 1/n up, so that a long sweep's early, uninformed trials fade out of the model.
 */
export function defaultWeights(n: number): Float64Array {
  const weights = new Float64Array(n).fill(1);
  const rampLength = n - 25;
  for (let i = 0; i < rampLength; i++) {
    weights[i] = rampLength === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (rampLength - 1);
  }
  return weights;
}
