/** The learning curves the pruner benchmark judges: deterministic in their seed. */
import { Rng } from '../../src/plugin-api/rng.js';

/** Loss-like curves: a floor, a decaying part and noise; one in 200 values NaN. */
export function makeCurves(seed: string, trials: number, steps: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: trials }, () => {
    const floor = rng.uniform(0.1, 1);
    const scale = rng.uniform(0.5, 3);
    return Array.from({ length: steps }, (_, step) => (rng.next() < 0.005 ? NaN : floor + scale / (step + 1) + rng.uniform(-0.02, 0.02)));
  });
}
