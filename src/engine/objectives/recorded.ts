/**
 * Every objective's value of a recorded trial, read the one way every reader needs: a trial of a
 * sweep of several objectives records them all in `objectives`; one of a single-objective sweep
 * (or recorded before sweeps had several) has only `objective`, its first and only one.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { decodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { isComplete, paretoFront } from './pareto.js';

export interface RecordedObjectives {
  objective: JsonNumber | null;
  objectives?: ReadonlyArray<JsonNumber | null>;
}

export function recordedObjectives(record: RecordedObjectives): Array<number | null> {
  const values = record.objectives ?? [record.objective];
  return values.map((value) => decodeNumber(value) ?? null);
}

/** The Pareto front of a sweep's completed trials, and how many completed trials could not be placed. */
export interface FrontReport<T> {
  /** Completed trials no other completed trial dominates (pareto.ts), by the first objective, best first; ties by id. */
  front: T[];
  /** Completed trials missing a value (or NaN) in some objective: on no front, and said so. */
  incomplete: T[];
}

/**
 * The front among completed trials only, as `best` ranks completed trials only: a running trial's
 * values may still change, and a pruned or failed one did not finish its training.
 */
export function frontOf<T extends RecordedObjectives & { id: number; state: string }>(
  trials: readonly T[],
  objectives: ReadonlyArray<Pick<ObjectiveSpec, 'goal'>>,
): FrontReport<T> {
  const completed = trials.filter((trial) => trial.state === 'completed');
  const goals: Goal[] = objectives.map((objective) => objective.goal);
  const points = completed.map((trial) => ({ id: trial.id, values: recordedObjectives(trial) }));
  const onFront = new Set(paretoFront(points, goals));
  const sign = goals[0] === 'maximize' ? -1 : 1;
  const first = (trial: T) => recordedObjectives(trial)[0] as number;
  const front = completed.filter((trial) => onFront.has(trial.id)).sort((a, b) => sign * (first(a) - first(b)) || a.id - b.id);
  const incomplete = completed.filter((_, i) => !isComplete(points[i], goals.length));
  return { front, incomplete };
}
