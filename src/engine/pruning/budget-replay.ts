/**
 * Replay of a budget sweep: its recorded level runs fed through the promotion rules
 * (budget/promotion.ts, the live sweep's) and a pruner, as if the sweep ran again.
 *
 * Time model (`concurrency` N slots): each level run takes the time it took when recorded, and
 * its reports come at the times they came, counted from its start. Whenever a slot is free the
 * ladder is asked, as the live sweep asks it: verdicts of not promoted are carried out, then the
 * best promotion launches its next level's run; only when there is none does the next trial (in
 * ascending id) start at its start level. With N = 1, as a sweep with `parallel: 1` ran, this is
 * the order it ran in.
 *
 * Only levels that were run can be judged: a promotion to a level with no record (another
 * reduction factor, or another order) is reported as such, the trial stops there and keeps its
 * place in its rung, and no score is made up for it.
 */
import type { Pruner } from '../../plugin-api/pruner.js';
import type { TrialState } from '../../plugin-api/trial-state.js';
import { decidePromotions, type LadderTrial } from '../budget/promotion.js';
import { runEndReason } from '../sweep/run-end-reason.js';
import {
  type ReplayCurve,
  type ReplayOptions,
  type ReplayRun,
  type ReplayTrialResult,
  startingResult,
  studyIds,
  summarise,
} from './replay.js';
import { createPruningStudy } from './study.js';

export interface ReplayBudget {
  levels: number[];
  reductionFactor: number;
  schedule: 'asha' | 'hyperband';
}

interface Running {
  index: number;
  run: ReplayRun;
  /** Position of the run in its trial's recorded runs. */
  position: number;
  startedAt: number;
  consumed: number;
}

interface Rung {
  results: Map<number, number>;
  running: number | null;
  ended: boolean;
}

export function replayBudget(curves: readonly ReplayCurve[], pruner: Pruner, options: ReplayOptions, budget: ReplayBudget) {
  const study = createPruningStudy(pruner, options);
  const ids = studyIds(curves);
  const { levels } = budget;
  const top = levels.length - 1;
  const results: ReplayTrialResult[] = curves.map((curve) => ({
    ...startingResult(curve),
    runsRun: 0,
    prunedAtRun: null,
    level: null,
    budget: null,
    noRecord: null,
  }));
  const rungs: Rung[] = curves.map(() => ({ results: new Map(), running: null, ended: false }));
  let budgetRun = 0;
  let clock = 0;
  let nextToStart = 0;
  let active: Running[] = [];

  const end = (index: number, state: TrialState, reason: string | null) => {
    rungs[index].ended = true;
    rungs[index].running = null;
    if (state === 'pruned') Object.assign(results[index], { pruned: true, reason });
    study.setState(ids[index], state);
  };

  const launch = (index: number, level: number): boolean => {
    const own = curves[index].runs ?? [];
    const position = own.findIndex((run) => run.level === level);
    if (position === -1) return false;
    active.push({ index, run: own[position], position, startedAt: clock, consumed: 0 });
    rungs[index].running = level;
    results[index].runsRun! += 1;
    Object.assign(results[index], { level, budget: levels[level] });
    budgetRun += levels[level];
    return true;
  };

  const ladder = (): LadderTrial[] =>
    rungs.flatMap((rung, index) =>
      index < nextToStart
        ? [{ id: index, bracket: curves[index].ladder?.bracket ?? null, startLevel: startLevel(curves[index]), ...rung }]
        : [],
    );

  /** The ladder's verdicts carried out; then one launch per free slot, a promotion before a new trial. */
  const fillSlots = () => {
    while (active.length < options.concurrency) {
      const { promote, notPromoted } = decidePromotions(ladder(), { ...budget, goal: options.goal, closed: nextToStart >= curves.length });
      for (const { id, reason } of notPromoted) if (!rungs[id].ended) end(id, 'pruned', reason);
      const launched = promote.some(({ id, level }) => {
        if (rungs[id].ended || rungs[id].running !== null) return false;
        if (launch(id, level)) return true;
        // it would go on, but that level was never run: it stops here, holding its place in the rung
        rungs[id].ended = true;
        results[id].noRecord = { level, budget: levels[level] };
        return false;
      });
      if (launched) continue;
      if (nextToStart >= curves.length) return;
      const index = nextToStart++;
      study.addTrial(ids[index]);
      if (!launch(index, startLevel(curves[index]))) end(index, curves[index].endState, null);
    }
  };

  const duration = (run: ReplayRun) => Math.max(0, run.durationMs ?? 0);
  const reportAt = (trial: Running) =>
    trial.startedAt + Math.min(duration(trial.run), Math.max(0, trial.run.points[trial.consumed].atMs ?? 0));
  const nextEvent = (trial: Running) =>
    trial.consumed < trial.run.points.length ? reportAt(trial) : trial.startedAt + duration(trial.run);

  /** Its events due by now; whether its run goes on. */
  const step = (trial: Running): boolean => {
    const { index, run } = trial;
    while (trial.consumed < run.points.length && reportAt(trial) <= clock) {
      const point = run.points[trial.consumed++];
      results[index].stepsRun++;
      const decision = study.report(ids[index], point.step, point.value, point.context);
      if (decision.action === 'prune') {
        results[index].prunedAtStep = point.step;
        results[index].prunedAtRun = trial.position;
        end(index, 'pruned', runEndReason(run.key, 'pruned', decision.reason));
        return false;
      }
    }
    if (trial.consumed < run.points.length || trial.startedAt + duration(run) > clock) return true;
    const level = run.level!;
    rungs[index].running = null;
    if (run.endState !== 'completed') end(index, run.endState, runEndReason(run.key, run.endState, null));
    else {
      rungs[index].results.set(level, run.result);
      if (level === top) end(index, 'completed', null);
    }
    return false;
  };

  fillSlots();
  while (active.length > 0) {
    clock = Math.min(...active.map(nextEvent));
    active = active.filter(step);
    fillSlots();
  }

  const budgetRecorded = curves.reduce((sum, curve) => sum + (curve.runs ?? []).reduce((n, run) => n + levels[run.level!], 0), 0);
  return {
    trials: results,
    summary: {
      ...summarise(curves, results, options.goal),
      budgetRun,
      budgetRecorded,
      budgetSavedFraction: budgetRecorded === 0 ? 0 : 1 - budgetRun / budgetRecorded,
      promotionsWithoutRecord: results.filter((result) => result.noRecord !== null).length,
    },
  };
}

function startLevel(curve: ReplayCurve): number {
  return curve.ladder?.startLevel ?? curve.runs?.[0]?.level ?? 0;
}
