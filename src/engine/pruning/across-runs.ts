/**
 * Pruning across runs: after a trial's run j (of folds × repeats), stop the trial when the mean of
 * its first j runs is worse than the median of the other trials' first-j means. The median
 * pruner's rule with a run index in place of a step, and its two gates read the same way Optuna's
 * MedianPruner reads them:
 *
 * - `nStartupTrials`: no pruning until this many trials have COMPLETED (every run done, not pruned,
 *   not failed); Optuna's "trials finished in the study". As there, none completed never prunes.
 * - `nMinTrials`: no pruning unless at least this many other trials have a value at the same
 *   point — here, finished at least j runs. A NaN mean counts, as Optuna counts a NaN report.
 *
 * Unlike Optuna's reference set (completed trials only), every other trial that reached j runs
 * counts, whatever became of it later: a trial pruned after 3 folds has an honest first-2 mean,
 * and leaving the pruned out would compare each newcomer with survivors only — a median that
 * climbs with every prune and pushes out configurations as good as the ones kept.
 *
 * A NaN mean (a run with no value) is worse than anything, as Optuna prunes a trial whose every
 * report is NaN; NaN means of others count towards `nMinTrials` but take no place in the median.
 * Nothing is decided after the last run: the trial is complete, there is nothing left to save.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import type { PruneDecision } from '../../plugin-api/pruner.js';
import { CONTINUE, createExplainer, goalSign } from '../../plugin-api/explain.js';
import { SortedValues } from './sorted-values.js';

export interface AcrossRunsSettings {
  /** No pruning until this many trials have completed all their runs. */
  nStartupTrials: number;
  /** No pruning unless at least this many other trials have finished as many runs as this one. */
  nMinTrials: number;
}

/**
 * n_startup_trials 5 is Optuna's MedianPruner default. n_min_trials 5 rather than its 1: the
 * first-j reference takes in trials still running, and a median of one or two of them moves with
 * one trial's luck. On recorded 5-fold scores (bench/fold-pruning.ts, docs/performance.md) these
 * still save about half the fold runs and, unlike 1 and 1, keep nearly every near-best
 * configuration, not only the best.
 */
export const ACROSS_RUNS_DEFAULTS: AcrossRunsSettings = { nStartupTrials: 5, nMinTrials: 5 };

/** How a sweep's runs are laid out: folds × repeats, run index = repeat · folds + fold. */
export interface RunLayout {
  folds: number;
  repeats: number;
}

export interface OtherTrialRuns {
  /** Values of the runs it has finished, in run index order (a prefix: run 0, 1, …). */
  values: readonly number[];
  /** Whether it finished every run (neither pruned nor failed): what `nStartupTrials` counts. */
  completed: boolean;
}

export interface AcrossRunsRequest {
  goal: Goal;
  layout: RunLayout;
  /** This trial's values of its first j runs, in run index order. */
  values: readonly number[];
  /** Every other trial of the sweep; those with fewer than j runs are left out of the median. */
  others: Iterable<OtherTrialRuns>;
  settings: AcrossRunsSettings;
}

/** What the runs are called in a reason: by what the sweep varies. */
export function runWord(layout: RunLayout): 'fold' | 'repeat' | 'run' {
  if (layout.folds > 1 && layout.repeats > 1) return 'run';
  return layout.repeats > 1 ? 'repeat' : 'fold';
}

export function runCount(layout: RunLayout): number {
  return layout.folds * layout.repeats;
}

/** The mean of the first `count` values; NaN when any of them is NaN. */
export function meanOfFirst(values: readonly number[], count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i];
  return sum / count;
}

export function decideAcrossRuns(request: AcrossRunsRequest): PruneDecision {
  const { layout, values, settings } = request;
  const done = values.length;
  const total = runCount(layout);
  if (!(layout.folds >= 1 && layout.repeats >= 1))
    throw new RangeError(`folds ${layout.folds} × repeats ${layout.repeats}: each must be ≥ 1`);
  if (done > total) throw new RangeError(`${done} run values given for a trial of ${total} runs`);
  if (done === 0 || done === total) return CONTINUE;

  const others = [...request.others];
  const completed = others.filter((other) => other.completed).length;
  if (completed === 0 || completed < settings.nStartupTrials) return CONTINUE;

  const word = runWord(layout);
  const sign = goalSign(request.goal);
  const explain = createExplainer({ metricName: '', goal: request.goal });
  const prefix = `pruned after ${word} ${done}/${total}: `;
  const firstRuns = done === 1 ? `first ${word}` : `first ${done} ${word}s`;
  const mean = sign * meanOfFirst(values, done);
  if (Number.isNaN(mean)) return explain.prune(`${prefix}the mean of its ${firstRuns} is nan`);

  const reference = new SortedValues(
    others.filter((other) => other.values.length >= done).map((other) => sign * meanOfFirst(other.values, done)),
  );
  if (reference.size + reference.nanCount < settings.nMinTrials) return CONTINUE;
  const median = reference.percentile(50);
  if (Number.isNaN(median)) return CONTINUE;
  if (!(mean > median)) return explain.keep(median);
  const trials = reference.size === 1 ? "1 trial's" : `${reference.size} trials'`;
  return explain.prune(
    `${prefix}mean ${explain.show(mean)} ${explain.worse} median ${explain.show(median)} of ${trials} ${firstRuns}`,
    median,
  );
}
