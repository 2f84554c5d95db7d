/**
 * Whether the best trial is distinguishable from the next ones, as the sweep runs: the same test
 * `sweeptop best` prints (analysis/winner-distinction.ts), over the completed trials' runs as the
 * controller holds them. Only a sweep with folds or repeats has one; it is judged again when a run
 * completes (a paired test per rival, not something to run on every metric point).
 */
import { distinguishWinner, type TrialRunValues, type WinnerDistinction } from '../analysis/winner-distinction.js';
import type { SweepConfig } from '../config/types.js';
import type { TrialEntry } from './trial-entry.js';

/** Null for a sweep whose trials have no runs, and before a trial with run values completed. */
export function liveWinner(
  entries: Iterable<TrialEntry>,
  config: Pick<SweepConfig, 'folds' | 'repeats' | 'metric'>,
): WinnerDistinction | null {
  if (config.folds === null && config.repeats === null) return null;
  // the completed trials only, as `best` ranks them: a trial half-way through its runs is no winner yet
  const trials: TrialRunValues[] = [];
  for (const entry of entries) {
    if (entry.state !== 'completed' || !entry.runs) continue;
    const runs = new Map<string, number>();
    for (const run of entry.runs) {
      const value = run.state === 'completed' ? run.result() : null;
      if (value !== null) runs.set(run.key, value);
    }
    trials.push({ id: entry.id, runs });
  }
  const distinction = distinguishWinner(trials, config.metric.goal, { combine: config.metric.combine });
  return distinction.best === null ? null : distinction;
}
