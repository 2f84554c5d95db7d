/**
 * A sequential sweep over recorded fold scores: configurations one after another in a given order,
 * each fold by fold, asking the across-runs rule after every fold whether to go on.
 */
import { Rng } from '../../src/plugin-api/rng.js';
import { type AcrossRunsSettings, decideAcrossRuns, type OtherTrialRuns } from '../../src/engine/pruning/across-runs.js';
import type { Goal } from '../../src/plugin-api/plugin.js';

export interface RecordedScores {
  description: string;
  cv: string;
  metric: string;
  goal: Goal;
  /** Index of the configuration with the best 5-fold mean (unique: the recording refuses ties). */
  best: number;
  configs: Array<{ params: Record<string, number>; folds: number[]; mean: number }>;
}

export interface SweepOutcome {
  foldRuns: number;
  /** Whether the true best configuration ran all its folds. */
  bestKept: boolean;
  /** For each configuration (by index in the recording): whether it ran all its folds. */
  kept: boolean[];
}

/** `count` orders of the configuration indices, each a seeded Fisher–Yates shuffle. */
export function shuffledOrders(size: number, count: number, seed: string): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const order = Array.from({ length: size }, (_, i) => i);
    for (let i = size - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  });
}

/** One sweep in `order`; with `settings` null, no pruning (every fold of every configuration runs). */
export function simulateSweep(scores: RecordedScores, order: readonly number[], settings: AcrossRunsSettings | null): SweepOutcome {
  const folds = scores.configs[0].folds.length;
  const layout = { folds, repeats: 1 };
  const finished: OtherTrialRuns[] = [];
  const kept: boolean[] = Array(scores.configs.length).fill(false);
  let foldRuns = 0;
  for (const index of order) {
    const recorded = scores.configs[index].folds;
    const values: number[] = [];
    let stopped = false;
    while (values.length < folds && !stopped) {
      values.push(recorded[values.length]);
      foldRuns++;
      stopped = settings !== null && decideAcrossRuns({ goal: scores.goal, layout, values, others: finished, settings }).action === 'prune';
    }
    finished.push({ values, completed: !stopped });
    kept[index] = !stopped;
  }
  return { foldRuns, bestKept: kept[scores.best], kept };
}
