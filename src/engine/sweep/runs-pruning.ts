/**
 * Pruning across runs in a live sweep: what the rule (pruning/across-runs.ts) is asked once a
 * trial's runs have moved on. A trial's values are those of its runs completed from run 0 on, in
 * index order, up to the first that has not (with `runs_parallel` > 1, run 3 may complete before
 * run 2: it counts once run 2 has). Every other trial that reached as many runs is in the median,
 * whether it is still running, was pruned or failed later; `completed` is a trial whose runs all
 * completed, as the rule's n_startup_trials counts.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import type { PruneDecision } from '../../plugin-api/pruner.js';
import { CONTINUE } from '../../plugin-api/explain.js';
import { type AcrossRunsSettings, decideAcrossRuns, type OtherTrialRuns, type RunLayout } from '../pruning/across-runs.js';
import type { TrialEntry } from './trial-entry.js';

export interface RunsPruning {
  goal: Goal;
  layout: RunLayout;
  settings: AcrossRunsSettings;
}

/** The values of the trial's runs completed in a row from run 0; a run without a value is NaN. */
export function completedPrefix(trial: TrialEntry): number[] {
  const values: number[] = [];
  for (const run of trial.runs ?? []) {
    if (run.state !== 'completed') break;
    values.push(run.result() ?? Number.NaN);
  }
  return values;
}

/** Whether `trial` goes on after its completed runs, judged against every other trial of the sweep. */
export function decideTrialAcrossRuns(trial: TrialEntry, trials: Iterable<TrialEntry>, pruning: RunsPruning): PruneDecision {
  const values = completedPrefix(trial);
  if (values.length === 0) return CONTINUE;
  const others: OtherTrialRuns[] = [];
  for (const other of trials) {
    if (other === trial || !other.runs) continue;
    others.push({ values: completedPrefix(other), completed: other.state === 'completed' });
  }
  return decideAcrossRuns({ goal: pruning.goal, layout: pruning.layout, values, others, settings: pruning.settings });
}
