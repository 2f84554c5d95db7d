/**
 * One finished trial scored again by another objective, from its recorded points: the fields of
 * its record that change. Its state does not: a pruned trial stays pruned, judged where it was
 * pruned (points flagged afterPrune are not counted, as the run did not count them). What it had
 * before is kept, last, in `rescored`.
 */
import { encodeNullableNumber } from '../../plugin-api/json-number.js';
import { TrialMetrics } from '../metrics/trial-metrics.js';
import type { ObjectiveSpec } from '../metrics/objective.js';
import type { StoredPoint } from '../state/metric-log.js';
import type { RescoredObjective, TrialRecord } from '../state/records.js';
import { unreported } from '../sweep/outcome.js';

/** Set to undefined, a field is removed (it applies to the old objective only). */
export type RescoredFields = Pick<
  TrialRecord,
  'objective' | 'best' | 'step' | 'steps' | 'contexts' | 'spread' | 'objectiveSource' | 'reason'
> & {
  rescored: RescoredObjective[];
};

/** `at`: Unix ms of the rescore, recorded with the objective it replaces. */
export function rescoreTrial(
  record: TrialRecord,
  points: Iterable<StoredPoint>,
  spec: ObjectiveSpec,
  previous: ObjectiveSpec,
  at: number,
): RescoredFields {
  const metrics = new TrialMetrics(spec);
  for (const point of points) if (!point.afterPrune) metrics.record(point.name, point.step, point.value, point.context);
  const folds = metrics.contexts > 1;
  const before: RescoredObjective = {
    at,
    metric: { name: previous.name, goal: previous.goal, value: previous.value, combine: previous.combine },
    objective: record.objective,
    best: record.best,
    state: record.state,
  };
  return {
    objective: encodeNullableNumber(metrics.objective),
    best: encodeNullableNumber(metrics.best),
    step: metrics.step,
    steps: metrics.steps,
    contexts: folds ? metrics.contexts : undefined,
    spread: folds ? encodeNullableNumber(metrics.spread) : undefined,
    objectiveSource: metrics.source ?? undefined,
    reason: reasonAfter(record, previous.name, spec.name, metrics.objective),
    rescored: [...(record.rescored ?? []), before],
  };
}

/**
 * A completed trial's reason says whether it reported the objective (outcome.ts): it follows the
 * new objective. Every other reason (why it failed, who pruned or killed it) stays.
 */
function reasonAfter(record: TrialRecord, previousName: string, name: string, objective: number | null): string | null {
  if (record.state !== 'completed') return record.reason;
  if (record.reason !== null && record.reason !== unreported(previousName)) return record.reason;
  return objective === null ? unreported(name) : null;
}
