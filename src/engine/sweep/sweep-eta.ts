/**
 * When the sweep will end: the trials still to launch × the time a trial takes, plus what the
 * running ones have left, shared by the parallel slots. The time a trial takes is the median
 * completed trial's, corrected by the pruning rate so far (a pruned trial costs only the median
 * pruned one's time). A running trial has left its own estimate (its pace against its total),
 * else the expected time less what it has run.
 */
import { isActive, isFinished, type TrialState } from '../../plugin-api/trial-state.js';

export interface EtaTrial {
  state: TrialState;
  runtimeMs: number;
  /** Its own time to go (TrialSnapshot.etaMs), when known. */
  etaMs?: number | null;
}

/** Milliseconds to the sweep's end; null until one trial has completed (nothing to go by). */
export function sweepEtaMs(trials: Iterable<EtaTrial>, trialsTarget: number, parallel: number): number | null {
  const completed: number[] = [];
  const pruned: number[] = [];
  const active: EtaTrial[] = [];
  let finished = 0;
  for (const trial of trials) {
    if (trial.state === 'completed') completed.push(trial.runtimeMs);
    else if (trial.state === 'pruned') pruned.push(trial.runtimeMs);
    if (isFinished(trial.state)) finished++;
    else if (isActive(trial.state)) active.push(trial);
  }
  if (completed.length === 0) return null;
  const pruneRate = pruned.length / (completed.length + pruned.length);
  const perTrial = (1 - pruneRate) * median(completed) + (pruneRate > 0 ? pruneRate * median(pruned) : 0);
  let work = 0;
  let longest = 0;
  for (const trial of active) {
    const left = trial.etaMs ?? Math.max(0, perTrial - trial.runtimeMs);
    work += left;
    longest = Math.max(longest, left);
  }
  const unlaunched = Math.max(0, trialsTarget - finished - active.length);
  work += unlaunched * perTrial;
  if (work === 0) return 0;
  // the last trial cannot be shared between slots
  return Math.round(Math.max(longest, work / Math.max(1, parallel)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
