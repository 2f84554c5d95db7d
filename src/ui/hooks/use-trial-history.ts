import { useEffect } from 'react';
import { isActive, isFinished } from '../../plugin-api/trial-state.js';
import type { ReadLog } from '../data/log-source.js';
import { readMetricHistory } from '../data/metrics-history.js';
import { splitOutput } from '../format/ansi.js';
import type { TrialView } from '../state/sweep-view.js';
import type { ViewStore } from '../state/view-store.js';

/** A trial passed over while scrolling is not read: only one that stays selected this long. */
const SETTLE_MS = 250;
/** Without streamed output, a live trial's last lines are re-read this often. */
const REFRESH_MS = 2000;

const loaded = new WeakMap<ViewStore, Set<string>>();

/**
 * The selected trial's past, read from its files when this UI did not see it happen (it ran before
 * the UI attached): the curves from metrics.jsonl and the last lines of stdout.log for the detail
 * pane. When output is not streamed as events (a client attached without it), the last lines of a
 * live trial are re-read every REFRESH_MS instead.
 */
export function useTrialHistory(store: ViewStore, trial: TrialView | undefined, readLog: ReadLog, outputStreamed: boolean): void {
  const id = trial?.snapshot.id;
  const attempt = trial?.snapshot.attempt;
  const dir = trial?.snapshot.dir;
  const needsCurves = trial !== undefined && trial.pastUnseen;
  const started = trial !== undefined && trial.snapshot.startedAt !== null;
  const ended = trial !== undefined && isFinished(trial.snapshot.state);
  const needsOutput = started && trial.tail.length === 0;
  const polls = started && !outputStreamed && isActive(trial.snapshot.state);
  // Without streamed output, the tail read while it ran misses its last lines: read once more.
  const final = started && !outputStreamed && ended;

  useEffect(() => {
    if (id === undefined || dir === undefined || attempt === undefined || !needsCurves) return;
    const timer = setTimeout(() => loadCurves(store, { id, attempt, dir }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [store, id, attempt, dir, needsCurves]);

  useEffect(() => {
    if (id === undefined || !(needsOutput || polls || final)) return;
    const replace = polls || final;
    const read = () =>
      readLog(id, 'stdout').then(
        (text) => store.addTail(id, splitOutput(text), replace),
        () => {}, // Nothing printed yet.
      );
    const timer = setTimeout(() => {
      if (polls || once(store, `output:${id}:${attempt}:${final ? 'final' : 'first'}`)) void read();
    }, SETTLE_MS);
    const refresh = polls ? setInterval(read, REFRESH_MS) : undefined;
    return () => {
      clearTimeout(timer);
      if (refresh) clearInterval(refresh);
    };
  }, [store, id, attempt, readLog, needsOutput, polls, final]);
}

/**
 * The curves of the table's rows on screen that reported before this UI attached, so that their
 * sparklines show at once and not only once each row has been selected. Rows scrolled past are
 * not read: only those still on screen after SETTLE_MS.
 */
export function useRowCurves(store: ViewStore, trials: readonly (TrialView | undefined)[]): void {
  const wanted: TrialFiles[] = [];
  for (const trial of trials) {
    if (trial?.pastUnseen) {
      wanted.push({ id: trial.snapshot.id, attempt: trial.snapshot.attempt, dir: trial.snapshot.dir });
    }
  }
  const key = wanted.map((t) => `${t.id}:${t.attempt}`).join(',');
  useEffect(() => {
    if (wanted.length === 0) return;
    const timer = setTimeout(() => {
      for (const trial of wanted) loadCurves(store, trial);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
    // `key` names exactly the trials in `wanted`
  }, [store, key]);
}

interface TrialFiles {
  id: number;
  attempt: number;
  dir: string;
}

function loadCurves(store: ViewStore, { id, attempt, dir }: TrialFiles): void {
  if (!once(store, `curves:${id}:${attempt}`)) return;
  readMetricHistory(dir).then(
    (history) => history.size > 0 && store.addHistory(id, history),
    () => {}, // No history on disk: the curve starts with the next report.
  );
}

/** True the first time `key` is asked for: reads are not repeated. */
function once(store: ViewStore, key: string): boolean {
  const seen = loaded.get(store) ?? new Set<string>();
  loaded.set(store, seen);
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}
