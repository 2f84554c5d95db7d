/**
 * TPE's reading of the history: rank the trials with a result, take the best gamma(n) as the good
 * group and everything else as the bad group, each kept in trial order (the kernel weights favour
 * recent trials).
 *
 * Ranking, as Optuna 3.1 ranks single-objective trials:
 * 1. completed trials, by objective (the goal's direction is folded in once, here);
 * 2. pruned trials, the furthest-got first (lastStep), then by their last value (NaN last);
 * 3. pruned trials that never reported.
 * Completed trials without a usable value (null/NaN — Optuna records those as failed) and failed,
 * killed, timed-out and lost trials say nothing about their parameters and are left out.
 * With the constant liar, queued/pending/running/paused trials join the bad group: their
 * parameters are being tried already, so the next suggestion should look elsewhere. They are not
 * counted in n — a trial without a result must not end the random warm-up or widen the good group.
 */
import type { Goal } from '../../../src/plugin-api/plugin.js';
import type { TrialState } from '../../../src/plugin-api/trial-state.js';
import type { SamplerTrial } from '../../../src/plugin-api/sampler.js';

export interface SplitHistory {
  good: SamplerTrial[];
  bad: SamplerTrial[];
  /** The good trials' kernel weights, in `good`'s order; absent: the default ramp (weights.ts) in trial order. */
  goodWeights?: Float64Array;
  /** Completed and pruned trials that count: the n of n_startup_trials and gamma(n). */
  finished: number;
  /** Those trials, in trial order: which parameters they hold decides the joint models (tpe/relative-groups.ts). */
  finishedTrials: SamplerTrial[];
}

export interface SplitOptions {
  constantLiar: boolean;
  gamma: (n: number) => number;
}

const IN_FLIGHT: ReadonlySet<TrialState> = new Set(['queued', 'pending', 'running', 'paused']);

interface Ranked {
  trial: SamplerTrial;
  position: number;
  tier: number;
  /** How far a pruned trial got; larger is better. */
  step: number;
  /** Objective with the goal folded in: smaller is better. */
  loss: number;
}

export function splitHistory(history: readonly SamplerTrial[], goal: Goal, options: SplitOptions): SplitHistory {
  const sign = goal === 'minimize' ? 1 : -1;
  const ranked: Ranked[] = [];
  const inFlight: Ranked[] = [];
  history.forEach((trial, position) => {
    const { objective } = trial;
    if (trial.state === 'completed') {
      if (objective === null || Number.isNaN(objective)) return;
      ranked.push({ trial, position, tier: 0, step: 0, loss: sign * objective });
    } else if (trial.state === 'pruned') {
      if (objective === null) ranked.push({ trial, position, tier: 2, step: 0, loss: 0 });
      else
        ranked.push({
          trial,
          position,
          tier: 1,
          step: trial.lastStep ?? -Infinity,
          loss: Number.isNaN(objective) ? Infinity : sign * objective,
        });
    } else if (options.constantLiar && IN_FLIGHT.has(trial.state)) {
      inFlight.push({ trial, position, tier: 3, step: 0, loss: 0 });
    }
  });
  ranked.sort((a, b) => a.tier - b.tier || b.step - a.step || compareLoss(a.loss, b.loss) || a.position - b.position);
  const goodCount = options.gamma(ranked.length);
  const byPosition = (a: Ranked, b: Ranked) => a.position - b.position;
  return {
    good: ranked
      .slice(0, goodCount)
      .sort(byPosition)
      .map((r) => r.trial),
    bad: [...ranked.slice(goodCount), ...inFlight].sort(byPosition).map((r) => r.trial),
    finished: ranked.length,
    finishedTrials: [...ranked].sort(byPosition).map((r) => r.trial),
  };
}

/** Ascending, with ±Infinity ordered too (Infinity − Infinity would be NaN). */
function compareLoss(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
