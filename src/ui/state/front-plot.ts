/**
 * What the front view (`o`) draws, from the completed trials of a sweep of several objectives: the
 * Pareto front as the engine gives it (objectives/recorded.ts `frontOf`, the definition `sweeptop
 * best` uses: the screen never decides membership by rules of its own), the points of one pair of
 * objectives, and how many completed trials lack a value. A trial without a value in one of the
 * pair's objectives is counted, never drawn at 0. Pure, so it is tested without rendering.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { frontOf } from '../../engine/objectives/recorded.js';
import type { TrialSnapshot } from '../../engine/events.js';
import type { Marks, ScatterAxis, ScatterPoint } from '../format/scatter.js';
import type { SweepView } from './sweep-view.js';

export interface ObjectiveName {
  name: string;
  goal: Goal;
}

export interface FrontMember {
  id: number;
  /** Every objective's value, in the sweep file's order (all finite or not, as recorded). */
  values: readonly number[];
}

export interface FrontData {
  objectives: readonly ObjectiveName[];
  /** Completed trials with their values (null: not reported, or NaN). */
  completed: readonly { id: number; values: ReadonlyArray<number | null> }[];
  /** The engine's front, in the order `sweeptop best` lists it (first objective, best first; ties by id). */
  front: readonly FrontMember[];
  onFront: ReadonlySet<number>;
  /** Per objective: completed trials without a value for it. */
  lacking: readonly number[];
}

/** From any of the sweep's trials: only the completed ones count, as the engine counts them. */
export function frontData(snapshots: readonly TrialSnapshot[], objectives: readonly ObjectiveName[]): FrontData {
  const trials = snapshots.filter((trial) => trial.state === 'completed');
  const { front } = frontOf(trials, objectives);
  const rows = trials.map((trial) => ({ id: trial.id, values: valuesOf(trial, objectives.length) }));
  const lacking = objectives.map((_, i) => rows.filter((row) => row.values[i] === null).length);
  const members = front.map((trial) => ({ id: trial.id, values: valuesOf(trial, objectives.length) as number[] }));
  return { objectives, completed: rows, front: members, onFront: new Set(members.map((m) => m.id)), lacking };
}

function valuesOf(trial: TrialSnapshot, count: number): Array<number | null> {
  const recorded = trial.objectives ?? [trial.objective];
  return Array.from({ length: count }, (_, i) => {
    const value = recorded[i];
    return value === null || value === undefined || Number.isNaN(value) ? null : value;
  });
}

/**
 * The front's ids in the list's order for the `pairIndex`-th pair, straight from the view: for a
 * key pressed before the view has drawn the front once (the App hands the drawn ids otherwise).
 */
export function frontIdsOf(view: SweepView, pairIndex: number): number[] {
  const objectives = view.info.objectives ?? [view.info.metric];
  if (objectives.length < 2) return [];
  const snapshots = [...view.trials.values()].map((trial) => trial.snapshot);
  const data = frontData(snapshots, objectives);
  return frontInOrder(data, pairAt(objectives.length, pairIndex)[0]).map((member) => member.id);
}

/** The pairs of objectives the view cycles through: (1st, 2nd) first, then every other pair in order. */
export function objectivePairs(count: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let x = 0; x < count; x++) for (let y = x + 1; y < count; y++) pairs.push([x, y]);
  return pairs;
}

/** The `index`-th pair, wrapping around (the key only counts presses). */
export function pairAt(count: number, index: number): [number, number] {
  const pairs = objectivePairs(count);
  return pairs[((index % pairs.length) + pairs.length) % pairs.length];
}

/**
 * The front in the order the list shows it: by the x objective, best first, ties by id. For the
 * first pair this is `sweeptop best`'s order.
 */
export function frontInOrder(data: FrontData, x: number): FrontMember[] {
  const sign = data.objectives[x].goal === 'maximize' ? -1 : 1;
  return [...data.front].sort((a, b) => sign * (a.values[x] - b.values[x]) || a.id - b.id);
}

export type FrontPointKind = 'dominated' | 'front' | 'selected';

/** By shape as well as colour: a terminal without colour still tells a member from a dominated trial. */
export const FRONT_MARKS: Marks<FrontPointKind> = {
  dominated: { glyph: '●', rank: 0 },
  front: { glyph: '★', rank: 1 },
  selected: { glyph: '◆', rank: 2 },
};

export interface PairPlot {
  points: ScatterPoint<FrontPointKind>[];
  axis: ScatterAxis;
  /** Completed trials left out because a value of the pair cannot be drawn (infinite). */
  unplaceable: number;
}

/** The completed trials with both of the pair's values, as points; the selected front member marked apart. */
export function pairPlot(data: FrontData, [x, y]: readonly [number, number], selected: number | null): PairPlot {
  const points: ScatterPoint<FrontPointKind>[] = [];
  let low = Infinity;
  let high = -Infinity;
  let unplaceable = 0;
  for (const trial of data.completed) {
    const xValue = trial.values[x];
    const yValue = trial.values[y];
    // lacking a value: counted in `lacking`, never drawn
    if (xValue === null || yValue === null) continue;
    if (!Number.isFinite(xValue) || !Number.isFinite(yValue)) {
      unplaceable++;
      continue;
    }
    const kind = trial.id === selected ? 'selected' : data.onFront.has(trial.id) ? 'front' : 'dominated';
    points.push({ x: xValue, y: yValue, kind });
    if (xValue < low) low = xValue;
    if (xValue > high) high = xValue;
  }
  if (low > high) [low, high] = [0, 1];
  return { points, axis: { kind: 'linear', low, high }, unplaceable };
}

/**
 * The corner where better trials lie, as an arrow: a maximised x is better to the right, a
 * maximised y better up (the plot puts the largest value on top).
 */
export function betterCorner(xGoal: Goal, yGoal: Goal): string {
  const right = xGoal === 'maximize';
  const up = yGoal === 'maximize';
  if (up) return right ? '↗' : '↖';
  return right ? '↘' : '↙';
}

/** ↑ max / ↓ min: how an objective's goal is written beside its name. */
export function goalMark(goal: Goal): string {
  return goal === 'maximize' ? '↑ max' : '↓ min';
}
