/**
 * A trial's Optuna state and values: one value per objective, as Optuna 3.1 keeps them in
 * `trial_values`. Optuna holds a COMPLETE trial only with a number for every objective (a trial
 * that returns NaN, or too few values, it records as FAIL), and a PRUNED trial of a study of
 * several objectives has no values at all (3.1's `tell` reads a pruned trial's value from its last
 * intermediate value, which such a study never has). What Optuna has no place for is returned as
 * user attributes, and said in `notices`.
 */
import { decodeNumber } from '../../plugin-api/json-number.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import { recordedObjectives } from '../objectives/recorded.js';
import type { ExportRow } from '../state/export-rows.js';
import type { TrialRecord } from '../state/records.js';

export type OptunaTrialState = 'RUNNING' | 'COMPLETE' | 'PRUNED' | 'FAIL' | 'WAITING';

const OPTUNA_STATE: Record<TrialState, OptunaTrialState> = {
  queued: 'WAITING',
  pending: 'RUNNING',
  running: 'RUNNING',
  paused: 'RUNNING',
  completed: 'COMPLETE',
  pruned: 'PRUNED',
  failed: 'FAIL',
  killed: 'FAIL',
  timed_out: 'FAIL',
  lost: 'FAIL',
};

export interface OptunaTrialValues {
  state: OptunaTrialState;
  /** One per objective, in the sweep's order; null: the trial has none in Optuna. */
  values: number[] | null;
  /** The values Optuna gives no place (a FAIL trial's so far), as user attributes. */
  kept: Record<string, unknown>;
}

/** `row` is the trial's export row (with its `objectives` by name when there are several). */
export function optunaTrialValues(
  trial: TrialRecord,
  row: ExportRow,
  objectives: readonly ObjectiveSpec[],
  notices: string[],
): OptunaTrialValues {
  return objectives.length > 1 ? severalValues(trial, row, objectives, notices) : oneValue(trial, row, notices);
}

function oneValue(trial: TrialRecord, row: ExportRow, notices: string[]): OptunaTrialValues {
  const objective = decodeNumber(trial.objective);
  let state = OPTUNA_STATE[trial.state];
  if (state === 'COMPLETE' && (objective === undefined || Number.isNaN(objective))) {
    state = 'FAIL';
    notices.push(`trial ${trial.id}: completed without a numeric objective; written as FAIL (sweeptop_state says completed)`);
  }
  const hasValue = (state === 'COMPLETE' || state === 'PRUNED') && objective !== undefined && !Number.isNaN(objective);
  if (state === 'COMPLETE' && objective === Number.POSITIVE_INFINITY) {
    // Optuna 3.1 stores +inf as NULL and ranks by SQL ORDER BY value, where NULL sorts first
    // (ascending) or last (descending): best_trial is then this trial when minimizing and never
    // it when maximizing, unlike -inf, which lands where it belongs either way
    notices.push(
      `trial ${trial.id}: objective inf; Optuna's SQL storage sorts it as a missing value, so Optuna's best_trial does not rank this trial as sweeptop does`,
    );
  }
  return { state, values: hasValue ? [objective!] : null, kept: hasValue ? {} : { objective: row.objective } };
}

/**
 * Every objective or none. Infinities are kept: Optuna stores them as a value type and reads them
 * back as such, and `study.best_trials` compares them in Python, as `sweeptop best` does.
 */
function severalValues(trial: TrialRecord, row: ExportRow, objectives: readonly ObjectiveSpec[], notices: string[]): OptunaTrialValues {
  const values = recordedObjectives(trial).slice(0, objectives.length);
  const lacking = objectives.filter((_, i) => values[i] === null || values[i] === undefined || Number.isNaN(values[i]));
  let state = OPTUNA_STATE[trial.state];
  if (state === 'COMPLETE' && lacking.length > 0) {
    state = 'FAIL';
    notices.push(
      `trial ${trial.id}: completed without a numeric value of every objective (${lacking.map((o) => o.name).join(', ')}); ` +
        'written as FAIL (sweeptop_state says completed)',
    );
  }
  if (state === 'COMPLETE') return { state, values: values as number[], kept: {} };
  const held = Object.values(row.objectives ?? {}).some((value) => value !== null);
  return { state, values: null, kept: held ? { objectives: row.objectives } : {} };
}
