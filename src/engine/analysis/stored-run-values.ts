/**
 * The leading trials of a stored sweep with each run's result, for judging whether the best is
 * distinguishable from the next: the contexts (folds, seeds) of their objective, read again
 * from their recorded points and reduced as the objective reduces them.
 */
import { decodeNumber } from '../../plugin-api/json-number.js';
import { outranks, type ObjectiveSpec } from '../metrics/objective.js';
import { TrialMetrics } from '../metrics/trial-metrics.js';
import type { StoredSweep } from '../state/load-sweep.js';
import type { TrialRecord } from '../state/records.js';
import type { TrialRunValues } from './winner-distinction.js';

/**
 * The `count` best completed trials by their recorded objective, best first, each with its
 * contexts' results (points reported after a prune left out, as the run left them out).
 */
export async function leadingRunValues(
  sweep: Pick<StoredSweep, 'trials' | 'points'>,
  spec: ObjectiveSpec,
  count: number,
): Promise<TrialRunValues[]> {
  const ranked: { record: TrialRecord; value: number }[] = [];
  for (const record of sweep.trials) {
    const value = decodeNumber(record.objective);
    if (record.state === 'completed' && value !== undefined && !Number.isNaN(value)) ranked.push({ record, value });
  }
  ranked.sort((a, b) => (outranks(a.value, a.record.id, { value: b.value, id: b.record.id }, spec.goal) ? -1 : 1));
  return Promise.all(
    ranked.slice(0, count).map(async ({ record }) => {
      const metrics = new TrialMetrics(spec);
      for (const point of await sweep.points(record.id)) {
        if (!point.afterPrune) metrics.record(point.name, point.step, point.value, point.context);
      }
      return { id: record.id, runs: metrics.results };
    }),
  );
}
