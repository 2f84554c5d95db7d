/**
 * What the person at the keyboard has chosen: selection, sort, filter, marks, which pane and which
 * overlay is open. Pure data; changed only by ui-reducer.ts.
 */
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { StatusMessage } from './sweep-view.js';

/**
 * `active`, the default: running trials, then paused ones, then the rest, each by objective (best
 * first): what a supervisor opens the screen for is on the first rows.
 */
export type SortKey = 'active' | 'id' | 'objective' | 'state' | 'runtime' | FurtherObjectiveKey;
export const SORT_KEYS: readonly SortKey[] = ['active', 'id', 'objective', 'state', 'runtime'];

/** A sweep of several objectives: sorted by its objective `N` (1 the second; `objective` is the first). */
export type FurtherObjectiveKey = `objective:${number}`;

/** The keys `s` cycles through: a sweep of several objectives sorts by each of them after the first. */
export function sortKeys(objectives: number): SortKey[] {
  const further = Array.from({ length: Math.max(0, objectives - 1) }, (_, i): SortKey => `objective:${i + 1}`);
  return ['active', 'id', 'objective', ...further, 'state', 'runtime'];
}

/** The objective index a sort key orders by: 0 for `objective`, N for `objective:N`; null for other keys. */
export function objectiveIndexOf(key: SortKey): number | null {
  if (key === 'objective') return 0;
  return key.startsWith('objective:') ? Number(key.slice('objective:'.length)) : null;
}

export interface FormField {
  name: string;
  text: string;
  hint: string;
}

export type Overlay =
  | { kind: 'help' }
  | { kind: 'confirm'; action: 'kill'; trialId: number; question: string }
  /** Asked by `Q` or, in a TUI that started the sweep, Ctrl-C (`interrupted`: a stop then exits 130). */
  | { kind: 'confirm'; action: 'quit'; question: string; interrupted?: boolean }
  | { kind: 'filter'; cursor: number }
  | { kind: 'search'; draft: string }
  /** The marked trials side by side (`c`), over the table and detail pane. */
  | { kind: 'compare' }
  /**
   * Which parameters matter (`a`): importance bars, and the `param`-th most important one against
   * the objective (`scatter`) or against the most important other one (`heatmap`).
   */
  | { kind: 'analysis'; param: number; plot: 'scatter' | 'heatmap' }
  /**
   * The Pareto front of a sweep of several objectives (`o`): the `pair`-th pair of objectives
   * plotted (wraps around), the front listed, `selected` the member the list's cursor is on (a
   * trial id; null, or one no longer on the front, means the first).
   */
  | { kind: 'front'; pair: number; selected: number | null }
  | { kind: 'form'; fields: FormField[]; focus: number; error: string | null; busy: boolean };

export interface LogState {
  trialId: number;
  stream: 'stdout' | 'stderr';
  /** Keep the newest line at the bottom as lines arrive. */
  follow: boolean;
  /** When not following: index of the first line shown. */
  top: number;
  /** Long lines continue on the next rows (the default); off, they are cut at the edge. */
  wrap: boolean;
}

export interface UiState {
  /** The selected trial; null until the person moves, meaning "the first row". */
  cursorId: number | null;
  /** Row of the cursor, used when the selected trial leaves the list (filtered out). */
  cursorIndex: number;
  /** First visible row: a hint, clamped at render time so the cursor is always visible. */
  scrollTop: number;
  sort: { key: SortKey; reverse: boolean };
  /** States shown; null shows all. */
  filter: readonly TrialState[] | null;
  /** Parameter search: `0.01`, `lr=0.01`, `lr<0.01`, `opt=adam`. Empty shows all. */
  search: string;
  /** Trials overlaid in the plot, in marking order (which picks their colour). */
  marked: readonly number[];
  detailOpen: boolean;
  /** Trials whose runs (folds × repeats) the table lists under them. */
  expanded: readonly number[];
  screen: 'table' | 'log';
  log: LogState | null;
  /** Metric drawn in the detail pane; null is the objective. */
  plotMetric: string | null;
  overlay: Overlay | null;
  status: StatusMessage | null;
  /** Set once the person asked to stop; the app quits when the sweep has finished. */
  stopping: 'no' | 'graceful' | 'forced';
  /** The stop came from Ctrl-C: the command exits 130, as a shell expects. */
  interrupted: boolean;
}

/** Why the TUI ended: `q` (detach or quit), a confirmed stop, or Ctrl-C. */
export type TuiExit = 'quit' | 'stopped' | 'interrupted';

export const initialUiState: UiState = {
  cursorId: null,
  cursorIndex: 0,
  scrollTop: 0,
  sort: { key: 'active', reverse: false },
  filter: null,
  search: '',
  marked: [],
  detailOpen: true,
  expanded: [],
  screen: 'table',
  log: null,
  plotMetric: null,
  overlay: null,
  status: null,
  stopping: 'no',
  interrupted: false,
};
