/**
 * The Pareto front of a multi-objective sweep: the trials no other trial dominates. Trial `a`
 * dominates `b` when `a` is at least as good in every objective and better in one; two trials
 * with equal values dominate neither, so both stay on the front (as in Optuna's
 * `study.best_trials`).
 *
 * Goals are turned into signs once (a maximised value is negated), so that the sorting below
 * always minimises and never asks a goal again.
 *
 * A trial missing any objective value (never reported, or NaN) cannot be compared in that
 * objective: it is on no front and has no rank. Callers say so where they list the front.
 */
import type { Goal } from '../../plugin-api/plugin.js';

export interface ObjectivePoint {
  id: number;
  /** One value per objective, in the order of the goals; null when not reported. */
  values: ReadonlyArray<number | null>;
}

/**
 * The front's ids, in the order the points were given: rank 0 of nonDominatedRanks, found without
 * ranking the rest. A trial that dominates another comes before it in lexicographic order of the
 * costs, so in that order a trial is on the front exactly when no member found so far dominates
 * it (whatever dominates it is dominated by, or is, such a member). O(n log n + n · front ·
 * objectives): at 10,000 trials a few milliseconds where ranking them all took seconds, and the
 * TUI asks it each time a trial completes.
 */
export function paretoFront(points: readonly ObjectivePoint[], goals: readonly Goal[]): number[] {
  const comparable = costsOf(points, goals);
  const order = comparable.map((_, i) => i).sort((a, b) => lexicographic(comparable[a].costs, comparable[b].costs));
  const members: number[] = [];
  const onFront = new Array<boolean>(comparable.length).fill(false);
  for (const i of order) {
    if (members.some((j) => compare(comparable[j].costs, comparable[i].costs) < 0)) continue;
    members.push(i);
    onFront[i] = true;
  }
  return comparable.flatMap((point, i) => (onFront[i] ? [point.id] : []));
}

/** The complete points, each objective turned into a cost to minimise. */
function costsOf(points: readonly ObjectivePoint[], goals: readonly Goal[]): Array<{ id: number; costs: number[] }> {
  const signs = goals.map((goal) => (goal === 'maximize' ? -1 : 1));
  return points
    .filter((point) => isComplete(point, goals.length))
    .map((point) => ({ id: point.id, costs: signs.map((sign, i) => sign * (point.values[i] as number)) }));
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * Non-dominated sorting: rank 0 is the front, rank 1 the front once rank 0 is set aside, and so
 * on. Points with a missing or NaN value are left out (see above). O(n² · objectives): a sweep
 * has hundreds to a few thousand trials, and this runs on a command, not per metric point.
 */
export function nonDominatedRanks(points: readonly ObjectivePoint[], goals: readonly Goal[]): Array<{ id: number; rank: number }> {
  const comparable = costsOf(points, goals);
  const dominatedBy = comparable.map(() => 0);
  const dominates: number[][] = comparable.map(() => []);
  for (let a = 0; a < comparable.length; a++) {
    for (let b = a + 1; b < comparable.length; b++) {
      const order = compare(comparable[a].costs, comparable[b].costs);
      if (order < 0) {
        dominates[a].push(b);
        dominatedBy[b]++;
      } else if (order > 0) {
        dominates[b].push(a);
        dominatedBy[a]++;
      }
    }
  }
  const ranks = comparable.map(() => -1);
  let current = comparable.flatMap((_, i) => (dominatedBy[i] === 0 ? [i] : []));
  for (let rank = 0; current.length > 0; rank++) {
    const next: number[] = [];
    for (const i of current) {
      ranks[i] = rank;
      for (const j of dominates[i]) if (--dominatedBy[j] === 0) next.push(j);
    }
    current = next;
  }
  return comparable.map((point, i) => ({ id: point.id, rank: ranks[i] }));
}

/** Whether every objective has a value to compare: a NaN or a missing one has none. */
export function isComplete(point: ObjectivePoint, objectives: number): boolean {
  if (point.values.length < objectives) return false;
  for (let i = 0; i < objectives; i++) {
    const value = point.values[i];
    if (value === null || value === undefined || Number.isNaN(value)) return false;
  }
  return true;
}

/** -1: `a` dominates `b`; 1: `b` dominates `a`; 0: neither (equal, or each better somewhere). */
function compare(a: readonly number[], b: readonly number[]): -1 | 0 | 1 {
  let aBetter = false;
  let bBetter = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) aBetter = true;
    else if (b[i] < a[i]) bBetter = true;
    if (aBetter && bBetter) return 0;
  }
  if (aBetter) return -1;
  if (bBetter) return 1;
  return 0;
}
