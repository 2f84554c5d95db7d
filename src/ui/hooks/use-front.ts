/**
 * The front view's data (state/front-plot.ts) while it is open: computed when a trial completes
 * or a completed trial changes, and put in the list's order when the pair changes. A frame that a
 * running trial's metrics bring reuses both, so a frame at 10,000 trials rebuilds nothing.
 */
import { useMemo } from 'react';
import { frontData, frontInOrder, pairAt, type FrontData, type FrontMember } from '../state/front-plot.js';
import type { SweepView } from '../state/sweep-view.js';
import type { Overlay } from '../state/ui-state.js';
import { useCompletedTrials } from './use-finished-trials.js';

export interface FrontState {
  data: FrontData;
  /** The objectives plotted: x, y (indices into the sweep's objectives). */
  pair: [number, number];
  /** The front in the list's order (by x, best first), and its ids, which the keys move over. */
  members: readonly FrontMember[];
  ids: readonly number[];
}

export function useFront(view: SweepView, overlay: Overlay | null): FrontState | null {
  const open = overlay?.kind === 'front';
  const pairIndex = overlay?.kind === 'front' ? overlay.pair : 0;
  const completed = useCompletedTrials(view, open);
  const objectives = view.info.objectives ?? [view.info.metric];
  // by value: a new snapshot of the sweep's info may hold the same objectives
  const key = objectives.map((o) => `${o.name}:${o.goal}`).join(',');
  const data = useMemo(
    () =>
      open && objectives.length >= 2
        ? frontData(
            completed.map((trial) => trial.snapshot),
            objectives,
          )
        : null,
    [open, completed, key],
  );
  return useMemo(() => {
    if (!data) return null;
    const pair = pairAt(data.objectives.length, pairIndex);
    const members = frontInOrder(data, pair[0]);
    return { data, pair, members, ids: members.map((m) => m.id) };
  }, [data, pairIndex]);
}
