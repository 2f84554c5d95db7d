/**
 * Every objective's value of a recorded trial, read the one way every reader needs: a trial of a
 * sweep of several objectives records them all in `objectives`; one of a single-objective sweep
 * (or recorded before sweeps had several) has only `objective`, its first and only one.
 */
import type { Goal } from '../../plugin-api/plugin.js';
import { decodeNumber, type JsonNumber } from '../../plugin-api/json-number.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { paretoFront } from './pareto.js';

export interface RecordedObjectives {
  objective: JsonNumber | null;
  objectives?: ReadonlyArray<JsonNumber | null>;
}

export function recordedObjectives(record: RecordedObjectives): Array<number | null> {
  const values = record.objectives ?? [record.objective];
  return values.map((value) => decodeNumber(value) ?? null);
}

/**
 * The completed trials no other completed trial dominates (pareto.ts), in the given order. With one
 * objective this is every trial sharing the best value; `best` keeps its own rule (ties: lowest id).
 */
export function frontOf<T extends RecordedObjectives & { id: number; state: string }>(
  trials: readonly T[],
  objectives: ReadonlyArray<Pick<ObjectiveSpec, 'goal'>>,
): T[] {
  const completed = trials.filter((trial) => trial.state === 'completed');
  const goals: Goal[] = objectives.map((objective) => objective.goal);
  const onFront = new Set(
    paretoFront(
      completed.map((trial) => ({ id: trial.id, values: recordedObjectives(trial) })),
      goals,
    ),
  );
  return completed.filter((trial) => onFront.has(trial.id));
}
