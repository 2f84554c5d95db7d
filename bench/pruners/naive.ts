/**
 * The baselines of the per-decision figures: each pruner's rule computed by a scan of every
 * recorded trial at each decision, as a straightforward implementation (Optuna's, for the median)
 * does. The benchmark checks that they decide exactly as sweeptop's pruners do.
 */
import { Samples, type Measured } from './samples.js';

/** Median by a scan of every completed trial at the step, then quickselect (Optuna's way). */
export function naiveMedian(history: number[][], probes: number[][]): Measured {
  const select = (values: number[], k: number): number => {
    let [low, high] = [0, values.length - 1];
    while (low < high) {
      const pivot = values[(low + high) >> 1];
      let [i, j] = [low, high];
      while (i <= j) {
        while (values[i] < pivot) i++;
        while (values[j] > pivot) j--;
        if (i <= j) [values[i], values[j], i, j] = [values[j], values[i], i + 1, j - 1];
      }
      if (k <= j) high = j;
      else if (k >= i) low = i;
      else return values[k];
    }
    return values[k];
  };
  const measured: Measured = { judged: new Samples(), all: new Samples(), prunedAt: [] };
  for (const values of probes) {
    let best = NaN;
    let at: number | null = null;
    for (let step = 0; step < values.length && at === null; step++) {
      if (!Number.isNaN(values[step]) && !(values[step] >= best)) best = values[step];
      const prune = measured.judged.time(() => {
        if (history.length < 5) return false; // n_startup_trials
        if (Number.isNaN(best)) return true;
        const reference: number[] = [];
        for (const curve of history) if (!Number.isNaN(curve[step])) reference.push(curve[step]);
        const position = (reference.length - 1) / 2;
        const low = select(reference, Math.floor(position));
        const median = position % 1 === 0 ? low : low + (select(reference, Math.ceil(position)) - low) / 2;
        return best > median;
      });
      if (prune) at = step;
    }
    measured.prunedAt.push(at);
  }
  return measured;
}

/** ASHA (min_resource 1, η 4) by a scan of every trial's value at the rung per decision. */
export function naiveAsha(history: number[][], probes: number[][]): Measured {
  const curves: number[][] = history.map((values) => values.slice());
  const measured: Measured = { judged: new Samples(), all: new Samples(), prunedAt: [] };
  for (const values of probes) {
    const curve: number[] = [];
    curves.push(curve);
    let at: number | null = null;
    for (let step = 0; step < values.length && at === null; step++) {
      curve.push(values[step]);
      if (![1, 4, 16, 64].includes(step)) continue;
      const value = values[step];
      const prune = measured.judged.time(() => {
        if (Number.isNaN(value)) return true;
        let n = 0;
        let better = 0;
        for (const other of curves) {
          const v = other.length > step ? other[step] : NaN;
          if (Number.isNaN(v)) continue;
          n++;
          if (v < value) better++;
        }
        return better >= Math.max(Math.floor(n / 4), 1);
      });
      if (prune) at = step;
    }
    measured.prunedAt.push(at);
  }
  return measured;
}
