/**
 * The pruner interface. A pruner is a pure decision: given a read-only view of every trial's
 * objective curve and this trial's new report, it says whether to stop the trial and why. The
 * engine carries the decision out; the study (src/engine/pruning/) keeps the views current.
 *
 * Every value a pruner sees is normalised so that LOWER IS BETTER: for `goal: maximize` the study
 * negates values before storing them. Pruners therefore never branch on the goal; only the text
 * of a reason turns values back into the user's units (see explain.ts).
 */
import type { TrialState } from './trial-state.js';
import type { Goal, Plugin } from './plugin.js';

/** A multiset of values kept sorted ascending (best first); NaN values are counted apart. */
export interface SortedValuesView {
  /** Number of non-NaN values. */
  readonly size: number;
  /** Number of NaN values, which take no place in the order. */
  readonly nanCount: number;
  /** The i-th smallest non-NaN value (0-based). */
  at(index: number): number;
  /** Linear-interpolated percentile (numpy's default) of the non-NaN values; NaN when empty. */
  percentile(percent: number): number;
}

/** One trial's objective curve, normalised (lower is better), ordered by step. */
export interface CurveView {
  readonly trialId: number;
  readonly state: TrialState;
  /** Number of distinct steps reported. */
  readonly length: number;
  stepAt(index: number): number;
  valueAt(index: number): number;
  /** The largest step reported, or null before the first report. */
  readonly lastStep: number | null;
  /** Lowest non-NaN value so far; NaN when every value is NaN or there is none. */
  readonly best: number;
  /** Mean and count of the non-NaN values at steps within [from, to]. */
  meanOver(from: number, to: number): { mean: number; count: number };
}

/** The study as a pruner may read it: all trials, or a subset of them (hyperband's brackets). */
export interface StudyView {
  /** Number of trials in state `completed`. */
  readonly completedCount: number;
  /** The trial that completed first (on resume: the first completed one given to `restore`). */
  firstCompleted(): CurveView | undefined;
  /** Values reported at exactly `step` by completed trials. */
  completedValuesAt(step: number): SortedValuesView;
  /**
   * For every trial of any state that has reached `step`: its value at the first step it
   * reported at or past `step` (a NaN there counts in `nanCount`). Successive halving's rungs.
   */
  valuesOnReaching(step: number): SortedValuesView;
  /** Every trial that has been added, in the order they were added. */
  trials(): Iterable<CurveView>;
  /**
   * The trials for which `includes(id)` is true, as a view with its own indices. `key` names the
   * subset; the same key must always come with the same predicate.
   */
  subset(key: string, includes: (trialId: number) => boolean): StudyView;
}

/** What a pruner decides on: the new report is already part of `trial` and `study`. */
export interface PruneRequest {
  study: StudyView;
  trial: CurveView;
  step: number;
  /** The new value, normalised (lower is better); may be NaN or ±Infinity. */
  value: number;
  /** The largest step this trial reported before, other than `step`; null on its first report. */
  previousStep: number | null;
}

/**
 * A decision. `reason` says why, with the numbers and the reference set (null when there is
 * nothing to say); `threshold` is the value the trial was compared with, in the user's units, so
 * the TUI can draw it.
 *
 * From a Pruner, a prune reason reads like `best val_loss 0.81 > median 0.62 of 7 completed trials
 * at step 12`; the study prefixes it with `pruned at step 12: `.
 */
export interface PruneDecision {
  action: 'continue' | 'prune';
  reason: string | null;
  threshold?: number;
}

export interface Pruner {
  decide(request: PruneRequest): PruneDecision;
}

/** `{type: median, n_startup_trials: 5}` as written in the sweep file or by `--set`. */
export type PrunerSpec = { type: string } & Record<string, unknown>;

export interface PrunerContext {
  metricName: string;
  goal: Goal;
  /**
   * Builds a pruner from a spec, for pruners that wrap another (`patient`). Supplied by whoever
   * holds the registry (createPruner in create.ts), so user plugins can be wrapped too.
   */
  createPruner?: (spec: PrunerSpec) => Pruner;
}

export type PrunerPlugin = Plugin<'pruner', Pruner, PrunerContext>;
