/**
 * Parameter importances for the analysis view, while it is open: asked of the worker when the set
 * of completed trials has changed, at most once every RECOMPUTE_MS (a forest over thousands of
 * trials takes seconds of a core, and a live sweep completes trials all the time). The last answer
 * stays on screen, marked as being recomputed, until the next one comes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ImportanceResult, ImportanceTrial } from '../../engine/analysis/importance.js';
import type { ImportanceSource } from '../analysis/importance-source.js';
import type { SweepView } from '../state/sweep-view.js';

export const RECOMPUTE_MS = 3000;

export interface ImportanceState {
  result: ImportanceResult | null;
  /** A computation is under way (the result shown, if any, is of an earlier set of trials). */
  computing: boolean;
  error: string | null;
}

export function useImportance(view: SweepView, source: ImportanceSource | undefined, open: boolean): ImportanceState {
  // a trial completes with a state change, which bumps the revision
  const completed = useMemo(() => completedTrials(view), [view.revision]);
  const key = useMemo(() => completed.map((t) => t.id).join(','), [completed]);
  const [state, setState] = useState<ImportanceState>({ result: null, computing: false, error: null });
  const asked = useRef<{ key: string | null; at: number; busy: boolean }>({ key: null, at: 0, busy: false });
  const [tick, setTick] = useState(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  useEffect(() => {
    if (!open || !source || asked.current.busy || asked.current.key === key) return;
    const wait = asked.current.at + RECOMPUTE_MS - Date.now();
    if (wait > 0) {
      const timer = setTimeout(() => setTick((n) => n + 1), wait);
      return () => clearTimeout(timer);
    }
    asked.current = { key, at: Date.now(), busy: true };
    setState((s) => ({ ...s, computing: true }));
    const live = () => mounted.current;
    source
      .compute(
        completed.map(({ params, objective }) => ({ params, objective, completed: true })),
        view.info.parameters,
      )
      .then(
        (result) => live() && setState({ result, computing: false, error: null }),
        (error: Error) => live() && setState({ result: null, computing: false, error: error.message }),
      )
      .finally(() => {
        asked.current = { ...asked.current, busy: false };
        // the trials may have changed meanwhile: look again
        if (live()) setTick((n) => n + 1);
      });
  }, [open, source, key, tick]);

  return state;
}

function completedTrials(view: SweepView): (ImportanceTrial & { id: number })[] {
  const trials: (ImportanceTrial & { id: number })[] = [];
  for (const { snapshot } of view.trials.values())
    if (snapshot.state === 'completed' && snapshot.objective !== null && Number.isFinite(snapshot.objective))
      trials.push({ id: snapshot.id, params: snapshot.params, objective: snapshot.objective, completed: true });
  return trials.sort((a, b) => a.id - b.id);
}
