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
 *
 * A trial with runs (folds × repeats) makes the reports of its runs one run after another, in
 * index order (`runs_parallel` 1), each in its run's context, so that the pruner judges a run
 * against the same run of the other trials as the live sweep does (context-studies.ts). Each
 * time one of its runs completes, pruning across runs judges it as the live sweep does
 * (across-runs.ts), against every other trial's runs completed by then.
 *
 * A budget sweep replays by a time model of its own, its promotions decided by the live sweep's
 * rules (budget-replay.ts).
 */
import type { Pruner } from '../../plugin-api/pruner.js';
import type { Goal } from '../../plugin-api/plugin.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import type { FinishedState } from '../trial/lifecycle.js';
import { runEndReason } from '../sweep/run-end-reason.js';
import { type AcrossRunsSettings, decideAcrossRuns, type RunLayout } from './across-runs.js';
import { createPruningStudy } from './study.js';

export interface ReplayCurve {
  /** The id shown to the user. */
  id: string;
  /** Reports in the order they were made (ascending step). Values in the user's units. */
  points: Array<{ step: number; value: number }>;
  /** State the trial takes on reaching its last report: `completed` unless it was cut short. */
  endState: TrialState;
  /**
   * A trial with folds or repeats: the runs it ran, in index order, up to the first that did not
   * complete; `points` is then unused. `layout` gives its number of runs and what they are called.
   */
  runs?: ReplayRun[];
  layout?: RunLayout;
  /** A trial with runs: its objective as recorded (its runs' results combined), what `best` ranks. */
  objective?: number;
  /** A budget sweep's trial: its Hyperband bracket (null under asha) and start level, as recorded. */
  ladder?: { bracket: number | null; startLevel: number };
}

export interface ReplayRun {
  /** Its context in the trial's objective: `fold 2`. */
  key: string;
  /**
   * Its objective's reports as made, each in its context (`fold 2`, or a context inside it); in a
   * budget sweep, `atMs` is when it came, counted from the run's start.
   */
  points: Array<{ step: number; value: number; context: string; atMs?: number }>;
  /** Its own result, as its trial's objective combines it; NaN when it has none. */
  result: number;
  endState: FinishedState;
  /** A budget sweep's run: the index of its level, and how long it ran. */
  level?: number;
  durationMs?: number;
}

export interface ReplayTrialResult {
  id: string;
  pruned: boolean;
  /** Step of the report that pruned it. */
  prunedAtStep: number | null;
  /** Reports consumed, the pruning one included. */
  stepsRun: number;
  reason: string | null;
  /** A trial with runs: the runs it started, and the index of the run in or after which it was pruned. */
  runsRun?: number;
  prunedAtRun?: number | null;
  /** A budget sweep: the level it stopped at (or completed), that level's budget, and a promotion to a level never run. */
  level?: number | null;
  budget?: number | null;
  noRecord?: { level: number; budget: number } | null;
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
  /** With runs: the runs started with the pruner, of those recorded. */
  runsRun?: number;
  runsFull?: number;
  runsSavedFraction?: number;
  /** A budget sweep: the budgets of the level runs started, of those recorded; promotions to a level never run. */
  budgetRun?: number;
  budgetRecorded?: number;
  budgetSavedFraction?: number;
  promotionsWithoutRecord?: number;
}

export interface ReplayOptions {
  metricName: string;
  goal: Goal;
  concurrency: number;
  /** Pruning across runs, for trials with runs; null or absent: none. */
  acrossRuns?: AcrossRunsSettings | null;
}

interface Running {
  index: number;
  /** The run it is in (0 for a trial without runs), and the reports of it consumed. */
  run: number;
  consumed: number;
}

/** What a trial without runs replays as: one run, its own curve. */
interface Segment {
  key: string | null;
  points: ReadonlyArray<{ step: number; value: number; context?: string }>;
  result: number;
  endState: TrialState;
}

function segmentsOf(curve: ReplayCurve): readonly Segment[] {
  return curve.runs ?? [{ key: null, points: curve.points, result: Number.NaN, endState: curve.endState }];
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

/** A trial's replay before its first step: nothing run, nothing decided. */
export function startingResult(curve: ReplayCurve): ReplayTrialResult {
  return {
    id: curve.id,
    pruned: false,
    prunedAtStep: null,
    stepsRun: 0,
    reason: null,
    ...(curve.runs && { runsRun: 0, prunedAtRun: null }),
  };
}

export function replay(
  curves: readonly ReplayCurve[],
  pruner: Pruner,
  options: ReplayOptions,
): { trials: ReplayTrialResult[]; summary: ReplaySummary } {
  const study = createPruningStudy(pruner, options);
  const ids = studyIds(curves);
  const segments = curves.map(segmentsOf);
  const results = curves.map(startingResult);
  /** Per trial: its runs' results completed so far, and whether it completed all of them. */
  const runValues: number[][] = curves.map(() => []);
  const completed = curves.map(() => false);
  let running: Running[] = [];
  let completingNext: number[] = [];
  let nextToStart = 0;

  const prune = (index: number, at: { step: number | null; run: number | null }, reason: string | null) => {
    Object.assign(results[index], { pruned: true, prunedAtStep: at.step, reason }, curves[index].runs && { prunedAtRun: at.run });
    study.setState(ids[index], 'pruned');
  };

  /** After a run completed: whether its trial goes on, judged across runs against every other trial. */
  const prunedAcrossRuns = (index: number, run: number): boolean => {
    const { layout } = curves[index];
    if (!options.acrossRuns || !layout) return false;
    const decision = decideAcrossRuns({
      goal: options.goal,
      layout,
      values: runValues[index],
      others: curves.flatMap((other, o) => (o !== index && other.runs ? [{ values: runValues[o], completed: completed[o] }] : [])),
      settings: options.acrossRuns,
    });
    if (decision.action !== 'prune') return false;
    prune(index, { step: null, run }, decision.reason);
    return true;
  };

  /**
   * Moves the trial past its runs whose reports are all consumed: a completed run may prune it
   * across runs, the next run starts; after its last it ends. Whether it still runs.
   */
  const advance = (trial: Running): boolean => {
    const own = segments[trial.index];
    while (trial.consumed === own[trial.run].points.length) {
      const ended = own[trial.run];
      if (ended.key !== null && ended.endState === 'completed') {
        runValues[trial.index].push(ended.result);
        if (prunedAcrossRuns(trial.index, trial.run)) return false;
      }
      if (trial.run === own.length - 1) {
        completed[trial.index] = curves[trial.index].endState === 'completed';
        completingNext.push(trial.index);
        return false;
      }
      trial.run++;
      trial.consumed = 0;
      if (curves[trial.index].runs) results[trial.index].runsRun = trial.run + 1;
    }
    return true;
  };

  const startTrials = () => {
    while (running.length < options.concurrency && nextToStart < curves.length) {
      const index = nextToStart++;
      study.addTrial(ids[index]);
      const trial = { index, run: 0, consumed: 0 };
      if (curves[index].runs) results[index].runsRun = Math.min(1, curves[index].runs!.length);
      // A trial with no runs recorded ends the moment it starts.
      if (segments[index].length === 0) completingNext.push(index);
      else if (advance(trial)) running.push(trial);
    }
  };

  startTrials();
  while (running.length > 0 || completingNext.length > 0) {
    for (const index of completingNext) study.setState(ids[index], curves[index].endState);
    completingNext = [];
    const stillRunning: Running[] = [];
    for (const trial of running) {
      const run = segments[trial.index][trial.run];
      const point = run.points[trial.consumed++];
      const decision = study.report(ids[trial.index], point.step, point.value, point.context);
      const result = results[trial.index];
      result.stepsRun++;
      if (decision.action === 'prune') {
        const reason = run.key === null ? decision.reason : runEndReason(run.key, 'pruned', decision.reason);
        prune(trial.index, { step: point.step, run: trial.run }, reason);
      } else if (advance(trial)) {
        stillRunning.push(trial);
      }
    }
    running = stillRunning;
    startTrials();
  }
  return { trials: results, summary: summarise(curves, results, options.goal) };
}

export function summarise(curves: readonly ReplayCurve[], results: ReplayTrialResult[], goal: Goal): ReplaySummary {
  const stepsFull = curves.map(segmentsOf).reduce((sum, own) => sum + own.reduce((n, run) => n + run.points.length, 0), 0);
  const stepsRun = results.reduce((sum, result) => sum + result.stepsRun, 0);
  const better = (a: number, b: number) => (goal === 'minimize' ? a < b : a > b);
  let bestOverall: number | null = null;
  let bestKept: number | null = null;
  const finalValue = (index: number) => {
    const { runs, objective, points } = curves[index];
    if (runs) return objective ?? Number.NaN;
    return points.length === 0 ? Number.NaN : points[points.length - 1].value;
  };
  curves.forEach((curve, index) => {
    if (curve.endState !== 'completed') return;
    const value = finalValue(index);
    if (Number.isNaN(value)) return;
    if (bestOverall === null || better(value, finalValue(bestOverall))) bestOverall = index;
    if (!results[index].pruned && (bestKept === null || better(value, finalValue(bestKept)))) {
      bestKept = index;
    }
  });
  const idOf = (index: number | null) => (index === null ? null : curves[index].id);
  return {
    ...(curves.some((curve) => curve.runs) && runsSummary(curves, results)),
    stepsRun,
    stepsFull,
    savedFraction: stepsFull === 0 ? 0 : 1 - stepsRun / stepsFull,
    bestKept: idOf(bestKept),
    bestOverall: idOf(bestOverall),
    bestSurvived: bestOverall !== null && !results[bestOverall as number].pruned,
  };
}

function runsSummary(curves: readonly ReplayCurve[], results: ReplayTrialResult[]) {
  const runsFull = curves.reduce((sum, curve) => sum + (curve.runs?.length ?? 0), 0);
  const runsRun = results.reduce((sum, result) => sum + (result.runsRun ?? 0), 0);
  return { runsRun, runsFull, runsSavedFraction: runsFull === 0 ? 0 : 1 - runsRun / runsFull };
}
