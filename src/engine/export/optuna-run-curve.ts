/**
 * Intermediate values for a trial made of runs, which Optuna knows as one trial. Each run's own
 * curve stays with that run; what Optuna is given is the trial's objective as it grew run by run:
 *
 * - folds or repeats: value j is the results of runs 0..j (index order) combined by
 *   `metric.combine`, the objective the trial would have had after j + 1 runs, as pruning across
 *   runs judges it; the curve ends at the first run that did not complete with a result;
 * - a budget sweep: the step is the level's index (0 for the smallest budget), as the trial's own
 *   `step` is, and the value is that level's result: a trial started at level 1 begins at step 1.
 */
import { decodeNumber } from '../../plugin-api/json-number.js';
import { combineResults, type ObjectiveSpec } from '../metrics/objective.js';
import type { TrialRecord } from '../state/records.js';

export function runsCurve(trial: TrialRecord, combine: ObjectiveSpec['combine']): Array<{ step: number; value: number }> {
  const runs = [...(trial.runs ?? [])].sort((a, b) => a.index - b.index);
  const curve: Array<{ step: number; value: number }> = [];
  if (trial.ladder) {
    for (const [i, run] of runs.entries()) {
      const result = run.state === 'completed' ? decodeNumber(run.objective) : undefined;
      if (result !== undefined) curve.push({ step: trial.ladder.startLevel + i, value: result });
    }
    return curve;
  }
  const results: number[] = [];
  for (const run of runs) {
    const result = run.state === 'completed' ? decodeNumber(run.objective) : undefined;
    if (result === undefined) break;
    results.push(result);
    curve.push({ step: results.length - 1, value: combineResults(results, combine) });
  }
  return curve;
}
