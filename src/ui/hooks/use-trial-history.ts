import { useEffect, useRef } from 'react';
import { isActive, isFinished } from '../../plugin-api/trial-state.js';
import type { ReadLog } from '../data/log-source.js';
import { readMetricHistory } from '../data/metrics-history.js';
import { splitOutput } from '../format/ansi.js';
import type { TrialView } from '../state/sweep-view.js';
import type { ViewStore } from '../state/view-store.js';

/**
 * What is read of the selected trial is read on a clock of this period, never on a timer restarted
 * by each change of selection: the trial selected when it ticks. A trial passed over between two
 * ticks (scrolling) is not read, and however fast the selection changes, one trial at most is read
 * per tick. (Restarted timers were starved: with the cursor on the first row, two running trials
 * of one curve leapfrog at the head of the default sort, each for less than this, and the detail
 * pane said "no output yet" for as long as they ran.)
 */
const SETTLE_MS = 250;
/** Without streamed output, a live trial's last lines are re-read this often. */
const REFRESH_MS = 2000;

const loaded = new WeakMap<ViewStore, Set<string>>();

/** What the selected trial needs read now. */
interface Wanted {
  files: TrialFiles;
  curves: boolean;
  /** Its output: once (`first`, `final`), or again every REFRESH_MS while it runs (`poll`); null: none. */
  output: 'first' | 'final' | 'poll' | null;
}

/**
 * The selected trial's past, read from its files when this UI did not see it happen (it ran before
 * the UI attached): the curves from metrics.jsonl and the last lines of stdout.log for the detail
 * pane. When output is not streamed as events (a client attached without it), the last lines of a
 * live trial are re-read every REFRESH_MS instead.
 */
export function useTrialHistory(store: ViewStore, trial: TrialView | undefined, readLog: ReadLog, outputStreamed: boolean): void {
  const wanted = useRef<Wanted | null>(null);
  wanted.current = trial === undefined ? null : wantedOf(trial, outputStreamed);

  useEffect(() => {
    const readAt = new Map<string, number>();
    const tick = () => {
      const want = wanted.current;
      if (want === null) return;
      const { id, attempt } = want.files;
      if (want.curves) loadCurves(store, want.files);
      if (want.output === null) return;
      if (want.output === 'poll') {
        const key = `${id}:${attempt}`;
        if (Date.now() - (readAt.get(key) ?? Number.NEGATIVE_INFINITY) < REFRESH_MS) return;
        readAt.set(key, Date.now());
      } else if (!once(store, `output:${id}:${attempt}:${want.output}`)) return;
      readLog(id, 'stdout').then(
        (text) => store.addTail(id, splitOutput(text), want.output !== 'first'),
        () => {}, // Nothing printed yet.
      );
    };
    const clock = setInterval(tick, SETTLE_MS);
    return () => clearInterval(clock);
  }, [store, readLog]);
}

function wantedOf(trial: TrialView, outputStreamed: boolean): Wanted {
  const { id, attempt, dir } = trial.snapshot;
  return { files: { id, attempt, dir }, curves: trial.pastUnseen, output: outputWanted(trial, outputStreamed) };
}

function outputWanted({ snapshot, tail }: TrialView, outputStreamed: boolean): Wanted['output'] {
  if (snapshot.startedAt === null) return null;
  if (!outputStreamed && isActive(snapshot.state)) return 'poll';
  // Without streamed output, the tail read while it ran misses its last lines: read once more.
  if (!outputStreamed && isFinished(snapshot.state)) return 'final';
  return tail.length === 0 ? 'first' : null;
}

/**
 * The curves of the table's rows on screen that reported before this UI attached, so that their
 * sparklines show at once and not only once each row has been selected. Rows scrolled past are
 * not read: only those on screen without a break for SETTLE_MS, looked for on the same fixed clock
 * as the selected trial's reads. (A timer restarted whenever the rows changed was starved: two
 * running trials of one curve swapping places, or taking turns at the bottom of the screen, each
 * for less than SETTLE_MS, kept every sparkline on screen from loading for as long as they ran.)
 */
export function useRowCurves(store: ViewStore, trials: readonly (TrialView | undefined)[]): void {
  const onScreen = useRef(new Map<string, OnScreen>());
  noteOnScreen(onScreen.current, trials, Date.now());

  useEffect(() => {
    const clock = setInterval(() => {
      const now = Date.now();
      for (const { files, since } of onScreen.current.values()) if (now - since >= SETTLE_MS) loadCurves(store, files);
    }, SETTLE_MS);
    return () => clearInterval(clock);
  }, [store]);
}

/** A row whose curves are wanted, and since when it has been on screen without a break. */
interface OnScreen {
  files: TrialFiles;
  since: number;
}

/** Keeps in `onScreen` the rows now on screen that want their curves: kept since they came, whatever their order. */
function noteOnScreen(onScreen: Map<string, OnScreen>, trials: readonly (TrialView | undefined)[], now: number): void {
  const seen = new Set<string>();
  for (const trial of trials) {
    if (!trial?.pastUnseen) continue;
    const { id, attempt, dir } = trial.snapshot;
    const key = `${id}:${attempt}`;
    seen.add(key);
    if (!onScreen.has(key)) onScreen.set(key, { files: { id, attempt, dir }, since: now });
  }
  for (const key of onScreen.keys()) if (!seen.has(key)) onScreen.delete(key);
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
