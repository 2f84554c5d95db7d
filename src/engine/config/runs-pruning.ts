/**
 * Whether a sweep with folds or repeats prunes across runs, and with which gates. Absent from the
 * sweep file it is on exactly when a pruner is configured: a pruner says the user trades
 * finishing every trial for time, and on recorded fold scores the rule keeps the true best in
 * every shuffled order while saving about half the fold runs. With `pruner: none` the user asked
 * for every trial to run to its end, so no trial is stopped unless `runs_pruning` says so.
 */
import { ACROSS_RUNS_DEFAULTS, type AcrossRunsSettings } from '../pruning/across-runs.js';

export type RunsPruningField = boolean | { n_startup_trials: number; n_min_trials: number } | undefined;

export function runsPruningSettings(field: RunsPruningField, prunerType: string): AcrossRunsSettings | null {
  if (field === false || (field === undefined && prunerType === 'none')) return null;
  if (field === undefined || field === true) return { ...ACROSS_RUNS_DEFAULTS };
  return { nStartupTrials: field.n_startup_trials, nMinTrials: field.n_min_trials };
}
