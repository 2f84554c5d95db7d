/**
 * The trials the analysis view plots — completed or pruned, with a finite objective — as an array
 * that keeps its identity from one frame to the next while none of them changed, so what is drawn
 * from them (the scatter over 10,000 trials) is memoised on it and not redone on every frame a
 * running trial's metrics bring. The view's trials map replaces an entry whenever anything of that
 * trial changes, so comparing entries by identity sees every change, a late objective included.
 */
import { useRef } from 'react';
import type { SweepView, TrialView } from '../state/sweep-view.js';

export function useFinishedTrials(view: SweepView): readonly TrialView[] {
  return useSameEntries(finishedTrials(view));
}

/**
 * The completed trials, whatever their objectives (the front view counts those lacking one),
 * kept by identity in the same way; none while `active` is false (the view is closed).
 */
export function useCompletedTrials(view: SweepView, active: boolean): readonly TrialView[] {
  return useSameEntries(active ? completedTrials(view) : []);
}

function useSameEntries(current: readonly TrialView[]): readonly TrialView[] {
  const last = useRef<readonly TrialView[]>([]);
  if (!sameEntries(current, last.current)) last.current = current;
  return last.current;
}

function completedTrials(view: SweepView): TrialView[] {
  const completed: TrialView[] = [];
  for (const trial of view.trials.values()) if (trial.snapshot.state === 'completed') completed.push(trial);
  return completed;
}

export function finishedTrials(view: SweepView): TrialView[] {
  const finished: TrialView[] = [];
  for (const trial of view.trials.values()) {
    const { state, objective } = trial.snapshot;
    if ((state === 'completed' || state === 'pruned') && objective !== null && Number.isFinite(objective)) finished.push(trial);
  }
  return finished;
}

function sameEntries(a: readonly TrialView[], b: readonly TrialView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
