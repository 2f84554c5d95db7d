/**
 * The leading trials of a stored sweep with each run's result, for judging whether the best is
 * distinguishable from the next. A sweep with folds or repeats records each run's own result in
 * its trial's record, keyed by run (`fold 2 repeat 1`): those are the values paired. A trial
 * without runs whose objective combines contexts has them read again from its recorded points,
 * reduced as the objective reduces them.
 */
import { decodeNumber } from '../../plugin-api/json-number.js';
import type { Goal } from '../../plugin-api/plugin.js';
import { outranks, type ObjectiveSpec } from '../metrics/objective.js';
import { TrialMetrics } from '../metrics/trial-metrics.js';
import type { StoredSweep } from '../state/load-sweep.js';
import type { TrialRecord } from '../state/records.js';
import type { TrialRunValues } from './winner-distinction.js';

/**
 * The `count` best completed trials by their recorded objective, best first, each with its runs'
 * (or contexts') results; a run without a recorded result is left out, as the objective left it out.
 */
export async function leadingRunValues(
  sweep: Pick<StoredSweep, 'trials' | 'points'>,
  spec: ObjectiveSpec,
  count: number,
): Promise<TrialRunValues[]> {
  return Promise.all(
    leadingTrials(sweep.trials, spec.goal, count).map(async (record) => ({
      id: record.id,
      runs: record.runs ? recordedRunValues(record) : await contextValues(sweep, record, spec),
    })),
  );
}

/** The `count` best completed trials by their recorded objective, best first (ties: the lower id). */
export function leadingTrials(trials: readonly TrialRecord[], goal: Goal, count: number): TrialRecord[] {
  const ranked: { record: TrialRecord; value: number }[] = [];
  for (const record of trials) {
    const value = decodeNumber(record.objective);
    if (record.state === 'completed' && value !== undefined && !Number.isNaN(value)) ranked.push({ record, value });
  }
  ranked.sort((a, b) => (outranks(a.value, a.record.id, { value: b.value, id: b.record.id }, goal) ? -1 : 1));
  return ranked.slice(0, count).map(({ record }) => record);
}

function recordedRunValues(record: TrialRecord): Map<string, number> {
  const values = new Map<string, number>();
  for (const run of record.runs ?? []) {
    const value = decodeNumber(run.objective);
    if (value !== undefined) values.set(run.key, value);
  }
  return values;
}

async function contextValues(
  sweep: Pick<StoredSweep, 'points'>,
  record: TrialRecord,
  spec: ObjectiveSpec,
): Promise<ReadonlyMap<string, number>> {
  const metrics = new TrialMetrics(spec);
  for (const point of await sweep.points(record.id)) {
    if (!point.afterPrune) metrics.record(point.name, point.step, point.value, point.context);
  }
  return metrics.results;
}
