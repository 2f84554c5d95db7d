/**
 * A finished trial with runs, as replay takes it: each run it ran, in index order, up to the
 * first that did not complete (a trial ends with such a run), with its objective's reports in
 * its context as recorded (the last value per step and context) and its own recorded result.
 * Points printed after a prune are left out: they were never judged. A budget sweep's run n is
 * its trial's level start + n (as the sweep restores it), with how long it ran and when each
 * report came, from its start: replay runs it in that time (budget-replay.ts).
 */
import { decodeNumber } from '../../plugin-api/json-number.js';
import { isFinished } from '../../plugin-api/trial-state.js';
import type { StoredPoint } from '../state/metric-log.js';
import type { TrialRecord } from '../state/records.js';
import type { FinishedState } from '../trial/lifecycle.js';
import type { ReplayCurve, ReplayRun } from './replay.js';

/** `folds`: the sweep's (null when it varies repeats only); the trial's own repeats follow from its runs. */
export function runCurve(trial: TrialRecord, points: readonly StoredPoint[], metric: string, folds: number | null): ReplayCurve {
  const recorded = trial.runs ?? [];
  const runs: ReplayRun[] = [];
  for (const run of recorded) {
    if (!isFinished(run.state)) break;
    const started = run.startedAt ?? 0;
    runs.push({
      key: run.key,
      points: reports(points, metric, run.key, trial.ladder ? started : null),
      result: decodeNumber(run.objective) ?? Number.NaN,
      endState: run.state as FinishedState,
      ...(trial.ladder && {
        level: trial.ladder.startLevel + runs.length,
        durationMs: run.startedAt !== null && run.endedAt !== null ? run.endedAt - run.startedAt : run.runtimeMs,
      }),
    });
    if (run.state !== 'completed') break;
  }
  const perRepeat = folds ?? 1;
  return {
    id: String(trial.id),
    points: runs.flatMap((run) => run.points),
    endState: trial.state,
    runs,
    layout: { folds: perRepeat, repeats: Math.max(1, Math.round(recorded.length / perRepeat)) },
    objective: decodeNumber(trial.objective) ?? Number.NaN,
    ...(trial.ladder && { ladder: trial.ladder }),
  };
}

/** `startedAt`: the run's start (unix ms), to time each report from; null: untimed. */
function reports(points: readonly StoredPoint[], metric: string, key: string, startedAt: number | null): ReplayRun['points'] {
  const byStep = new Map<string, ReplayRun['points'][number]>();
  for (const point of points) {
    const context = point.context ?? '';
    if (point.name !== metric || point.afterPrune || !(context === key || context.startsWith(`${key} `))) continue;
    const at = `${context}\0${point.step}`;
    const report = { step: point.step, value: point.value, context, ...(startedAt !== null && { atMs: point.time - startedAt }) };
    // the last value per step, in the place of its first
    if (byStep.has(at)) Object.assign(byStep.get(at)!, report);
    else byStep.set(at, report);
  }
  return [...byStep.values()];
}
