/**
 * Which trials the table lists, in which order. Computed over all trials (10,000 is a few
 * milliseconds) and memoised by the caller; only the visible slice is ever rendered.
 */
import type { TrialState } from '../../plugin-api/trial-state.js';
import { formatParam } from '../format/params.js';
import type { SweepView, TrialView } from './sweep-view.js';
import { runtimeOf } from './sweep-view.js';
import { objectiveIndexOf, type UiState } from './ui-state.js';

/** Sorting by state puts what needs attention first: live trials, then results, then the rest. */
const STATE_RANK: Record<TrialState, number> = {
  running: 0,
  paused: 1,
  pending: 2,
  queued: 3,
  completed: 4,
  pruned: 5,
  failed: 6,
  timed_out: 7,
  lost: 8,
  killed: 9,
};

/**
 * Which trials a call lists: all, or for the default order one of its two parts — the running and
 * paused trials, whose objectives move with every batch of metrics, or the settled rest, whose
 * order only a state change alters (so a caller sorts 10,000 of them once per state change, and
 * the few running ones per batch; joinByActivity puts the parts together).
 */
export type RowPart = 'all' | 'active' | 'settled';

export function selectRows(
  view: SweepView,
  ui: Pick<UiState, 'sort' | 'filter' | 'search'>,
  part: RowPart = 'all',
  /** The trials to look at, when the caller knows (activeTrialIds): the rest are not visited. */
  among?: readonly number[],
): number[] {
  const match = compileSearch(ui.search);
  const filter = ui.filter ? new Set(ui.filter) : null;
  const list: TrialView[] = [];
  for (const trial of among === undefined ? view.trials.values() : trialsOf(view, among)) {
    if (part !== 'all' && activeRank(trial) < 2 !== (part === 'active')) continue;
    if (filter && !filter.has(trial.snapshot.state)) continue;
    if (match && !match(trial)) continue;
    list.push(trial);
  }
  list.sort(comparator(view, ui.sort.key, ui.sort.reverse ? -1 : 1));
  return list.map((t) => t.snapshot.id);
}

/**
 * The running and paused trials. Which they are changes only with a state change (the revision),
 * so a caller keeps the list per revision and sorts the active part of each batch of metrics
 * among them, not among all 10,000 trials.
 */
export function activeTrialIds(view: SweepView): number[] {
  const ids: number[] = [];
  for (const trial of view.trials.values()) if (activeRank(trial) < 2) ids.push(trial.snapshot.id);
  return ids;
}

function* trialsOf(view: SweepView, ids: readonly number[]): Iterable<TrialView> {
  for (const id of ids) {
    const trial = view.trials.get(id);
    if (trial) yield trial;
  }
}

/** The default order from its two parts: active first, or last when the order is reversed. */
export function joinByActivity(active: readonly number[], settled: readonly number[], reverse: boolean): number[] {
  return reverse ? [...settled, ...active] : [...active, ...settled];
}

/** `dir` -1 reverses the key, not the ties (by id) nor where trials without an objective go. */
function comparator(view: SweepView, key: UiState['sort']['key'], dir: 1 | -1): (a: TrialView, b: TrialView) => number {
  const byId = (a: TrialView, b: TrialView) => a.snapshot.id - b.snapshot.id;
  switch (key) {
    case 'id':
      return (a, b) => dir * byId(a, b);
    case 'state':
      return (a, b) => dir * (STATE_RANK[a.snapshot.state] - STATE_RANK[b.snapshot.state]) || byId(a, b);
    case 'runtime': {
      const now = view.now;
      return (a, b) => dir * (runtimeOf(b, now) - runtimeOf(a, now)) || byId(a, b);
    }
    case 'objective':
      return byObjective(view, dir);
    case 'active': {
      const objective = byObjective(view, dir);
      return (a, b) => dir * (activeRank(a) - activeRank(b)) || objective(a, b);
    }
    default:
      return byObjective(view, dir, objectiveIndexOf(key) ?? 0);
  }
}

/**
 * Best first for the goal of objective `index` (the first, unless a sweep of several is sorted by
 * another); trials with nothing (or NaN) to compare go last.
 */
function byObjective(view: SweepView, dir: 1 | -1, index = 0): (a: TrialView, b: TrialView) => number {
  const goal = index === 0 ? view.info.metric.goal : (view.info.objectives?.[index]?.goal ?? 'minimize');
  const sign = (goal === 'minimize' ? 1 : -1) * dir;
  const valueOf = index === 0 ? objectiveOf : (trial: TrialView) => furtherObjectiveOf(trial, index);
  return (a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.snapshot.id - b.snapshot.id;
    return sign * (x - y) || a.snapshot.id - b.snapshot.id;
  };
}

function activeRank(trial: TrialView): number {
  const { state } = trial.snapshot;
  return state === 'running' ? 0 : state === 'paused' ? 1 : 2;
}

function furtherObjectiveOf(trial: TrialView, index: number): number | null {
  const value = trial.snapshot.objectives?.[index] ?? null;
  return value === null || Number.isNaN(value) ? null : value;
}

function objectiveOf(trial: TrialView): number | null {
  const value = trial.snapshot.best ?? trial.snapshot.objective;
  return value === null || Number.isNaN(value) ? null : value;
}

/**
 * `text` matches any parameter value containing it; `name=text` that parameter (name by prefix);
 * `name<n` / `name>n` compare numbers. Case-insensitive. Returns null for an empty query.
 */
export function compileSearch(query: string): ((trial: TrialView) => boolean) | null {
  const q = query.trim().toLowerCase();
  if (q === '') return null;
  const op = /^([^=<>]+)([=<>])(.*)$/.exec(q);
  if (!op) {
    return (trial) => Object.values(trial.snapshot.params).some((v) => textOf(v).includes(q));
  }
  const [, rawName, sign, rawValue] = op;
  const name = rawName.trim();
  const value = rawValue.trim();
  const limit = Number(value);
  return (trial) =>
    Object.entries(trial.snapshot.params).some(([key, v]) => {
      if (!key.toLowerCase().startsWith(name)) return false;
      if (sign === '=') return textOf(v) === value || String(v).toLowerCase() === value || (typeof v === 'number' && v === limit);
      if (typeof v !== 'number' || !Number.isFinite(limit) || value === '') return false;
      return sign === '<' ? v < limit : v > limit;
    });
}

function textOf(value: unknown): string {
  return formatParam(value as never).toLowerCase();
}

/** Where the cursor is: the selected trial's row, or the remembered row if it left the list. */
export function cursorRow(rows: readonly number[], ui: Pick<UiState, 'cursorId' | 'cursorIndex'>): number {
  if (rows.length === 0) return 0;
  if (ui.cursorId !== null) {
    const index = rows.indexOf(ui.cursorId);
    if (index !== -1) return index;
  }
  return Math.min(Math.max(0, ui.cursorIndex), rows.length - 1);
}

export function selectedTrial(view: SweepView, rows: readonly number[], ui: UiState): TrialView | undefined {
  if (rows.length === 0) return undefined;
  return view.trials.get(rows[cursorRow(rows, ui)]);
}

/** Parameters by how varied they are (most first), ties in declaration order. */
export function rankedParams(view: SweepView): string[] {
  return view.params
    .map((p, index) => ({ p, index }))
    .sort((a, b) => b.p.distinct - a.p.distinct || a.index - b.index)
    .map(({ p }) => p.name);
}
