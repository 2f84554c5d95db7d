/**
 * Offline replay: recorded learning curves fed through a pruner as if the sweep ran again, to
 * see what the pruner would have done. Deterministic: a function of the curves, their order,
 * the pruner and the concurrency.
 *
 * Time model (`concurrency` N ≥ 1; N = 1 is strictly sequential):
 *   - trials start in the given order, N at a time; a trial started at time t makes its k-th
 *     report (k = 1, 2, …) at time t + k, and stops reporting once pruned;
 *   - reports at the same time are handled in the given order;
 *   - a trial ends at the time of its last report (or of the report that pruned it); it counts
 *     as completed — part of the reference set — from the next time on;
 *   - its slot is freed at once: the next trial starts at that same time.
 */
import type { Pruner } from '../../plugin-api/pruner.js';
import type { Goal } from '../../plugin-api/plugin.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import { createPruningStudy } from './study.js';

export interface ReplayCurve {
  /** The id shown to the user. */
  id: string;
  /** Reports in the order they were made (ascending step). Values in the user's units. */
  points: Array<{ step: number; value: number }>;
  /** State the trial takes on reaching its last report: `completed` unless it was cut short. */
  endState: TrialState;
}

export interface ReplayTrialResult {
  id: string;
  pruned: boolean;
  /** Step of the report that pruned it. */
  prunedAtStep: number | null;
  /** Reports consumed, the pruning one included. */
  stepsRun: number;
  reason: string | null;
}

export interface ReplaySummary {
  stepsRun: number;
  stepsFull: number;
  savedFraction: number;
  /** Best final value among completed trials the pruner let finish. */
  bestKept: string | null;
  /** Best final value among all completed trials. */
  bestOverall: string | null;
  bestSurvived: boolean;
}

export interface ReplayOptions {
  metricName: string;
  goal: Goal;
  concurrency: number;
}

interface Running {
  index: number;
  consumed: number;
}

/**
 * The trial ids the study sees. Hyperband assigns brackets by trial id, so ids that are already
 * distinct non-negative integers (a sweep's ids) are kept; anything else gets its position.
 */
export function studyIds(curves: readonly ReplayCurve[]): number[] {
  const numeric = curves.map((curve) => (/^\d+$/.test(curve.id) ? Number(curve.id) : NaN));
  const usable = numeric.every(Number.isSafeInteger) && new Set(numeric).size === numeric.length;
  return usable ? numeric : curves.map((_, index) => index);
}

export function replay(
  curves: readonly ReplayCurve[],
  pruner: Pruner,
  options: ReplayOptions,
): { trials: ReplayTrialResult[]; summary: ReplaySummary } {
  const study = createPruningStudy(pruner, options);
  const ids = studyIds(curves);
  const results: ReplayTrialResult[] = curves.map((curve) => ({
    id: curve.id,
    pruned: false,
    prunedAtStep: null,
    stepsRun: 0,
    reason: null,
  }));
  let running: Running[] = [];
  let completingNext: number[] = [];
  let nextToStart = 0;

  const startTrials = () => {
    while (running.length < options.concurrency && nextToStart < curves.length) {
      const index = nextToStart++;
      study.addTrial(ids[index]);
      // A trial with no reports ends the moment it starts.
      if (curves[index].points.length === 0) completingNext.push(index);
      else running.push({ index, consumed: 0 });
    }
  };

  startTrials();
  while (running.length > 0 || completingNext.length > 0) {
    for (const index of completingNext) study.setState(ids[index], curves[index].endState);
    completingNext = [];
    const stillRunning: Running[] = [];
    for (const trial of running) {
      const point = curves[trial.index].points[trial.consumed++];
      const decision = study.report(ids[trial.index], point.step, point.value);
      const result = results[trial.index];
      result.stepsRun = trial.consumed;
      if (decision.action === 'prune') {
        Object.assign(result, { pruned: true, prunedAtStep: point.step, reason: decision.reason });
        study.setState(ids[trial.index], 'pruned');
      } else if (trial.consumed === curves[trial.index].points.length) {
        completingNext.push(trial.index);
      } else {
        stillRunning.push(trial);
      }
    }
    running = stillRunning;
    startTrials();
  }
  return { trials: results, summary: summarise(curves, results, options.goal) };
}

function summarise(curves: readonly ReplayCurve[], results: ReplayTrialResult[], goal: Goal): ReplaySummary {
  const stepsFull = curves.reduce((sum, curve) => sum + curve.points.length, 0);
  const stepsRun = results.reduce((sum, result) => sum + result.stepsRun, 0);
  const better = (a: number, b: number) => (goal === 'minimize' ? a < b : a > b);
  let bestOverall: number | null = null;
  let bestKept: number | null = null;
  const finalValue = (index: number) => curves[index].points[curves[index].points.length - 1].value;
  curves.forEach((curve, index) => {
    if (curve.endState !== 'completed' || curve.points.length === 0) return;
    const value = finalValue(index);
    if (Number.isNaN(value)) return;
    if (bestOverall === null || better(value, finalValue(bestOverall))) bestOverall = index;
    if (!results[index].pruned && (bestKept === null || better(value, finalValue(bestKept)))) {
      bestKept = index;
    }
  });
  const idOf = (index: number | null) => (index === null ? null : curves[index].id);
  return {
    stepsRun,
    stepsFull,
    savedFraction: stepsFull === 0 ? 0 : 1 - stepsRun / stepsFull,
    bestKept: idOf(bestKept),
    bestOverall: idOf(bestOverall),
    bestSurvived: bestOverall !== null && !results[bestOverall as number].pruned,
  };
}
